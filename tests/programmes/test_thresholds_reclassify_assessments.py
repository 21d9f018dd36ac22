"""A programme's new Matland thresholds reclassify its assessments, after the commit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.programmes.models import Programme
from apps.programmes.services import programme_update
from tests.factories import OutputFactory

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
