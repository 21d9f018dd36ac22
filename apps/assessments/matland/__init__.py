"""Matland's ambiguity-conflict model of policy implementation, as pure functions.

Matland, R. E. (1995). Synthesizing the implementation literature: the ambiguity-conflict
model of policy implementation. Journal of Public Administration Research and Theory,
5(2), 145-174.

An assessment answers eleven rubric items (six on ambiguity, five on conflict) with 0 (clear /
agreed), 1 (partly), 2 (absent / contested) or None (unanswered); each item words these three
answers for its own question (C1: agreed / partly agreed / contested). Each dimension's score is the
share of the maximum possible points over the answered items. Scores are compared with the
programme's thresholds exactly (as fractions); only the stored copy is rounded.

This package deliberately has no Django dependency so it can be tested and reused on its own.
It is split by concern: `rubric` (items and texts), `quadrants` (names, principles,
strategies), `scoring` (classification) and `suggestions` (from open obstacles).
"""

from __future__ import annotations

from apps.assessments.matland.quadrants import (
    QUADRANTS,
    Quadrant,
    QuadrantInfo,
    classify_quadrant,
    quadrant_info,
)
from apps.assessments.matland.rubric import (
    AMBIGUITY,
    AMBIGUITY_ITEMS,
    BORDERLINE_MARGIN,
    CONFLICT,
    CONFLICT_ITEMS,
    DEFAULT_THRESHOLD,
    ITEM_CODES,
    MIN_ANSWERED,
    RUBRIC_ITEMS,
    SCORE_PLACES,
    SEVERE_OBSTACLE,
    Dimension,
    RubricError,
    RubricItem,
    answer_label,
    item_text,
)
from apps.assessments.matland.scoring import (
    Classification,
    classify,
    dimension_fraction,
    quantize_score,
)
from apps.assessments.matland.suggestions import ObstacleSignal, Suggestion, suggest_item_scores

__all__ = [
    "AMBIGUITY",
    "AMBIGUITY_ITEMS",
    "BORDERLINE_MARGIN",
    "CONFLICT",
    "CONFLICT_ITEMS",
    "DEFAULT_THRESHOLD",
    "ITEM_CODES",
    "MIN_ANSWERED",
    "QUADRANTS",
    "RUBRIC_ITEMS",
    "SCORE_PLACES",
    "SEVERE_OBSTACLE",
    "Classification",
    "Dimension",
    "ObstacleSignal",
    "Quadrant",
    "QuadrantInfo",
    "RubricError",
    "RubricItem",
    "Suggestion",
    "answer_label",
    "classify",
    "classify_quadrant",
    "dimension_fraction",
    "item_text",
    "quadrant_info",
    "quantize_score",
    "suggest_item_scores",
]
