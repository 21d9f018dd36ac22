"""Rubric answers, scopes and expectations the dashboard selector tests share."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from apps.assessments import matland
from apps.assessments.services import assessment_create
from apps.dashboards.selectors import (
    headline_figures,
    indicator_progress,
    obstacles_by_cause,
    obstacles_by_dimension,
    obstacles_by_severity,
    quadrant_matrix,
    quadrant_strategies,
    quadrant_trend,
    stakeholder_grid,
    status_by_quadrant,
)
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Involvement
from tests.factories import MeasurementFactory

ADMINISTRATIVE = {"A1": 0, "A2": 0, "A3": 0, "C1": 0, "C2": 0, "C3": 0}
POLITICAL = {"A1": 0, "A2": 0, "A3": 0, "C1": 2, "C2": 2, "C3": 2}
EXPERIMENTAL = {"A1": 2, "A2": 2, "A3": 2, "C1": 0, "C2": 0, "C3": 0}
SYMBOLIC = {"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2}
# Two ambiguity items answered: too little evidence to classify, whatever the conflict score.
TOO_FEW = {"A1": 2, "A2": 2, "C1": 0, "C2": 0, "C3": 0}

QUADRANTS = ["administrative", "political", "experimental", "symbolic", "unclassified"]
STATUSES = ["not_started", "on_track", "at_risk", "off_track", "completed", "cancelled"]
ON = date(2020, 6, 30)


def only(*programmes: Programme) -> QuerySet[Programme]:
    """The scope a caller passes: these programmes and no others."""
    return Programme.objects.filter(pk__in=[p.pk for p in programmes])


def recorded_on(day: date, *records: Any) -> None:
    """Date the history written so far (of these records, or of every output, obstacle and
    involvement) at noon on `day`, as if it had been entered then; its order is kept."""
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    if records:
        for record in records:
            record.history.update(history_date=noon)
        return
    for model in (Output, Obstacle, Involvement):
        model.history.update(history_date=noon)  # type: ignore[attr-defined]


def changed_on(day: date, record: Any) -> None:
    """Date the record's newest history row (its last write) at noon on `day`."""
    newest = record.history.order_by("-history_id").values_list("history_id", flat=True)[0]
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    record.history.filter(history_id=newest).update(history_date=noon)


def assess(output, on: date, items: dict[str, int | None], **kwargs: Any):
    return assessment_create(output=output, assessed_on=on, items=items, **kwargs)


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: count for key, count in counts.items() if count}


def every_figure(scope: QuerySet[Programme], **narrowing: Any) -> dict[str, Any]:
    """What each selector says about the scope, at fixed dates."""
    return {
        "matrix": quadrant_matrix(programmes=scope, **narrowing),
        "status": status_by_quadrant(programmes=scope, **narrowing),
        "causes": obstacles_by_cause(programmes=scope, **narrowing),
        "dimensions": obstacles_by_dimension(programmes=scope, **narrowing),
        "severities": obstacles_by_severity(programmes=scope, **narrowing),
        "indicators": indicator_progress(programmes=scope, on=ON, **narrowing),
        "grid": stakeholder_grid(programmes=scope, **narrowing),
        "trend": quadrant_trend(programmes=scope, end=ON, **narrowing),
        "headline": headline_figures(programmes=scope, on=ON, **narrowing),
        "strategies": quadrant_strategies(programmes=scope, **narrowing),
    }


def nothing_counted(cause) -> dict[str, Any]:
    """every_figure() of a scope with no outputs and no obstacles, with `cause` the taxonomy."""
    return {
        "matrix": [],
        "status": [
            {"quadrant": quadrant, "counts": dict.fromkeys(STATUSES, 0), "total": 0}
            for quadrant in QUADRANTS
        ],
        "causes": [
            {
                "code": cause.code,
                "name_en": cause.name_en,
                "name_id": cause.name_id,
                "dimension": cause.dimension,
                "count": 0,
            }
        ],
        "dimensions": [
            {"dimension": "ambiguity", "name": "Ambiguity", "count": 0},
            {"dimension": "conflict", "name": "Conflict", "count": 0},
            {"dimension": "resources", "name": "Resources", "count": 0},
            {"dimension": "context", "name": "Context", "count": 0},
        ],
        "severities": [
            {"severity": severity, "label": label, "count": 0}
            for severity, label in [*[(n, str(n)) for n in range(1, 6)], (None, "unknown")]
        ],
        "indicators": [],
        "grid": [],
        "trend": [],
        "headline": {
            "on": "2020-06-30",
            "outputs": 0,
            "on_track": 0,
            "on_track_percent": None,
            "open_severe_obstacles": 0,
            "unassessed_outputs": 0,
            "latest_assessment_on": None,
        },
        "strategies": [
            {
                "quadrant": quadrant,
                "name": matland.quadrant_info(quadrant).name_en,
                "principle": matland.quadrant_info(quadrant).principle_en,
                "strategy": matland.quadrant_info(quadrant).strategy_en,
                "outputs": [],
            }
            for quadrant in QUADRANTS[:4]
        ],
    }


def measure(indicator, year: int, value: str) -> None:
    MeasurementFactory(
        indicator=indicator,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        value=Decimal(value),
    )
