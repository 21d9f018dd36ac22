"""Reclassification after a programme's thresholds change: the service, the Celery task and the
after-commit hook of programme_update."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.assessments.services import assessment_create, assessment_update, assessments_reclassify
from apps.assessments.tasks import reclassify_programme_assessments
from apps.programmes.models import Programme
from apps.programmes.services import programme_update
from tests.assessments.stored_assessments import ON, answers, stored
from tests.factories import OutcomeFactory, OutputFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

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
