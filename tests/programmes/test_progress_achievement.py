"""Achievement: the share of the way from baseline to target an actual value has covered."""

from __future__ import annotations

import pytest

from apps.programmes.progress import achievement
from tests.programmes.progress_specs import D, latest_spec, sum_spec

# --- achievement ---------------------------------------------------------------------------


def test_achievement_is_distance_covered_from_baseline_to_target() -> None:
    assert achievement(latest_spec(), D("15")) == D("0.5")


def test_achievement_is_returned_to_four_places() -> None:
    result = achievement(latest_spec(), D("15"))
    assert result is not None
    assert result.as_tuple().exponent == -4


def test_achievement_rounds_half_up_at_the_fifth_place() -> None:
    spec = sum_spec(target_value=D("100000"))
    assert achievement(spec, D("12345")) == D("0.1235")
    assert achievement(spec, D("-12345")) == D("-0.1235")
    assert achievement(spec, D("12344.9")) == D("0.1234")


def test_achievement_of_a_third_rounds_to_four_places() -> None:
    assert achievement(sum_spec(target_value=D("3")), D("1")) == D("0.3333")


def test_achievement_over_one_is_not_capped() -> None:
    assert achievement(latest_spec(), D("23")) == D("1.3")


def test_achievement_below_the_baseline_is_negative() -> None:
    assert achievement(latest_spec(), D("8")) == D("-0.2")


def test_sum_with_blank_baseline_counts_from_zero() -> None:
    spec = sum_spec(baseline_value=None, target_value=D("200"))
    assert achievement(spec, D("50")) == D("0.25")


def test_latest_with_blank_baseline_has_no_achievement() -> None:
    assert achievement(latest_spec(baseline_value=None), D("15")) is None


def test_achievement_is_none_without_a_target() -> None:
    assert achievement(latest_spec(target_value=None), D("15")) is None
    assert achievement(sum_spec(target_value=None), D("15")) is None


def test_achievement_is_none_without_an_actual() -> None:
    assert achievement(latest_spec(), None) is None


def test_achievement_is_none_when_target_equals_baseline() -> None:
    assert achievement(latest_spec(target_value=D("10.0")), D("15")) is None


def test_achievement_is_none_when_blank_sum_baseline_meets_a_zero_target() -> None:
    assert achievement(sum_spec(baseline_value=None, target_value=D("0")), D("5")) is None


def test_qualitative_indicator_has_no_achievement() -> None:
    assert achievement(latest_spec(measure="qualitative"), D("15")) is None


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        pytest.param("7.5", "0.5", id="improvement"),
        pytest.param("12", "-0.4", id="worsening-is-negative"),
        pytest.param("4", "1.2", id="overshoot-exceeds-one"),
        pytest.param("10", "0", id="no-change"),
        pytest.param("5", "1", id="target-met"),
    ],
)
def test_decrease_direction_uses_the_same_formula(actual: str, expected: str) -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D("5"))
    assert achievement(spec, D(actual)) == D(expected)
