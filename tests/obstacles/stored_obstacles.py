"""Obstacles as the service tests read them back."""

from __future__ import annotations

from apps.obstacles.models import Obstacle


def stored(obstacle: Obstacle) -> Obstacle:
    """The obstacle as the database holds it."""
    return Obstacle.objects.get(pk=obstacle.pk)
