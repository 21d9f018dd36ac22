"""The expected share on a date (expected_at): how much of the timeline has elapsed."""

from __future__ import annotations

from datetime import date

import pytest

from apps.programmes.progress import expected_at
from tests.programmes.progress_specs import D, sum_spec

# --- expected_at ---------------------------------------------------------------------------


def test_expected_is_zero_before_the_timeline_starts() -> None:
    assert expected_at(sum_spec(), date(2023, 6, 1)) == D("0")


def test_expected_is_zero_on_the_start_date() -> None:
    assert expected_at(sum_spec(), date(2024, 1, 1)) == D("0")


def test_expected_is_one_after_the_timeline_ends() -> None:
    assert expected_at(sum_spec(), date(2026, 3, 1)) == D("1")


def test_expected_is_one_on_the_end_date() -> None:
    assert expected_at(sum_spec(), date(2025, 1, 1)) == D("1")


def test_expected_is_half_at_the_midpoint() -> None:
    # 2024 is a leap year: 366 days from 2024-01-01 to 2025-01-01, so day 183 is the middle.
    assert expected_at(sum_spec(), date(2024, 7, 2)) == D("0.5")


def test_expected_is_the_elapsed_share_to_four_places() -> None:
    spec = sum_spec(baseline_date=date(2024, 1, 1), target_date=date(2024, 1, 4))
    result = expected_at(spec, date(2024, 1, 2))
    assert result == D("0.3333")
    assert result is not None
    assert result.as_tuple().exponent == -4


def test_expected_falls_back_to_output_dates() -> None:
    spec = sum_spec(
        baseline_date=None,
        target_date=None,
        output_start=date(2030, 1, 1),
        output_end=date(2030, 1, 11),
    )
    assert expected_at(spec, date(2030, 1, 6)) == D("0.5")


def test_expected_prefers_baseline_and_target_dates_over_output_dates() -> None:
    spec = sum_spec(output_start=date(2000, 1, 1), output_end=date(2000, 12, 31))
    assert expected_at(spec, date(2024, 7, 2)) == D("0.5")


def test_expected_mixes_baseline_date_with_output_end() -> None:
    spec = sum_spec(baseline_date=date(2030, 1, 1), target_date=None, output_end=date(2030, 1, 5))
    assert expected_at(spec, date(2030, 1, 2)) == D("0.25")


def test_expected_mixes_output_start_with_target_date() -> None:
    spec = sum_spec(baseline_date=None, output_start=date(2030, 1, 1), target_date=date(2030, 1, 5))
    assert expected_at(spec, date(2030, 1, 4)) == D("0.75")


def test_expected_is_none_without_any_start_date() -> None:
    spec = sum_spec(baseline_date=None, output_start=None, output_end=date(2030, 1, 1))
    assert expected_at(spec, date(2025, 1, 1)) is None


def test_expected_is_none_without_any_end_date() -> None:
    spec = sum_spec(target_date=None, output_end=None, output_start=date(2020, 1, 1))
    assert expected_at(spec, date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2024, 5, 31), D("0"), id="before-end"),
        pytest.param(date(2024, 6, 1), D("1"), id="on-end"),
        pytest.param(date(2024, 6, 2), D("1"), id="after-end"),
    ],
)
def test_expected_on_a_zero_length_timeline_jumps_at_the_end(on: date, expected: D) -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 1), target_date=date(2024, 6, 1))
    assert expected_at(spec, on) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2024, 5, 31), D("0"), id="before-end"),
        pytest.param(date(2024, 6, 1), D("1"), id="on-end"),
        pytest.param(date(2024, 6, 5), D("1"), id="between-end-and-start"),
        pytest.param(date(2024, 7, 1), D("1"), id="after-start"),
    ],
)
def test_expected_on_a_backwards_timeline_jumps_at_the_end(on: date, expected: D) -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 10), target_date=date(2024, 6, 1))
    assert expected_at(spec, on) == expected
