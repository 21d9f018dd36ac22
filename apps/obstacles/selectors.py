"""Reads of the obstacle register."""

from __future__ import annotations

from apps.assessments import matland
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output


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
