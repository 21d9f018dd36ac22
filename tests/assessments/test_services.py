"""Tests for assessment writes (services), reclassification (task) and reads (selectors)."""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.assessments.models import Assessment
from apps.assessments.selectors import (
    assessment_current,
    assessment_item_suggestions,
    outputs_with_current_assessment,
)
from apps.assessments.services import (
    assessment_create,
    assessment_update,
    assessments_reclassify,
)
from apps.assessments.tasks import reclassify_programme_assessments
from apps.core.services import VersionConflict
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output, Programme
from apps.programmes.services import programme_update
from tests.factories import (
    ObstacleCauseFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

ON = date(2019, 6, 1)


def answers(ambiguity: list[int | None], conflict: list[int | None]) -> dict[str, int | None]:
    """Rubric answers keyed A1… and C1… from two lists, in order."""
    items = {f"A{n}": value for n, value in enumerate(ambiguity, start=1)}
    items |= {f"C{n}": value for n, value in enumerate(conflict, start=1)}
    return items


def stored(assessment: Assessment) -> Assessment:
    """The assessment as the database holds it."""
    return Assessment.objects.get(pk=assessment.pk)


# --------------------------------------------------------------------------------------------
# assessment_create: derived fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ambiguity", "conflict", "quadrant", "scores"),
    [
        ([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0], "administrative", ("0", "0")),
        ([0, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2], "political", ("0", "1")),
        ([2, 2, 2, 2, 2, 2], [0, 0, 0, 0, 0], "experimental", ("1", "0")),
        ([2, 2, 2, 2, 2, 2], [2, 2, 2, 2, 2], "symbolic", ("1", "1")),
    ],
)
def test_create_stores_the_scores_and_quadrant_derived_from_the_items(
    output, ambiguity, conflict, quadrant, scores
):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers(ambiguity, conflict)
    )

    row = stored(assessment)
    assert row.quadrant == quadrant
    assert (row.ambiguity, row.conflict) == (Decimal(scores[0]), Decimal(scores[1]))
    assert row.borderline is False


def test_create_classifies_under_the_programmes_own_thresholds(output):
    Programme.objects.filter(pk=output.programme_id).update(
        ambiguity_threshold=Decimal("0.2"), conflict_threshold=Decimal("0.8")
    )
    output = Output.objects.get(pk=output.pk)

    # Both scores are 0.5: low under the default 0.5 thresholds, high ambiguity under 0.2.
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([1, 1, 1], [1, 1, 1])
    )

    row = stored(assessment)
    assert (row.ambiguity, row.conflict) == (Decimal("0.5"), Decimal("0.5"))
    assert row.quadrant == "experimental"
    assert row.borderline is False


def test_a_score_equal_to_the_threshold_is_low_and_borderline(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([1, 1, 1], [0, 0, 0])
    )

    row = stored(assessment)
    assert row.ambiguity == Decimal("0.5")
    assert row.quadrant == "administrative"
    assert row.borderline is True


def test_create_flags_a_score_within_a_tenth_of_the_threshold_as_borderline(output):
    # Ambiguity 7/12 = 0.5833: high, and 0.0833 from the 0.5 threshold.
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([1, 1, 1, 1, 1, 2], [0, 0, 0, 0, 0])
    )

    row = stored(assessment)
    assert row.ambiguity == Decimal("0.5833")
    assert row.conflict == Decimal("0")
    assert row.quadrant == "experimental"
    assert row.borderline is True


def test_create_does_not_flag_a_score_just_beyond_a_tenth_of_the_threshold(output):
    # Ambiguity 2/3 = 0.6667 is 0.1667 above the threshold; conflict 0 is 0.5 below it.
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([1, 1, 2], [0, 0, 0])
    )

    row = stored(assessment)
    assert row.ambiguity == Decimal("0.6667")
    assert row.quadrant == "experimental"
    assert row.borderline is False


def test_create_leaves_an_assessment_with_two_answered_items_unclassified(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([2, 2, None, None], [2, 2, 2, 2, 2])
    )

    row = stored(assessment)
    assert row.quadrant == "unclassified"
    assert row.ambiguity is None
    assert row.conflict == Decimal("1")
    assert row.borderline is False


def test_create_with_no_answers_at_all_is_unclassified(output):
    row = stored(assessment_create(output=output, assessed_on=ON, items={}))

    assert row.quadrant == "unclassified"
    assert (row.ambiguity, row.conflict, row.borderline) == (None, None, False)
    assert set(row.item_answers().values()) == {None}


