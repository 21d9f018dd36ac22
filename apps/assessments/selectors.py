"""Reads of assessments."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.core.fields import QuantizedDecimalField
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output

CURRENT_FIELDS = ("quadrant", "ambiguity", "conflict", "borderline", "assessed_on")


def _latest_for_output() -> QuerySet[Assessment]:
    return Assessment.objects.filter(output=OuterRef("pk")).order_by("-assessed_on", "-created_at")


def _output_field(name: str) -> models.Field:
    field = Assessment._meta.get_field(name)
    if isinstance(field, models.DecimalField):
        return QuantizedDecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places
        )
    return field


def outputs_with_current_assessment(outputs: QuerySet[Output]) -> QuerySet[Output]:
    """Annotate each output with its latest assessment's figures (`current_quadrant`, …)."""
    latest = _latest_for_output()
    return outputs.annotate(
        current_assessment_id=Subquery(latest.values("pk")[:1]),
        **{
            f"current_{name}": Subquery(latest.values(name)[:1], output_field=_output_field(name))
            for name in CURRENT_FIELDS
        },
    )


def assessment_current(*, output: Output) -> Assessment | None:
    """The output's latest assessment, or None when it was never assessed."""
    return output.assessments.order_by("-assessed_on", "-created_at").first()


def assessment_item_suggestions(*, output: Output) -> dict[str, matland.Suggestion]:
    """Rubric items that the output's unresolved obstacles suggest, with a suggested score."""
    obstacles = Obstacle.objects.filter(outputs=output, status__in=ACTIVE_STATUSES).select_related(
        "cause"
    )
    return matland.suggest_item_scores(
        matland.ObstacleSignal(
            items=tuple(obstacle.cause.items),
            severity=obstacle.severity,
            obstacle_id=obstacle.pk,
            title=obstacle.title,
        )
        for obstacle in obstacles
    )
