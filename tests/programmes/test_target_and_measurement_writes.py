"""Writes of period targets and measurements (apps.programmes.services).

A broken constraint comes back as a ValidationError, never an IntegrityError (refusals.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.services import VersionConflict
from apps.programmes.models import Indicator, Measurement, Target
from apps.programmes.services import (
    measurement_create,
    measurement_update,
    target_create,
    target_update,
)
from tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory
from tests.programmes.refusals import assert_refused_on_the_end_date, errors_of

# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def test_period_target_is_created_and_updated_with_its_version(output, alice):
    indicator = IndicatorFactory(output=output)
    target = target_create(
        actor=alice,
        indicator=indicator,
        period_start=date(2018, 1, 1),
        period_end=date(2018, 12, 31),
        value=Decimal("25"),
    )

    updated = target_update(target=target, actor=alice, version=1, value=Decimal("30"))

    assert (updated.value, updated.version) == (Decimal("30"), 2)
    assert updated.history.first().history_user == alice


def test_target_period_ending_before_it_starts_is_refused(output):
    indicator = IndicatorFactory(output=output)

    with pytest.raises(ValidationError) as caught:
        target_create(
            indicator=indicator,
            period_start=date(2018, 12, 31),
            period_end=date(2018, 1, 1),
            value=Decimal("25"),
        )

    assert_refused_on_the_end_date(caught.value)
    assert not Target.objects.exists()


def test_target_update_to_end_before_start_is_refused(output):
    target = TargetFactory(indicator=IndicatorFactory(output=output))

    with pytest.raises(ValidationError) as caught:
        target_update(target=target, version=1, period_end=date(2017, 1, 1))

    assert_refused_on_the_end_date(caught.value)
    target.refresh_from_db()
    assert target.version == 1


def test_second_target_for_the_same_period_is_refused(output):
    target = TargetFactory(indicator=IndicatorFactory(output=output))

    with pytest.raises(ValidationError):
        target_create(
            indicator=target.indicator,
            period_start=target.period_start,
            period_end=target.period_end,
            value=Decimal("99"),
        )

    assert target.indicator.targets.count() == 1


def test_target_indicator_cannot_be_changed(output):
    target = TargetFactory(indicator=IndicatorFactory(output=output))

    with pytest.raises(ValidationError) as caught:
        target_update(target=target, version=1, indicator=IndicatorFactory(output=output))

    assert "indicator" in errors_of(caught)


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


def year(indicator: Indicator, y: int, **fields) -> Measurement:
    return measurement_create(
        indicator=indicator, period_start=date(y, 1, 1), period_end=date(y, 12, 31), **fields
    )


def test_measurement_records_who_recorded_it(output, alice):
    indicator = IndicatorFactory(output=output)

    measurement = year(indicator, 2018, actor=alice, value=Decimal("12.5"))

    assert measurement.recorded_by == alice
    assert measurement.history.first().history_user == alice
    assert measurement.value == Decimal("12.5")


def test_one_measurement_per_indicator_and_period(output):
    indicator = IndicatorFactory(output=output)
    year(indicator, 2018, value=Decimal("1"))

    with pytest.raises(ValidationError) as caught:
        year(indicator, 2018, value=Decimal("2"))

    assert "This indicator already has a measurement for the period." in caught.value.messages
    assert indicator.measurements.get().value == Decimal("1")


def test_same_period_may_be_measured_for_another_indicator(output):
    first, second = IndicatorFactory(output=output), IndicatorFactory(output=output)
    year(first, 2018, value=Decimal("1"))

    assert year(second, 2018, value=Decimal("1")).pk is not None


def test_measurement_period_ending_before_it_starts_is_refused(output):
    indicator = IndicatorFactory(output=output)

    with pytest.raises(ValidationError) as caught:
        measurement_create(
            indicator=indicator,
            period_start=date(2019, 1, 1),
            period_end=date(2018, 1, 1),
            value=Decimal("1"),
        )

    assert_refused_on_the_end_date(caught.value)
    assert not Measurement.objects.exists()


def test_measurement_update_to_end_before_start_is_refused(output):
    measurement = MeasurementFactory(indicator=IndicatorFactory(output=output))

    with pytest.raises(ValidationError) as caught:
        measurement_update(measurement=measurement, version=1, period_end=date(2017, 6, 30))

    assert_refused_on_the_end_date(caught.value)
    measurement.refresh_from_db()
    assert measurement.version == 1


def test_qualitative_measurement_needs_a_narrative(output):
    indicator = IndicatorFactory(output=output, measure="qualitative")

    with pytest.raises(ValidationError) as caught:
        year(indicator, 2018, narrative="   ")

    assert "narrative" in errors_of(caught)
    assert not Measurement.objects.exists()


def test_qualitative_measurement_with_a_narrative_needs_no_value(output):
    indicator = IndicatorFactory(output=output, measure="qualitative")

    measurement = year(indicator, 2018, narrative="SOP adopted by the national police.")

    assert measurement.value is None


@pytest.mark.parametrize("measure", ["number", "percentage"])
def test_numeric_measurement_needs_a_value(output, measure):
    indicator = IndicatorFactory(output=output, measure=measure, aggregation="latest")

    with pytest.raises(ValidationError) as caught:
        year(indicator, 2018, narrative="Roughly more than last year.")

    assert "value" in errors_of(caught)
    assert not Measurement.objects.exists()


def test_measurement_value_cannot_be_cleared_on_a_numeric_indicator(output):
    measurement = MeasurementFactory(indicator=IndicatorFactory(output=output))

    with pytest.raises(ValidationError) as caught:
        measurement_update(measurement=measurement, version=1, value=None)

    assert "value" in errors_of(caught)
    measurement.refresh_from_db()
    assert measurement.value == Decimal("5")


@pytest.mark.parametrize("value", ["-0.01", "100.01", "150"])
def test_percentage_measurement_outside_zero_to_hundred_is_refused(output, value):
    indicator = IndicatorFactory(output=output, measure="percentage", aggregation="latest")

    with pytest.raises(ValidationError) as caught:
        year(indicator, 2018, value=Decimal(value))

    assert "value" in errors_of(caught)
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("value", ["0", "100", "37.5"])
def test_percentage_measurement_within_zero_to_hundred_is_allowed(output, value):
    indicator = IndicatorFactory(output=output, measure="percentage", aggregation="latest")

    assert year(indicator, 2018, value=Decimal(value)).value == Decimal(value)


def test_percentage_measurement_corrected_above_hundred_is_refused(output):
    indicator = IndicatorFactory(output=output, measure="percentage", aggregation="latest")
    measurement = year(indicator, 2018, value=Decimal("40"))

    with pytest.raises(ValidationError) as caught:
        measurement_update(measurement=measurement, version=1, value=Decimal("140"))

    assert "value" in errors_of(caught)
    measurement.refresh_from_db()
    assert (measurement.value, measurement.version) == (Decimal("40"), 1)


def test_measurement_correction_with_stale_version_is_refused(output, alice, bob):
    measurement = year(IndicatorFactory(output=output), 2018, value=Decimal("10"))
    measurement_update(measurement=measurement, actor=alice, version=1, value=Decimal("11"))

    with pytest.raises(VersionConflict):
        measurement_update(measurement=measurement, actor=bob, version=1, value=Decimal("12"))

    measurement.refresh_from_db()
    assert measurement.value == Decimal("11")
    assert measurement.history.first().history_user == alice