def test_create_accepts_item_keys_in_upper_or_lower_case(output):
    assessment = assessment_create(
        output=output,
        assessed_on=ON,
        items={"A1": 2, "a2": 2, "A3": 2, "c1": 0, "C2": 0, "c3": 0},
        notes={"A1": "No goal statement found", "c1_note": "All agree"},
    )

    row = stored(assessment)
    assert (row.a1, row.a2, row.a3, row.c1, row.c2, row.c3) == (2, 2, 2, 0, 0, 0)
    assert row.a1_note == "No goal statement found"
    assert row.c1_note == "All agree"
    assert row.quadrant == "experimental"


def test_create_records_the_actor_as_assessor_when_none_is_given(output, alice):
    assessment = assessment_create(actor=alice, output=output, assessed_on=ON, items={})

    assert stored(assessment).assessor == alice
    assert assessment.history.latest().history_user == alice


@pytest.mark.parametrize("value", [3, -1])
def test_create_refuses_an_item_value_outside_0_to_2_naming_the_item(output, value):
    with pytest.raises(ValidationError) as error:
        assessment_create(
            output=output, assessed_on=ON, items={"A1": 0, "A2": 1, "A3": value, "C1": 0}
        )

    assert set(error.value.message_dict) == {"a3"}
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("key", ["A7", "C6", "x1"])
def test_create_refuses_an_unknown_item_key(output, key):
    with pytest.raises(ValidationError) as error:
        assessment_create(output=output, assessed_on=ON, items={"A1": 0, key: 1})

    assert key in error.value.message_dict
    assert not Assessment.objects.exists()


def test_create_refuses_a_note_for_an_unknown_item(output):
    with pytest.raises(ValidationError) as error:
        assessment_create(output=output, assessed_on=ON, items={}, notes={"A9": "?"})

    assert "A9" in error.value.message_dict


def test_create_has_no_parameter_for_derived_fields(output):
    parameters = inspect.signature(assessment_create).parameters
    assert {"ambiguity", "conflict", "quadrant", "borderline"}.isdisjoint(parameters)

    with pytest.raises(TypeError):
        assessment_create(output=output, assessed_on=ON, items={}, quadrant="symbolic")
    assert not Assessment.objects.exists()


def test_an_output_has_at_most_one_assessment_per_date(output):
    assessment_create(output=output, assessed_on=ON, items={"A1": 0})

    with pytest.raises(ValidationError) as error:
        assessment_create(output=output, assessed_on=ON, items={"A1": 2})

    assert "already has an assessment on that date" in str(error.value)
    assert Assessment.objects.filter(output=output).count() == 1
    assessment_create(output=output, assessed_on=date(2019, 6, 2), items={"A1": 2})
    assert Assessment.objects.filter(output=output).count() == 2


# --------------------------------------------------------------------------------------------
# assessment_update
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "derived",
    [
        {"quadrant": "symbolic"},
        {"ambiguity": Decimal("1")},
        {"conflict": Decimal("1")},
        {"borderline": True},
    ],
)
def test_update_refuses_to_set_a_derived_field(output, derived):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([0, 0, 0], [0, 0, 0])
    )

    with pytest.raises(ValidationError) as error:
        assessment_update(assessment=assessment, **derived)

    assert set(error.value.message_dict) == set(derived)
    row = stored(assessment)
    assert row.quadrant == "administrative"
    assert row.version == 1


def test_update_refuses_to_move_an_assessment_to_another_output(output):
    assessment = assessment_create(output=output, assessed_on=ON, items={})
    other = OutputFactory(outcome=output.outcome)

    with pytest.raises(ValidationError) as error:
        assessment_update(assessment=assessment, output=other)

    assert "output" in error.value.message_dict
    assert stored(assessment).output == output


def test_update_derives_the_quadrant_again_after_items_change_and_raises_the_version(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([0, 0, 0], [0, 0, 0])
    )
    assert assessment.version == 1

    updated = assessment_update(
        assessment=assessment, version=1, items={"c1": 2, "C2": 2, "c3": 2}, summary="Contested"
    )

    row = stored(updated)
    assert row.quadrant == "political"
    assert (row.ambiguity, row.conflict) == (Decimal("0"), Decimal("1"))
    assert row.summary == "Contested"
    assert row.version == 2
    assert (row.a1, row.a2, row.a3) == (0, 0, 0), "answers not given are kept"


def test_update_clearing_items_makes_the_assessment_unclassified(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([2, 2, 2], [2, 2, 2])
    )

    updated = assessment_update(assessment=assessment, items={"A3": None})

    row = stored(updated)
    assert row.a3 is None
    assert row.ambiguity is None
    assert row.quadrant == "unclassified"


def test_update_refuses_an_invalid_item_value_naming_the_item(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([0, 0, 0], [0, 0, 0])
    )

    with pytest.raises(ValidationError) as error:
        assessment_update(assessment=assessment, items={"c2": 3})

    assert set(error.value.message_dict) == {"c2"}
    row = stored(assessment)
    assert (row.c2, row.version) == (0, 1)


