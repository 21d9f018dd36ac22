"""What a dashboard counts: outputs and obstacles of readable programmes, or of one outcome."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Exists, OuterRef, QuerySet

from apps.obstacles.models import Obstacle
from apps.programmes.models import Outcome, Output, Programme


def scoped_outputs(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None
) -> QuerySet[Output]:
    """Outputs of the given programmes, narrowed to one outcome when one is given."""
    outputs = Output.objects.filter(programme__in=programmes)
    if outcome is not None:
        # Kept with the programme filter, so an outcome of an unreadable programme gives nothing.
        outputs = outputs.filter(outcome=outcome)
    return outputs


def scoped_obstacles(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    statuses: Collection[str] | None = None,
) -> QuerySet[Obstacle]:
    """Obstacles of the programmes in these statuses (all when None), or hindering the outcome."""
    obstacles = Obstacle.objects.filter(programme__in=programmes)
    if statuses is not None:
        obstacles = obstacles.filter(status__in=list(statuses))
    if outcome is not None:
        # EXISTS rather than a join: an obstacle on two outputs of the outcome counts once.
        hindered = Output.objects.filter(obstacles=OuterRef("pk"), outcome=outcome)
        obstacles = obstacles.filter(Exists(hindered))
    return obstacles
