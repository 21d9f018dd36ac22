"""Writes of programmes and their results frameworks (apps.programmes.services).

Every database constraint of apps/programmes/models.py is reached through a service here and
must come back as a ValidationError, never as an IntegrityError from the database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.core.services import VersionConflict
from apps.programmes.models import Indicator, Measurement, Output, Programme, Target
from apps.programmes.services import (
    indicator_create,
    indicator_update,
    measurement_create,
    measurement_update,
    outcome_create,
    outcome_update,
    output_create,
    output_update,
    programme_create,
    programme_update,
    target_create,
    target_update,
)
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    TargetFactory,
)


def assert_refused_on_the_end_date(error: ValidationError) -> None:
    """The date-order error is reported on the later field, not on the record as a whole."""
    fields = {"end_date", "period_end"} & set(error.message_dict)
    assert fields, error.message_dict
    assert "must not be before" in " ".join(error.message_dict[fields.pop()])


def new_programme(**overrides) -> Programme:
    fields = {
        "code": "IDN-CP-2017",
        "title": "Country Programme for Indonesia 2017–2020",
        "country": "IDN",
        "agency": "UNODC",
        "start_date": date(2017, 1, 1),
        "end_date": date(2020, 12, 31),
    } | overrides
    return programme_create(**fields)


def errors_of(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return caught.value.message_dict


# --------------------------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------------------------


def test_programme_is_created_with_default_thresholds_and_its_sources(db, alice):
    source = SourceFactory()

    programme = new_programme(actor=alice, budget=Decimal("12500000.00"), sources=[source])

    programme.refresh_from_db()
    assert programme.version == 1
    assert programme.ambiguity_threshold == programme.conflict_threshold == Decimal("0.5")
    assert programme.budget == Decimal("12500000.00")
    assert list(programme.sources.all()) == [source]
    assert programme.history.first().history_user == alice


def test_programme_budget_may_be_unknown(db):
    assert new_programme(budget=None).budget is None


def test_programme_ending_before_it_starts_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        new_programme(start_date=date(2020, 1, 1), end_date=date(2019, 12, 31))

    assert_refused_on_the_end_date(caught.value)
    assert not Programme.objects.exists()


def test_programme_may_end_on_the_day_it_starts(db):
    programme = new_programme(start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))

    assert programme.pk is not None


def test_programme_update_to_end_before_start_is_refused_and_version_kept(programme):
    with pytest.raises(ValidationError) as caught:
        programme_update(programme=programme, version=1, end_date=date(2016, 12, 31))

    assert_refused_on_the_end_date(caught.value)
    programme.refresh_from_db()
    assert programme.version == 1


def test_programme_code_is_unique(programme):
    with pytest.raises(ValidationError) as caught:
        new_programme(code=programme.code)

    assert "code" in errors_of(caught)
    assert Programme.objects.filter(code=programme.code).count() == 1


def test_negative_programme_budget_is_refused(db):
    with pytest.raises(ValidationError):
        new_programme(budget=Decimal("-1"))

    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ambiguity_threshold", Decimal("-0.01")),
        ("ambiguity_threshold", Decimal("1.01")),
        ("conflict_threshold", Decimal("-0.5")),
        ("conflict_threshold", Decimal("1.5")),
    ],
)
def test_threshold_outside_zero_to_one_is_refused(db, field, value):
    with pytest.raises(ValidationError) as caught:
        new_programme(**{field: value})

    assert field in errors_of(caught)
    assert not Programme.objects.exists()


@pytest.mark.parametrize("value", [Decimal("0"), Decimal("1")])
def test_threshold_at_either_end_of_the_unit_interval_is_allowed(db, value):
    programme = new_programme(ambiguity_threshold=value, conflict_threshold=value)

    assert programme.ambiguity_threshold == programme.conflict_threshold == value


def test_programme_threshold_update_outside_zero_to_one_is_refused(programme):
    with pytest.raises(ValidationError) as caught:
        programme_update(programme=programme, version=1, conflict_threshold=Decimal("2"))

    assert "conflict_threshold" in errors_of(caught)
    programme.refresh_from_db()
    assert programme.conflict_threshold == Decimal("0.5")


def test_programme_update_with_stale_version_is_refused(programme, alice):
    programme_update(programme=programme, actor=alice, version=1, title="First edit")

    with pytest.raises(VersionConflict):
        programme_update(programme=programme, version=1, title="Second edit")

    programme.refresh_from_db()
    assert (programme.title, programme.version) == ("First edit", 2)


# --------------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------------


def test_outcome_is_created_under_its_programme(programme, alice):
    outcome = outcome_create(actor=alice, programme=programme, code="SP1", title="Drugs", order=1)

    assert list(programme.outcomes.all()) == [outcome]
    assert outcome.history.first().history_user == alice


def test_outcome_code_is_unique_within_a_programme(programme):
    outcome_create(programme=programme, code="SP1", title="Drugs")

    with pytest.raises(ValidationError):
        outcome_create(programme=programme, code="SP1", title="Crime")

    assert programme.outcomes.count() == 1


def test_same_outcome_code_is_allowed_in_another_programme(programme):
    outcome_create(programme=programme, code="SP1", title="Drugs")

    other = outcome_create(programme=ProgrammeFactory(), code="SP1", title="Drugs")

    assert other.pk is not None


def test_outcome_cannot_be_moved_to_another_programme(outcome):
    with pytest.raises(ValidationError) as caught:
        outcome_update(outcome=outcome, version=1, programme=ProgrammeFactory())

    assert "programme" in errors_of(caught)


def test_outcome_update_raises_its_version(outcome):
    updated = outcome_update(outcome=outcome, version=1, title="Criminal justice", order=3)

    assert (updated.version, updated.title, updated.order) == (2, "Criminal justice", 3)


# --------------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------------


def test_output_takes_its_programme_from_its_outcome(outcome, alice):
    output = output_create(actor=alice, outcome=outcome, code="1.1", title="Seizures")

    output.refresh_from_db()
    assert output.programme == outcome.programme
    assert output.history.first().history_user == alice


def test_output_ending_before_it_starts_is_refused(outcome):
    with pytest.raises(ValidationError) as caught:
        output_create(
            outcome=outcome,
            code="1.1",
            title="Seizures",
            start_date=date(2019, 1, 1),
            end_date=date(2018, 1, 1),
        )

    assert_refused_on_the_end_date(caught.value)
    assert not Output.objects.exists()


def test_output_update_to_end_before_start_is_refused(output):
    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, end_date=date(2016, 1, 1))

    assert_refused_on_the_end_date(caught.value)
    output.refresh_from_db()
    assert output.version == 1


def test_output_code_twice_in_one_programme_is_refused_even_across_outcomes(outcome):
    output_create(outcome=outcome, code="1.1", title="Seizures")
    sibling = OutcomeFactory(programme=outcome.programme)

    with pytest.raises(ValidationError):
        output_create(outcome=sibling, code="1.1", title="Another")

    assert Output.objects.filter(programme=outcome.programme, code="1.1").count() == 1


def test_same_output_code_in_two_programmes_is_allowed(outcome):
    first = output_create(outcome=outcome, code="1.1", title="Seizures")
    elsewhere = OutcomeFactory()

    second = output_create(outcome=elsewhere, code="1.1", title="Seizures")

    assert first.programme != second.programme
    assert Output.objects.filter(code="1.1").count() == 2


def test_output_renamed_onto_a_taken_code_is_refused(outcome):
    output_create(outcome=outcome, code="1.1", title="Seizures")
    second = output_create(outcome=outcome, code="1.2", title="Training")

    with pytest.raises(ValidationError):
        output_update(output=second, version=1, code="1.1")

    second.refresh_from_db()
    assert (second.code, second.version) == ("1.2", 1)


@pytest.mark.parametrize("field", ["budget_planned", "budget_spent"])
def test_negative_output_budget_is_refused(outcome, field):
    with pytest.raises(ValidationError):
        output_create(outcome=outcome, code="1.1", title="Seizures", **{field: Decimal("-0.01")})

    assert not Output.objects.exists()


def test_output_budgets_may_be_zero_or_unknown(outcome):
    output = output_create(
        outcome=outcome, code="1.1", title="Seizures", budget_planned=Decimal("0")
    )

    assert (output.budget_planned, output.budget_spent) == (Decimal("0"), None)


def test_output_moves_to_another_outcome_of_the_same_programme(output):
    sibling = OutcomeFactory(programme=output.programme)

    moved = output_update(output=output, version=1, outcome=sibling)

    moved.refresh_from_db()
    assert moved.outcome == sibling
    assert moved.programme == output.programme
    assert moved.version == 2


def test_output_moved_to_an_outcome_of_another_programme_is_refused(output):
    foreign = OutcomeFactory()

    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, outcome=foreign)

    assert "outcome" in errors_of(caught)
    output.refresh_from_db()
    assert output.outcome != foreign
    assert output.version == 1


def test_output_programme_cannot_be_set_directly(output):
    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, programme=ProgrammeFactory())

    assert "programme" in errors_of(caught)
    output.refresh_from_db()
    assert output.programme == output.outcome.programme


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


# --------------------------------------------------------------------------------------------
# Thresholds reclassify assessments
# --------------------------------------------------------------------------------------------

# Ambiguity 4/8 = 0.5 (exactly on the default threshold, so low); conflict 0.
AMBIGUITY_ONE_HALF = {"A1": 1, "A2": 1, "A3": 1, "A4": 1, "C1": 0, "C2": 0, "C3": 0}


def test_lower_ambiguity_threshold_reclassifies_without_touching_the_version(
    output, alice, django_capture_on_commit_callbacks
):
    assessment = assessment_create(
        actor=alice, output=output, assessed_on=date(2019, 6, 30), items=AMBIGUITY_ONE_HALF
    )
    assert (assessment.ambiguity, assessment.quadrant) == (Decimal("0.5"), "administrative")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        programme_update(
            programme=output.programme,
            actor=alice,
            version=1,
            ambiguity_threshold=Decimal("0.4"),
        )

    assert len(callbacks) == 1
    assessment.refresh_from_db()
    assert assessment.quadrant == "experimental"
    assert assessment.ambiguity == Decimal("0.5")
    assert assessment.version == 1


def test_threshold_change_reclassifies_every_output_of_the_programme_only(
    output, django_capture_on_commit_callbacks
):
    sibling = OutputFactory(outcome=output.outcome)
    foreign = OutputFactory()
    mine = [
        assessment_create(output=o, assessed_on=date(2019, 6, 30), items=AMBIGUITY_ONE_HALF)
        for o in (output, sibling)
    ]
    theirs = assessment_create(
        output=foreign, assessed_on=date(2019, 6, 30), items=AMBIGUITY_ONE_HALF
    )

    with django_capture_on_commit_callbacks(execute=True):
        programme_update(programme=output.programme, version=1, ambiguity_threshold=Decimal("0.4"))

    quadrants = dict(
        Assessment.objects.filter(pk__in=[a.pk for a in [*mine, theirs]]).values_list(
            "pk", "quadrant"
        )
    )
    assert [quadrants[a.pk] for a in mine] == ["experimental", "experimental"]
    assert quadrants[theirs.pk] == "administrative"


def test_programme_edit_that_keeps_the_thresholds_schedules_no_reclassification(
    programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        programme_update(programme=programme, version=1, title="Renamed")

    assert callbacks == []


def test_reclassification_waits_for_the_commit(output, django_capture_on_commit_callbacks):
    assessment = assessment_create(
        output=output, assessed_on=date(2019, 6, 30), items=AMBIGUITY_ONE_HALF
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        programme_update(programme=output.programme, version=1, ambiguity_threshold=Decimal("0.4"))
        assessment.refresh_from_db()
        assert assessment.quadrant == "administrative"

    assert len(callbacks) == 1


def test_threshold_change_made_through_a_stale_copy_still_reclassifies(
    output, django_capture_on_commit_callbacks
):
    programme = output.programme
    with django_capture_on_commit_callbacks(execute=True):
        programme = programme_update(
            programme=programme, version=1, ambiguity_threshold=Decimal("0.4")
        )
    stale_copy = Programme.objects.get(pk=programme.pk)  # a form read at threshold 0.4
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(programme=programme, version=2, ambiguity_threshold=Decimal("0.6"))
    assessment = assessment_create(
        output=output, assessed_on=date(2019, 6, 30), items=AMBIGUITY_ONE_HALF
    )
    assert assessment.quadrant == "administrative"

    # Without If-Match the write is accepted and really moves the stored threshold 0.6 -> 0.4.
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(programme=stale_copy, version=None, ambiguity_threshold=Decimal("0.4"))

    assert Programme.objects.get(pk=programme.pk).ambiguity_threshold == Decimal("0.4")
    assessment.refresh_from_db()
    assert assessment.quadrant == "experimental"