def test_update_from_a_stale_version_is_refused(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([0, 0, 0], [0, 0, 0])
    )
    assessment_update(assessment=assessment, version=1, summary="First writer")

    with pytest.raises(VersionConflict) as error:
        assessment_update(assessment=assessment, version=1, items={"A1": 2, "A2": 2, "A3": 2})

    assert (error.value.expected, error.value.current) == (1, 2)
    row = stored(assessment)
    assert row.summary == "First writer"
    assert row.quadrant == "administrative"
    assert row.version == 2


# --------------------------------------------------------------------------------------------
# Reclassification after the thresholds change
# --------------------------------------------------------------------------------------------


@pytest.fixture
def three_assessments(output):
    """Ambiguity 0, 0.5 and 1 on an output whose conflict is 0 throughout."""
    low = assessment_create(
        output=output, assessed_on=date(2019, 1, 1), items=answers([0, 0, 0], [0, 0, 0])
    )
    middle = assessment_create(
        output=output, assessed_on=date(2019, 2, 1), items=answers([1, 1, 1], [0, 0, 0])
    )
    high = assessment_create(
        output=output, assessed_on=date(2019, 3, 1), items=answers([2, 2, 2], [0, 0, 0])
    )
    return low, middle, high


def lower_ambiguity_threshold(programme: Programme, value: str = "0.4") -> Programme:
    """Change the threshold without triggering the reclassification task."""
    Programme.objects.filter(pk=programme.pk).update(ambiguity_threshold=Decimal(value))
    return Programme.objects.get(pk=programme.pk)


def test_reclassify_counts_only_the_assessments_whose_derived_fields_changed(
    programme, three_assessments
):
    low, middle, high = three_assessments
    assert stored(middle).quadrant == "administrative"

    changed = assessments_reclassify(programme=lower_ambiguity_threshold(programme))

    assert changed == 1
    assert stored(middle).quadrant == "experimental"
    assert stored(low).quadrant == "administrative"
    assert stored(high).quadrant == "experimental"


def test_reclassify_keeps_the_version_so_the_analysts_edits_stay_valid(
    programme, three_assessments
):
    _, middle, _ = three_assessments

    assessments_reclassify(programme=lower_ambiguity_threshold(programme))

    assert stored(middle).version == 1
    assessment_update(assessment=middle, version=1, summary="Still accepted")
    assert stored(middle).summary == "Still accepted"


def test_reclassify_is_idempotent(programme, three_assessments):
    programme = lower_ambiguity_threshold(programme)
    assert assessments_reclassify(programme=programme) == 1

    assert assessments_reclassify(programme=programme) == 0
    assert stored(three_assessments[1]).quadrant == "experimental"


def test_reclassify_leaves_other_programmes_alone(programme, three_assessments):
    other_output = OutputFactory(outcome=OutcomeFactory(programme=ProgrammeFactory()))
    other = assessment_create(
        output=other_output, assessed_on=ON, items=answers([1, 1, 1], [0, 0, 0])
    )
    Programme.objects.update(ambiguity_threshold=Decimal("0.4"))

    assert assessments_reclassify(programme=Programme.objects.get(pk=programme.pk)) == 1

    assert stored(other).quadrant == "administrative"


def test_reclassify_task_returns_the_number_of_changed_assessments(programme, three_assessments):
    lower_ambiguity_threshold(programme)

    result = reclassify_programme_assessments.delay(programme.pk)

    assert result.get() == 1
    assert stored(three_assessments[1]).quadrant == "experimental"
    assert reclassify_programme_assessments.delay(programme.pk).get() == 0


def test_reclassify_task_for_a_missing_programme_is_a_no_op(programme, three_assessments):
    missing_id = Programme.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    lower_ambiguity_threshold(programme)

    assert reclassify_programme_assessments.delay(missing_id).get() == 0
    assert stored(three_assessments[1]).quadrant == "administrative"


