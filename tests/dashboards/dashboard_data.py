"""Programmes filled with outputs that give every dashboard figure something to count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from apps.assessments.services import assessment_create
from apps.obstacles.services import obstacle_create
from apps.programmes.models import Programme
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    OutcomeFactory,
    OutputFactory,
    TargetFactory,
)

ITEMS = {
    "administrative": {"A1": 0, "A2": 0, "A3": 0, "C1": 0, "C2": 0, "C3": 0},
    "political": {"A1": 0, "A2": 1, "A3": 0, "C1": 2, "C2": 2, "C3": 1},
    "experimental": {"A1": 2, "A2": 1, "A3": 2, "C1": 0, "C2": 1, "C3": 0},
    "symbolic": {"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2},
    "unclassified": {"A1": 2, "A2": 2, "C1": 0, "C2": 0, "C3": 0},
}
STATUSES = ("on_track", "at_risk", "off_track", "completed", "not_started")


def add_outputs(programme: Programme, count: int, *, cause: Any, outcome: Any = None) -> None:
    """`count` outputs, each with an assessment, an obstacle, an indicator and a stakeholder."""
    outcome = (
        outcome or programme.outcomes.order_by("pk").first() or OutcomeFactory(programme=programme)
    )
    quadrants = list(ITEMS)
    for n in range(count):
        output = OutputFactory(outcome=outcome, status=STATUSES[n % len(STATUSES)])
        assessment_create(
            output=output,
            assessed_on=date(2018 + n % 3, 6, 30),
            items=ITEMS[quadrants[n % len(quadrants)]],
        )
        obstacle_create(
            programme=programme,
            title=f"Obstacle {output.code}",
            cause=cause,
            severity=1 + n % 5,
            outputs=[output],
        )
        indicator = IndicatorFactory(output=output, target_value=Decimal("10"))
        TargetFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)
        InvolvementFactory(output=output, influence=1 + n % 5, interest=5 - n % 5)
