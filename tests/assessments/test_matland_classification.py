"""classify: how many answers it needs, and how the quadrant follows the scores and the
programme's thresholds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.assessments.matland import ITEM_CODES, Classification, Quadrant, classify
from tests.assessments.matland_answers import HIGH, LOW, answers

# --------------------------------------------------------------------------------------------
# classify: evidence requirements
# --------------------------------------------------------------------------------------------


def test_all_unanswered_is_unclassified_without_scores_and_not_borderline() -> None:
    result = classify(dict.fromkeys(ITEM_CODES))
    assert result == Classification(
        ambiguity=None, conflict=None, quadrant=Quadrant.UNCLASSIFIED, borderline=False
    )


def test_empty_mapping_is_unclassified() -> None:
    assert classify({}).quadrant is Quadrant.UNCLASSIFIED


def test_two_answered_ambiguity_items_give_no_ambiguity_score_and_unclassified() -> None:
    result = classify(answers(ambiguity=(2, 2, None, None, None, None), conflict=HIGH))
    assert result.ambiguity is None
    assert result.conflict == Decimal(1)
    assert result.quadrant is Quadrant.UNCLASSIFIED
    assert result.borderline is False


def test_two_answered_conflict_items_give_no_conflict_score_and_unclassified() -> None:
    result = classify(answers(ambiguity=(2, 2, 2, 2, 2, 2), conflict=(0, 0)))
    assert result.ambiguity == Decimal(1)
    assert result.conflict is None
    assert result.quadrant is Quadrant.UNCLASSIFIED


def test_three_answered_items_on_each_dimension_are_enough_to_classify() -> None:
    result = classify(answers(ambiguity=(2, 2, 2), conflict=(0, 0, 0)))
    assert result.quadrant is Quadrant.EXPERIMENTAL
    assert result.ambiguity == Decimal(1)
    assert result.conflict == Decimal(0)


def test_missing_keys_count_as_unanswered() -> None:
    result = classify({"A1": 2, "A4": 2, "A6": 2, "C2": 2, "C3": 2, "C5": 2})
    assert result.quadrant is Quadrant.SYMBOLIC


def test_unclassified_assessment_at_the_threshold_is_still_not_borderline() -> None:
    result = classify(answers(ambiguity=(1, 1, 1, 1), conflict=(1, 1)))
    assert result.ambiguity == Decimal("0.5")
    assert result.quadrant is Quadrant.UNCLASSIFIED
    assert result.borderline is False


# --------------------------------------------------------------------------------------------
# classify: quadrants and thresholds
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ambiguity", "conflict", "expected"),
    [
        (LOW, LOW, Quadrant.ADMINISTRATIVE),
        ((0, 0, 0, 0, 0, 0), (2, 2, 2, 2, 2), Quadrant.POLITICAL),
        (HIGH, LOW, Quadrant.EXPERIMENTAL),
        ((2, 2, 2, 2, 2, 2), (2, 2, 2, 2, 2), Quadrant.SYMBOLIC),
    ],
)
def test_each_quadrant_is_reached_with_clear_scores(
    ambiguity: tuple[int, ...], conflict: tuple[int, ...], expected: Quadrant
) -> None:
    result = classify(answers(ambiguity, conflict))
    assert result.quadrant is expected
    assert result.borderline is False


def test_score_equal_to_threshold_is_low() -> None:
    result = classify(answers(ambiguity=(1, 1, 1, 1), conflict=(1, 1, 1, 1)))
    assert result.ambiguity == result.conflict == Decimal("0.5")
    assert result.quadrant is Quadrant.ADMINISTRATIVE


def test_ambiguity_just_above_threshold_is_high() -> None:
    result = classify(answers(ambiguity=(2, 1, 1, 1, 1, 1), conflict=LOW))
    assert result.ambiguity == Decimal("0.5833")
    assert result.quadrant is Quadrant.EXPERIMENTAL


def test_conflict_just_above_threshold_is_high() -> None:
    result = classify(answers(ambiguity=LOW, conflict=(2, 1, 1, 1)))  # 5/8
    assert result.conflict == Decimal("0.625")
    assert result.quadrant is Quadrant.POLITICAL


def test_ambiguity_just_below_threshold_is_low() -> None:
    result = classify(answers(ambiguity=(1, 1, 1, 1, 1, 0), conflict=HIGH))
    assert result.ambiguity == Decimal("0.4167")
    assert result.quadrant is Quadrant.POLITICAL


def test_default_thresholds_are_one_half() -> None:
    items = answers(ambiguity=(2, 1, 1, 1, 1, 1), conflict=(1, 1, 1, 1))
    assert classify(items) == classify(
        items, ambiguity_threshold=Decimal("0.5"), conflict_threshold=Decimal("0.5")
    )


def test_each_threshold_applies_only_to_its_own_dimension() -> None:
    items = answers(ambiguity=(2, 2, 1, 1, 0), conflict=(2, 2, 1, 1, 0))  # 0.6 and 0.6
    strict_ambiguity = classify(
        items, ambiguity_threshold=Decimal("0.7"), conflict_threshold=Decimal("0.5")
    )
    strict_conflict = classify(
        items, ambiguity_threshold=Decimal("0.5"), conflict_threshold=Decimal("0.7")
    )
    assert strict_ambiguity.quadrant is Quadrant.POLITICAL
    assert strict_conflict.quadrant is Quadrant.EXPERIMENTAL


@pytest.mark.parametrize(
    ("ambiguity", "threshold", "expected"),
    [
        ((1, 1, 0, 0), "0.25", Quadrant.ADMINISTRATIVE),  # 1/4 equals the threshold
        ((1, 1, 0), "0.25", Quadrant.EXPERIMENTAL),  # 1/3 above it
        ((1, 0, 0, 0, 0, 0), "0.25", Quadrant.ADMINISTRATIVE),  # 1/12 below it
        ((2, 2, 1, 1), "0.75", Quadrant.ADMINISTRATIVE),  # 3/4 equals the threshold
        ((2, 2, 1), "0.75", Quadrant.EXPERIMENTAL),  # 5/6 above it
        ((2, 2, 2, 2, 2, 1), "0.75", Quadrant.EXPERIMENTAL),  # 11/12 above it
        ((2, 2, 2, 2, 1, 1), "0.75", Quadrant.EXPERIMENTAL),  # 5/6 above it
        ((2, 2, 1, 1, 1, 1), "0.75", Quadrant.ADMINISTRATIVE),  # 2/3 below it
    ],
)
def test_custom_ambiguity_threshold_decides_high_strictly(
    ambiguity: tuple[int, ...], threshold: str, expected: Quadrant
) -> None:
    result = classify(answers(ambiguity, LOW), ambiguity_threshold=Decimal(threshold))
    assert result.quadrant is expected


def test_with_threshold_one_nothing_can_be_high() -> None:
    result = classify(
        answers(ambiguity=(2,) * 6, conflict=(2,) * 5),
        ambiguity_threshold=Decimal(1),
        conflict_threshold=Decimal("1.00"),
    )
    assert result.ambiguity == result.conflict == Decimal(1)
    assert result.quadrant is Quadrant.ADMINISTRATIVE
    assert result.borderline is True


def test_with_threshold_zero_a_score_of_zero_is_low() -> None:
    result = classify(
        answers(ambiguity=(0,) * 6, conflict=(0,) * 5),
        ambiguity_threshold=Decimal(0),
        conflict_threshold=Decimal(0),
    )
    assert result.quadrant is Quadrant.ADMINISTRATIVE
    assert result.borderline is True


def test_with_threshold_zero_any_positive_score_is_high() -> None:
    result = classify(
        answers(ambiguity=(1, 0, 0, 0, 0, 0), conflict=(1, 0, 0, 0, 0)),  # 1/12 and 1/10
        ambiguity_threshold=Decimal(0),
        conflict_threshold=Decimal(0),
    )
    assert result.quadrant is Quadrant.SYMBOLIC


def test_integer_thresholds_zero_and_one_are_accepted() -> None:
    result = classify(
        answers(ambiguity=HIGH, conflict=(1, 0, 0)), ambiguity_threshold=1, conflict_threshold=0
    )  # type: ignore[arg-type]
    assert result.quadrant is Quadrant.POLITICAL
