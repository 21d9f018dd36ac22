"""Writes of indicators (apps.programmes.services): their aggregation, direction and dates.

A broken constraint comes back as a ValidationError, never an IntegrityError (refusals.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.programmes.models import Indicator
from apps.programmes.services import indicator_create, indicator_update
from tests.factories import IndicatorFactory
from tests.programmes.refusals import errors_of

# --------------------------------------------------------------------------------------------
# Indicators
# --------------------------------------------------------------------------------------------


def test_indicator_is_created_with_its_rules_met(output, alice):
    indicator = indicator_create(
        actor=alice,
        output=output,
        code="1.1.a",
        name="Methamphetamine seized",
        unit="kg",
        baseline_value=Decimal("0"),
        target_value=Decimal("500"),
    )

    assert indicator.version == 1
    assert indicator.history.first().history_user == alice


def test_percentage_indicator_summing_its_periods_is_refused(output):
    with pytest.raises(ValidationError) as caught:
        indicator_create(
            output=output, code="1.1.a", name="Prevalence", measure="percentage", aggregation="sum"
        )

    assert "aggregation" in errors_of(caught)
    assert not Indicator.objects.exists()


def test_percentage_indicator_using_the_latest_level_is_allowed(output):
    indicator = indicator_create(
        output=output, code="1.1.a", name="Prevalence", measure="percentage", aggregation="latest"
    )

    assert indicator.aggregation == "latest"


def test_indicator_turned_into_a_summed_percentage_is_refused(output):
    indicator = IndicatorFactory(output=output, measure="number", aggregation="sum")

    with pytest.raises(ValidationError) as caught:
        indicator_update(indicator=indicator, version=1, measure="percentage")

    assert "aggregation" in errors_of(caught)
    indicator.refresh_from_db()
    assert (indicator.measure, indicator.version) == ("number", 1)


@pytest.mark.parametrize(
    ("direction", "baseline", "target"),
    [
        ("increase", "10", "5"),
        ("increase", "10", "10"),
        ("decrease", "10", "15"),
        ("decrease", "10", "10"),
    ],
)
def test_target_on_the_wrong_side_of_the_baseline_is_refused(output, direction, baseline, target):
    with pytest.raises(ValidationError) as caught:
        indicator_create(
            output=output,
            code="1.1.a",
            name="Cases",
            direction=direction,
            baseline_value=Decimal(baseline),
            target_value=Decimal(target),
        )

    assert "target_value" in errors_of(caught)
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(("direction", "target"), [("increase", "11"), ("decrease", "9")])
def test_target_on_the_direction_side_of_the_baseline_is_allowed(output, direction, target):
    indicator = indicator_create(
        output=output,
        code="1.1.a",
        name="Cases",
        direction=direction,
        baseline_value=Decimal("10"),
        target_value=Decimal(target),
    )

    assert indicator.target_value == Decimal(target)


def test_indicator_direction_flipped_without_moving_the_target_is_refused(output):
    indicator = indicator_create(
        output=output,
        code="1.1.a",
        name="Cases",
        baseline_value=Decimal("10"),
        target_value=Decimal("20"),
    )

    with pytest.raises(ValidationError) as caught:
        indicator_update(indicator=indicator, version=1, direction="decrease")

    assert "target_value" in errors_of(caught)
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.version) == ("increase", 1)


def test_indicator_baseline_moved_past_a_decreasing_target_is_refused(output):
    indicator = indicator_create(
        output=output,
        code="1.1.a",
        name="Prevalence",
        measure="percentage",
        direction="decrease",
        aggregation="latest",
        baseline_value=Decimal("40"),
        target_value=Decimal("20"),
    )

    with pytest.raises(ValidationError) as caught:
        indicator_update(indicator=indicator, version=1, baseline_value=Decimal("15"))

    assert "target_value" in errors_of(caught)
    indicator.refresh_from_db()
    assert indicator.baseline_value == Decimal("40")


def test_indicator_target_date_before_baseline_date_is_refused(output):
    with pytest.raises(ValidationError) as caught:
        indicator_create(
            output=output,
            code="1.1.a",
            name="Cases",
            baseline_date=date(2019, 1, 1),
            target_date=date(2018, 1, 1),
        )

    assert "target_date" in errors_of(caught)


def test_indicator_code_is_unique_within_its_output(output):
    indicator_create(output=output, code="1.1.a", name="Cases")

    with pytest.raises(ValidationError):
        indicator_create(output=output, code="1.1.a", name="Other cases")

    assert output.indicators.count() == 1
