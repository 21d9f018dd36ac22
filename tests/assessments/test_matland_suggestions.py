"""Suggested rubric scores from the obstacles that bear on an item (suggest_item_scores)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from apps.assessments.matland import (
    ObstacleSignal,
    Quadrant,
    Suggestion,
    classify,
    suggest_item_scores,
)

# --------------------------------------------------------------------------------------------
# Suggestions from obstacles
# --------------------------------------------------------------------------------------------


def test_no_obstacles_suggest_nothing() -> None:
    assert suggest_item_scores([]) == {}


@pytest.mark.parametrize(
    ("severity", "expected"), [(None, 1), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]
)
def test_suggested_score_is_two_from_severity_four(severity: int | None, expected: int) -> None:
    result = suggest_item_scores(
        [ObstacleSignal(items=("A1", "A2"), severity=severity, obstacle_id=9)]
    )
    assert result == {
        "A1": Suggestion(item="A1", score=expected, obstacle_ids=(9,)),
        "A2": Suggestion(item="A2", score=expected, obstacle_ids=(9,)),
    }


def test_items_no_obstacle_bears_on_are_absent() -> None:
    result = suggest_item_scores([ObstacleSignal(items=("C3",), severity=2, obstacle_id=1)])
    assert set(result) == {"C3"}


def test_one_severe_obstacle_among_several_makes_the_item_two() -> None:
    result = suggest_item_scores(
        [
            ObstacleSignal(items=("A1",), severity=2, obstacle_id=7, title="Vague decree"),
            ObstacleSignal(items=("A1", "C1"), severity=4, obstacle_id=3),
            ObstacleSignal(items=("A1",), severity=None, obstacle_id=12),
        ]
    )
    assert result["A1"] == Suggestion(item="A1", score=2, obstacle_ids=(3, 7, 12))
    assert result["C1"] == Suggestion(item="C1", score=2, obstacle_ids=(3,))


def test_several_mild_obstacles_still_suggest_one() -> None:
    result = suggest_item_scores(
        [
            ObstacleSignal(items=("C2",), severity=3, obstacle_id=20),
            ObstacleSignal(items=("C2",), severity=None, obstacle_id=4),
            ObstacleSignal(items=("C2",), severity=1, obstacle_id=11),
        ]
    )
    assert result == {"C2": Suggestion(item="C2", score=1, obstacle_ids=(4, 11, 20))}


def test_severe_obstacle_wins_regardless_of_order() -> None:
    signals = [
        ObstacleSignal(items=("A4",), severity=5, obstacle_id=1),
        ObstacleSignal(items=("A4",), severity=1, obstacle_id=2),
    ]
    assert suggest_item_scores(signals) == suggest_item_scores(list(reversed(signals)))
    assert suggest_item_scores(signals)["A4"].score == 2


def test_obstacle_ids_are_sorted_numerically_and_unique() -> None:
    result = suggest_item_scores(
        [
            ObstacleSignal(items=("A5", "A5"), severity=1, obstacle_id=100),
            ObstacleSignal(items=("A5",), severity=1, obstacle_id=9),
            ObstacleSignal(items=("A5",), severity=1, obstacle_id=100),
        ]
    )
    assert result["A5"].obstacle_ids == (9, 100)


def test_unsaved_obstacle_counts_for_the_score_but_has_no_id() -> None:
    result = suggest_item_scores([ObstacleSignal(items=("A6",), severity=4, obstacle_id=None)])
    assert result == {"A6": Suggestion(item="A6", score=2, obstacle_ids=())}


def test_suggestions_are_ordered_like_the_rubric() -> None:
    result = suggest_item_scores(
        [
            ObstacleSignal(items=("C5", "A3"), severity=1, obstacle_id=1),
            ObstacleSignal(items=("A1",), severity=1, obstacle_id=2),
        ]
    )
    assert list(result) == ["A1", "A3", "C5"]


def test_suggestions_accept_lower_case_items_and_a_generator() -> None:
    signals = (ObstacleSignal(items=(code,), severity=4, obstacle_id=5) for code in ["a2", "c4"])
    result = suggest_item_scores(signals)
    assert set(result) == {"A2", "C4"}
    assert result["C4"].item == "C4"


@pytest.mark.parametrize("code", ["A7", "Z1", "", "GOAL_UNCLEAR"])
def test_suggestions_reject_an_unknown_item_naming_it(code: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(code))):
        suggest_item_scores([ObstacleSignal(items=("A1", code), severity=2, obstacle_id=1)])


@pytest.mark.parametrize("severity", [0, 6, -1, 4.0, True])
def test_suggestions_reject_a_severity_outside_one_to_five(severity: object) -> None:
    with pytest.raises(ValueError, match="obstacle 8: severity must be 1-5 or None"):
        suggest_item_scores(
            [ObstacleSignal(items=("A1",), severity=severity, obstacle_id=8)]  # type: ignore[arg-type]
        )


def test_obstacle_signal_and_suggestion_are_immutable_and_hashable() -> None:
    signal = ObstacleSignal(items=("A1",), severity=3, obstacle_id=1)
    suggestion = Suggestion(item="A1", score=1, obstacle_ids=(1,))
    assert signal.title == ""
    assert hash(signal) == hash(ObstacleSignal(items=("A1",), severity=3, obstacle_id=1))
    assert hash(suggestion) == hash(Suggestion(item="A1", score=1, obstacle_ids=(1,)))
    with pytest.raises(AttributeError):
        signal.severity = 5  # type: ignore[misc]


def test_suggested_scores_classify_like_hand_entered_ones() -> None:
    # Suggestions are meant to be fed straight into classify as item answers.
    suggestions = suggest_item_scores(
        [
            ObstacleSignal(items=("A1", "A2", "A3"), severity=5, obstacle_id=1),
            ObstacleSignal(items=("C1", "C2", "C3"), severity=2, obstacle_id=2),
        ]
    )
    result = classify({code: s.score for code, s in suggestions.items()})
    assert result.quadrant is Quadrant.EXPERIMENTAL
    assert result.conflict == Decimal("0.5")
