"""Assessment reads: the current assessment of an output (apps.assessments.selectors), and the
rubric suggestions its open obstacles make (apps.obstacles.selectors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.assessments.selectors import assessment_current, outputs_with_current_assessment
from apps.assessments.services import assessment_create
from apps.obstacles.models import Obstacle
from apps.obstacles.selectors import assessment_item_suggestions
from apps.programmes.models import Output
from tests.assessments.stored_assessments import answers
from tests.factories import ObstacleCauseFactory, ObstacleFactory, OutputFactory

pytestmark = pytest.mark.django_db

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
