"""Suggested item scores from a output's open obstacles (the analyst confirms or changes them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from apps.assessments.matland.rubric import (
    _SEVERITIES,
    ITEM_CODES,
    SEVERE_OBSTACLE,
    _canonical_code,
)


@dataclass(frozen=True)
class ObstacleSignal:
    """An open obstacle reduced to what scoring needs: the items its cause bears on."""

    items: tuple[str, ...]
    severity: int | None
    obstacle_id: int | None
    title: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A suggested score for one item and the obstacles (sorted ids) that motivate it."""

    item: str
    score: int
    obstacle_ids: tuple[int, ...]


def suggest_item_scores(obstacles: Iterable[ObstacleSignal]) -> dict[str, Suggestion]:
    """Suggest item scores from open obstacles: 2 if any bearing one has severity >= 4, else 1."""
    severe: dict[str, bool] = {}
    ids: dict[str, set[int]] = {}
    for obstacle in obstacles:
        severity = obstacle.severity
        if severity is not None and (type(severity) is not int or severity not in _SEVERITIES):
            raise ValueError(
                f"obstacle {obstacle.obstacle_id!r}: severity must be 1-5 or None, got {severity!r}"
            )
        # An unknown severity is not evidence of a blocking obstacle, so it only suggests "partly".
        is_severe = severity is not None and severity >= SEVERE_OBSTACLE
        for raw_code in obstacle.items:
            code = _canonical_code(raw_code)
            severe[code] = severe.get(code, False) or is_severe
            bearing = ids.setdefault(code, set())
            if obstacle.obstacle_id is not None:
                bearing.add(obstacle.obstacle_id)
    return {
        code: Suggestion(
            item=code,
            score=2 if severe[code] else 1,
            obstacle_ids=tuple(sorted(ids[code])),
        )
        for code in ITEM_CODES
        if code in severe
    }