def test_new_thresholds_reclassify_the_programmes_assessments_after_commit(
    programme, three_assessments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        programme_update(programme=programme, ambiguity_threshold=Decimal("0.4"))

    assert len(callbacks) == 1
    assert stored(three_assessments[1]).quadrant == "experimental"


# --------------------------------------------------------------------------------------------
# Selectors
# --------------------------------------------------------------------------------------------


def test_current_assessment_is_the_latest_by_date_not_by_creation(output):
    later = assessment_create(
        output=output, assessed_on=date(2020, 1, 1), items=answers([2, 2, 2], [2, 2, 2])
    )
    assessment_create(
        output=output, assessed_on=date(2019, 1, 1), items=answers([0, 0, 0], [0, 0, 0])
    )

    assert assessment_current(output=output) == later


def test_current_assessment_is_none_for_an_output_never_assessed(output):
    assert assessment_current(output=output) is None


def test_outputs_are_annotated_with_their_latest_assessments_figures(output):
    assessment_create(
        output=output, assessed_on=date(2020, 1, 1), items=answers([2, 2, 2, 1], [2, 2, 2])
    )
    assessment_create(
        output=output, assessed_on=date(2019, 1, 1), items=answers([0, 0, 0], [0, 0, 0])
    )
    never_assessed = OutputFactory(outcome=output.outcome)

    rows = {
        o.pk: o
        for o in outputs_with_current_assessment(Output.objects.filter(programme=output.programme))
    }

    current = rows[output.pk]
    assert current.current_assessment_id == assessment_current(output=output).pk
    assert current.current_quadrant == "symbolic"
    assert current.current_assessed_on == date(2020, 1, 1)
    assert Decimal(current.current_ambiguity) == Decimal("0.875")
    assert Decimal(current.current_conflict) == Decimal("1")
    assert current.current_borderline is False
    empty = rows[never_assessed.pk]
    assert empty.current_assessment_id is None
    assert empty.current_quadrant is None


def test_outputs_with_current_assessment_picks_the_same_row_as_assessment_current(output):
    for day in (3, 1, 2):
        assessment_create(output=output, assessed_on=date(2019, 5, day), items={})

    annotated = outputs_with_current_assessment(Output.objects.filter(pk=output.pk)).get()

    assert annotated.current_assessed_on == date(2019, 5, 3)
    assert annotated.current_assessment_id == assessment_current(output=output).pk


@pytest.fixture
def resources_cause(db):
    return ObstacleCauseFactory(
        code="LIMITED_RESOURCES",
        name_en="Limited resources",
        name_id="Sumber daya terbatas",
        frameworks=["VMVH2", "E2"],
        dimension="resources",
        items=["C4"],
    )


def linked_obstacle(output: Output, **fields: object) -> Obstacle:
    """An obstacle of the output's programme that hinders the output."""
    obstacle = ObstacleFactory(programme=output.programme, **fields)
    obstacle.outputs.add(output)
    return obstacle


def test_suggestions_come_from_the_outputs_open_and_mitigating_obstacles(
    output, cause, resources_cause
):
    open_one = linked_obstacle(output, cause=cause, severity=2, status="open")
    mitigating = linked_obstacle(output, cause=resources_cause, severity=1, status="mitigating")

    suggestions = assessment_item_suggestions(output=output)

    assert set(suggestions) == {"A1", "A2", "C4"}
    assert suggestions["A1"].score == 1
    assert suggestions["A1"].obstacle_ids == (open_one.pk,)
    assert suggestions["C4"].obstacle_ids == (mitigating.pk,)


@pytest.mark.parametrize("status", ["resolved", "accepted"])
def test_suggestions_ignore_obstacles_that_are_no_longer_active(output, cause, status):
    linked_obstacle(output, cause=cause, severity=5, status=status)

    assert assessment_item_suggestions(output=output) == {}


def test_suggestions_ignore_obstacles_not_linked_to_the_output(output, cause):
    ObstacleFactory(programme=output.programme, cause=cause, severity=5)
    elsewhere = OutputFactory(outcome=output.outcome)
    linked_obstacle(elsewhere, cause=cause, severity=5)

    assert assessment_item_suggestions(output=output) == {}


@pytest.mark.parametrize(("severity", "score"), [(1, 1), (3, 1), (None, 1), (4, 2), (5, 2)])
def test_a_severe_obstacle_suggests_2_and_a_milder_one_1(output, cause, severity, score):
    linked_obstacle(output, cause=cause, severity=severity)

    suggestions = assessment_item_suggestions(output=output)

    assert {code: s.score for code, s in suggestions.items()} == {"A1": score, "A2": score}


def test_one_severe_obstacle_among_mild_ones_raises_the_suggestion_to_2(output, cause):
    mild = linked_obstacle(output, cause=cause, severity=2)
    severe = linked_obstacle(output, cause=cause, severity=4)
    resolved = linked_obstacle(output, cause=cause, severity=5, status="resolved")

    suggestion = assessment_item_suggestions(output=output)["A1"]

    assert suggestion.score == 2
    assert suggestion.obstacle_ids == tuple(sorted((mild.pk, severe.pk)))
    assert resolved.pk not in suggestion.obstacle_ids


def test_update_without_a_version_derives_from_the_stored_items_not_a_stale_copy(output):
    assessment = assessment_create(
        output=output, assessed_on=ON, items=answers([0, 0, 0], [0, 0, 0])
    )
    read_earlier = Assessment.objects.get(pk=assessment.pk)
    assessment_update(assessment=assessment, items={"A1": 2, "A2": 2, "A3": 2})

    assessment_update(assessment=read_earlier, summary="Only the summary changes")

    row = stored(assessment)
    assert (row.a1, row.a2, row.a3) == (2, 2, 2)
    assert row.quadrant == "experimental"
