"""Obstacle counts by cause, by Matland dimension and by severity.

With `on`, the obstacles in the statuses counted on that day (scope.obstacles_as_of); their
cause and severity are those they have now.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TypedDict

from django.db.models import Count, Q, QuerySet

from apps.dashboards.selectors.scope import scoped_obstacles
from apps.obstacles.choices import ACTIVE_STATUSES, Dimension
from apps.obstacles.models import ObstacleCause
from apps.programmes.models import Outcome, Programme

SEVERITIES: tuple[int | None, ...] = (1, 2, 3, 4, 5, None)
UNKNOWN_SEVERITY = "unknown"


class CauseCount(TypedDict):
    """The number of obstacles of one cause of the taxonomy."""

    code: str
    name_en: str
    name_id: str
    dimension: str
    count: int


class DimensionCount(TypedDict):
    """The number of obstacles whose cause mainly raises one Matland dimension."""

    dimension: str
    name: str
    count: int


class SeverityCount(TypedDict):
    """The number of obstacles of one severity (None: not known)."""

    severity: int | None
    label: str
    count: int


def obstacles_by_cause(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    statuses: Collection[str] | None = ACTIVE_STATUSES,
    on: date | None = None,
) -> list[CauseCount]:
    """Obstacles per cause of the taxonomy, every cause listed, by code (1 query)."""
    counted = scoped_obstacles(programmes=programmes, outcome=outcome, statuses=statuses, on=on)
    causes = (
        ObstacleCause.objects.annotate(
            count=Count("obstacles", filter=Q(obstacles__in=counted.values("pk")))
        )
        .order_by("code")
        .values_list("code", "name_en", "name_id", "dimension", "count")
    )
    return [
        {"code": code, "name_en": en, "name_id": id_, "dimension": dimension, "count": count}
        for code, en, id_, dimension, count in causes
    ]


def obstacles_by_dimension(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    statuses: Collection[str] | None = ACTIVE_STATUSES,
    on: date | None = None,
) -> list[DimensionCount]:
    """Obstacles per Matland dimension of their cause, all four listed (1 query)."""
    counted = scoped_obstacles(programmes=programmes, outcome=outcome, statuses=statuses, on=on)
    found = dict(counted.order_by().values_list("cause__dimension").annotate(count=Count("pk")))
    return [
        {
            "dimension": dimension.value,
            "name": str(dimension.label),
            "count": found.get(dimension, 0),
        }
        for dimension in Dimension
    ]


def obstacles_by_severity(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    statuses: Collection[str] | None = ACTIVE_STATUSES,
    on: date | None = None,
) -> list[SeverityCount]:
    """Obstacles per severity 1–5, then those of unknown severity (1 query)."""
    counted = scoped_obstacles(programmes=programmes, outcome=outcome, statuses=statuses, on=on)
    found = dict(counted.order_by().values_list("severity").annotate(count=Count("pk")))
    return [
        {
            "severity": severity,
            "label": UNKNOWN_SEVERITY if severity is None else str(severity),
            "count": found.get(severity, 0),
        }
        for severity in SEVERITIES
    ]
