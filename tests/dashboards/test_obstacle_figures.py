"""The obstacle aggregates by cause, dimension and severity, checked against a hand-counted
register."""

from __future__ import annotations

import pytest

from apps.dashboards.selectors import (
    obstacles_by_cause,
    obstacles_by_dimension,
    obstacles_by_severity,
)
from apps.obstacles.services import obstacle_create
from tests.dashboards.figures import only
from tests.factories import ObstacleCauseFactory, OutcomeFactory, OutputFactory

# --------------------------------------------------------------------------------------------
# obstacles_by_cause / _dimension / _severity
# --------------------------------------------------------------------------------------------


@pytest.fixture
def register(programme, outcome, cause):
    """Obstacles of every status, on one output, two outputs, another outcome, or none."""
    turf = ObstacleCauseFactory(
        code="TURF",
        name_en="Overlapping mandates",
        name_id="Tumpang tindih kewenangan",
        dimension="conflict",
        items=["C3"],
    )
    ObstacleCauseFactory(code="BUDGET", name_en="Budget", name_id="Anggaran", dimension="resources")
    first = OutputFactory(outcome=outcome, code="1.1")
    second = OutputFactory(outcome=outcome, code="1.2")
    beyond = OutputFactory(outcome=OutcomeFactory(programme=programme), code="2.1")

    def obstacle(title, cause, severity, status="open", outputs=()):
        obstacle_create(
            programme=programme,
            title=title,
            cause=cause,
            severity=severity,
            status=status,
            outputs=outputs,
        )

    obstacle("Goals unclear", cause, 5, outputs=[first, second])
    obstacle("Targets vague", cause, None, status="mitigating", outputs=[first])
    obstacle("Settled", cause, 5, status="resolved", outputs=[first])
    obstacle("Turf war", turf, 4, outputs=[beyond])
    obstacle("Programme-wide", turf, 2)
    obstacle("Lived with", turf, 1, status="accepted", outputs=[second])


def cause_counts(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["code"], row["count"]) for row in rows]


def test_obstacles_by_cause_counts_unresolved_obstacles_for_every_cause(programme, register):
    rows = obstacles_by_cause(programmes=only(programme))

    assert cause_counts(rows) == [("BUDGET", 0), ("GOAL_UNCLEAR", 2), ("TURF", 2)]
    assert rows[2] == {
        "code": "TURF",
        "name_en": "Overlapping mandates",
        "name_id": "Tumpang tindih kewenangan",
        "dimension": "conflict",
        "count": 2,
    }


def test_obstacles_by_cause_counts_the_statuses_asked_for(programme, register):
    scope = only(programme)

    every = obstacles_by_cause(programmes=scope, statuses=None)
    closed = obstacles_by_cause(programmes=scope, statuses=("resolved", "accepted"))

    assert cause_counts(every) == [("BUDGET", 0), ("GOAL_UNCLEAR", 3), ("TURF", 3)]
    assert cause_counts(closed) == [("BUDGET", 0), ("GOAL_UNCLEAR", 1), ("TURF", 1)]


def test_obstacles_of_an_outcome_are_those_on_its_outputs_each_counted_once(
    programme, outcome, register
):
    scope = only(programme)

    unresolved = obstacles_by_cause(programmes=scope, outcome=outcome)
    every = obstacles_by_cause(programmes=scope, outcome=outcome, statuses=None)
    dimensions = obstacles_by_dimension(programmes=scope, outcome=outcome)
    severities = obstacles_by_severity(programmes=scope, outcome=outcome)

    # "Goals unclear" hinders two of the outcome's outputs and still counts once.
    assert cause_counts(unresolved) == [("BUDGET", 0), ("GOAL_UNCLEAR", 2), ("TURF", 0)]
    assert cause_counts(every) == [("BUDGET", 0), ("GOAL_UNCLEAR", 3), ("TURF", 1)]
    assert [(row["dimension"], row["count"]) for row in dimensions] == [
        ("ambiguity", 2),
        ("conflict", 0),
        ("resources", 0),
        ("context", 0),
    ]
    assert [(row["label"], row["count"]) for row in severities] == [
        ("1", 0),
        ("2", 0),
        ("3", 0),
        ("4", 0),
        ("5", 1),
        ("unknown", 1),
    ]


def test_obstacles_by_dimension_lists_all_four_dimensions(programme, register):
    rows = obstacles_by_dimension(programmes=only(programme))

    assert rows == [
        {"dimension": "ambiguity", "name": "Ambiguity", "count": 2},
        {"dimension": "conflict", "name": "Conflict", "count": 2},
        {"dimension": "resources", "name": "Resources", "count": 0},
        {"dimension": "context", "name": "Context", "count": 0},
    ]


def test_obstacles_by_severity_counts_each_level_and_the_unknown(programme, register):
    scope = only(programme)

    unresolved = obstacles_by_severity(programmes=scope)
    every = obstacles_by_severity(programmes=scope, statuses=None)

    assert [(row["severity"], row["count"]) for row in unresolved] == [
        (1, 0),
        (2, 1),
        (3, 0),
        (4, 1),
        (5, 1),
        (None, 1),
    ]
    assert [row["count"] for row in every] == [1, 1, 0, 1, 2, 1]
    assert unresolved[-1]["label"] == "unknown"
