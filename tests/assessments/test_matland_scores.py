"""Dimension scores: points over twice the answered items (dimension_fraction), rounded half up
to four places (quantize_score), as classify stores them."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from apps.assessments.matland import classify, dimension_fraction, quantize_score
from tests.assessments.matland_answers import LOW, Answer, answers

# --------------------------------------------------------------------------------------------
# dimension_fraction and quantize_score
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [[], [None] * 6, [2], [2, 2], [2, 2, None, None, None, None], [0, None, 1]],
)
def test_dimension_fraction_is_none_with_fewer_than_three_answers(values: list[Answer]) -> None:
    assert dimension_fraction(values) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 0, 0], Fraction(0)),
        ([2, 2, 2], Fraction(1)),
        ([0, 1, 2], Fraction(1, 2)),
        ([1, 0, 0], Fraction(1, 6)),
        ([2, None, 1, None, 1], Fraction(2, 3)),
        ([2, 2, 1, 1, 0], Fraction(3, 5)),
        ([1, 1, 1, 1, 1, 0], Fraction(5, 12)),
        ([2, 1, 1, 1, 1, 1], Fraction(7, 12)),
    ],
)
def test_dimension_fraction_is_points_over_twice_the_answered_items(
    values: list[Answer], expected: Fraction
) -> None:
    result = dimension_fraction(values)
    assert isinstance(result, Fraction)
    assert result == expected


def test_dimension_fraction_accepts_a_one_shot_iterator() -> None:
    assert dimension_fraction(iter([2, 0, 1])) == Fraction(1, 2)


@pytest.mark.parametrize("bad", [3, -1, 1.0, "1", True])
def test_dimension_fraction_rejects_values_other_than_0_1_2_or_none(bad: object) -> None:
    with pytest.raises(ValueError, match=re.escape(f"must be 0, 1, 2 or None, got {bad!r}")):
        dimension_fraction([0, 1, bad])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (Fraction(1, 3), "0.3333"),
        (Fraction(2, 3), "0.6667"),
        (Fraction(5, 12), "0.4167"),
        (Fraction(7, 12), "0.5833"),
        (Fraction(1, 6), "0.1667"),
        (Fraction(0), "0.0000"),
        (Fraction(1), "1.0000"),
        (Fraction(1, 2), "0.5000"),
        # Exact halves at the fifth place go up, where banker's rounding would go down.
        (Fraction(1, 32), "0.0313"),
        (Fraction(1, 20000), "0.0001"),
        (Fraction(3124999, 100000000), "0.0312"),
        (Fraction(-1, 32), "-0.0313"),
    ],
)
def test_quantize_score_rounds_half_up_to_four_places(score: Fraction, expected: str) -> None:
    result = quantize_score(score)
    assert isinstance(result, Decimal)
    assert str(result) == expected


# --------------------------------------------------------------------------------------------
# classify: stored scores
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ambiguity", "expected"),
    [
        ((2, 0, 0), "0.3333"),
        ((2, 2, 0), "0.6667"),
        ((1, 1, 1, 1, 1, 0), "0.4167"),
        ((2, 1, 1, 1, 1, 1), "0.5833"),
        ((1, 0, 0), "0.1667"),
        ((0, 0, 0), "0.0000"),
        ((2, 2, 2), "1.0000"),
    ],
)
def test_stored_scores_are_decimals_rounded_to_four_places(
    ambiguity: tuple[int, ...], expected: str
) -> None:
    result = classify(answers(ambiguity, conflict=LOW))
    assert isinstance(result.ambiguity, Decimal)
    assert str(result.ambiguity) == expected
    assert str(result.conflict) == "0.0000"


@pytest.mark.parametrize(
    ("conflict", "expected"),
    [
        ((2, 0, 0), "0.3333"),
        ((2, 2, 0), "0.6667"),
        ((2, 1, 0, 0), "0.3750"),
        ((1, 0, 0, 0, 0), "0.1000"),
        ((2, 2, 2, 2, 1), "0.9000"),
    ],
)
def test_stored_conflict_scores_are_rounded_to_four_places(
    conflict: tuple[int, ...], expected: str
) -> None:
    result = classify(answers(LOW, conflict))
    assert isinstance(result.conflict, Decimal)
    assert str(result.conflict) == expected


def test_stored_score_of_the_answered_dimension_is_rounded_when_unclassified() -> None:
    result = classify(answers(ambiguity=(2, 2, 0)))
    assert str(result.ambiguity) == "0.6667"
    assert result.conflict is None
