"""assessment_create: the scores, quadrant and borderline flag it derives from the rubric
answers, and the answers it refuses."""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.programmes.models import Output, Programme
from tests.assessments.stored_assessments import ON, answers, stored

pytestmark = pytest.mark.django_db

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
