"""Indicator specs of apps.programmes.progress: how they are built, and which rules
validate_spec checks."""

from __future__ import annotations

from datetime import date

import pytest

from apps.programmes.progress import Aggregation, Direction, IndicatorSpec, validate_spec
from tests.programmes.progress_specs import D, latest_spec, sum_spec

# --- IndicatorSpec -------------------------------------------------------------------------


def test_spec_turns_plain_strings_into_enums() -> None:
    spec = IndicatorSpec(aggregation="latest", direction="decrease")
    assert spec.aggregation is Aggregation.LATEST
    assert spec.direction is Direction.DECREASE


def test_spec_defaults_to_an_increasing_number() -> None:
    spec = IndicatorSpec(aggregation=Aggregation.SUM)
    assert spec.direction is Direction.INCREASE
    assert spec.measure == "number"


@pytest.mark.parametrize(
    ("field", "value"), [("aggregation", "average"), ("direction", "sideways")]
)
def test_spec_rejects_unknown_enum_strings(field: str, value: str) -> None:
    kwargs = {"aggregation": "sum", field: value}
    with pytest.raises(ValueError, match=value):
        IndicatorSpec(**kwargs)  # type: ignore[arg-type]


def test_spec_is_immutable() -> None:
    spec = IndicatorSpec(aggregation="sum")
    with pytest.raises(AttributeError):
        spec.aggregation = Aggregation.LATEST  # type: ignore[misc]


# --- validate_spec -------------------------------------------------------------------------


def test_valid_increasing_sum_indicator_has_no_errors() -> None:
    assert validate_spec(sum_spec()) == {}


def test_indicator_without_values_or_dates_has_no_errors() -> None:
    assert validate_spec(IndicatorSpec(aggregation="sum")) == {}


def test_percentage_indicator_must_use_latest_aggregation() -> None:
    errors = validate_spec(IndicatorSpec(aggregation="sum", measure="percentage"))
    assert set(errors) == {"aggregation"}
    assert "latest" in errors["aggregation"]


def test_number_indicator_may_use_sum_aggregation() -> None:
    assert validate_spec(IndicatorSpec(aggregation="sum", measure="number")) == {}


@pytest.mark.parametrize("target", ["10", "9"])
def test_increasing_indicator_needs_a_target_above_the_baseline(target: str) -> None:
    errors = validate_spec(latest_spec(baseline_value=D("10"), target_value=D(target)))
    assert set(errors) == {"target_value"}
    assert "above the baseline" in errors["target_value"]


@pytest.mark.parametrize("target", ["10", "11"])
def test_decreasing_indicator_needs_a_target_below_the_baseline(target: str) -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D(target))
    errors = validate_spec(spec)
    assert set(errors) == {"target_value"}
    assert "below the baseline" in errors["target_value"]


def test_decreasing_indicator_with_a_lower_target_is_valid() -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D("5"))
    assert validate_spec(spec) == {}


def test_target_direction_is_not_checked_without_a_baseline_value() -> None:
    assert validate_spec(sum_spec(baseline_value=None, target_value=D("-5"))) == {}


def test_target_date_cannot_precede_the_baseline_date() -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 2), target_date=date(2024, 6, 1))
    errors = validate_spec(spec)
    assert set(errors) == {"target_date"}
    assert "before the baseline date" in errors["target_date"]


def test_target_date_may_equal_the_baseline_date() -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 1), target_date=date(2024, 6, 1))
    assert validate_spec(spec) == {}


def test_validation_reports_every_broken_rule_at_once() -> None:
    spec = IndicatorSpec(
        aggregation="sum",
        measure="percentage",
        baseline_value=D("5"),
        target_value=D("4"),
        baseline_date=date(2024, 1, 1),
        target_date=date(2023, 1, 1),
    )
    assert set(validate_spec(spec)) == {"aggregation", "target_value", "target_date"}
