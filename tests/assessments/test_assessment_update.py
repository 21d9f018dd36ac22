"""assessment_update: derived fields stay derived, the quadrant follows changed answers, and a
stale version is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create, assessment_update
from apps.core.services import VersionConflict
from tests.assessments.stored_assessments import ON, answers, stored
from tests.factories import OutputFactory

pytestmark = pytest.mark.django_db

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
