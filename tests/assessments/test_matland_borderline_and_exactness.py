"""classify: a score within a tenth of its threshold is borderline, decided on exact fractions,
not on floats or rounded scores; and a property check against exact fraction arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.assessments.matland import AMBIGUITY_ITEMS, CONFLICT_ITEMS, ITEM_CODES, Quadrant, classify
from tests.assessments.matland_answers import HIGH, LOW, Answer, answers

# --------------------------------------------------------------------------------------------
# classify: borderline and exactness
# --------------------------------------------------------------------------------------------


def test_score_exactly_at_the_margin_above_threshold_is_borderline() -> None:
    result = classify(answers(ambiguity=(2, 2, 1, 1, 0), conflict=LOW))  # 0.6 vs 0.5
    assert result.ambiguity == Decimal("0.6")
    assert result.quadrant is Quadrant.EXPERIMENTAL
    assert result.borderline is True


def test_score_exactly_at_the_margin_below_threshold_is_borderline() -> None:
    result = classify(answers(ambiguity=(2, 2, 0, 0, 0), conflict=LOW))  # 0.4 vs 0.5
    assert result.quadrant is Quadrant.ADMINISTRATIVE
    assert result.borderline is True


def test_conflict_alone_within_the_margin_makes_it_borderline() -> None:
    result = classify(answers(ambiguity=HIGH, conflict=(2, 2, 1, 1, 0)))
    assert result.quadrant is Quadrant.SYMBOLIC
    assert result.borderline is True


def test_score_at_the_threshold_is_borderline() -> None:
    result = classify(answers(ambiguity=(1, 1, 1, 1), conflict=HIGH))
    assert result.quadrant is Quadrant.POLITICAL
    assert result.borderline is True


def test_score_just_outside_the_margin_is_not_borderline() -> None:
    items = answers(ambiguity=(2, 2, 1, 1, 0), conflict=LOW)  # 0.6
    assert classify(items, ambiguity_threshold=Decimal("0.4999")).borderline is False
    assert classify(items, ambiguity_threshold=Decimal("0.5001")).borderline is True


@pytest.mark.parametrize(
    ("ambiguity", "conflict"),
    [
        ((2, 2, 0), (0, 0, 0)),  # 2/3: 1/6 above the threshold
        ((2, 0, 0), (2, 2, 2)),  # 1/3: 1/6 below the threshold
        ((2, 2, 0), (2, 0, 0)),  # both 1/6 away
    ],
)
def test_scores_more_than_the_margin_away_are_not_borderline(
    ambiguity: tuple[int, ...], conflict: tuple[int, ...]
) -> None:
    assert classify(answers(ambiguity, conflict)).borderline is False


@pytest.mark.parametrize(
    ("ambiguity", "threshold"),
    [
        ((2, 2, 0, 0, 0), "0.3"),  # 0.4 - 0.3: floats give 0.10000000000000003
        ((2, 2, 2, 2, 0), "0.7"),  # 0.8 - 0.7: floats give 0.10000000000000009
        ((2, 2, 2, 1, 0), "0.8"),  # 0.8 - 0.7 the other way round
        ((2, 2, 0, 0, 0), "0.5"),
        ((2, 2, 1, 1, 0), "0.5"),
        ((2, 2, 2, 1, 0), "0.6"),  # 0.7 - 0.6
        ((2, 1, 0, 0, 0), "0.4"),  # 0.3 vs 0.4
    ],
)
def test_a_difference_of_exactly_one_tenth_is_borderline(
    ambiguity: tuple[int, ...], threshold: str
) -> None:
    result = classify(answers(ambiguity, LOW), ambiguity_threshold=Decimal(threshold))
    assert result.borderline is True


@pytest.mark.parametrize(
    ("conflict", "threshold"),
    [
        ((2, 2, 0, 0, 0), "0.3"),  # 0.4 - 0.3: floats give 0.10000000000000003
        ((2, 2, 2, 2, 0), "0.7"),  # 0.8 - 0.7: floats give 0.10000000000000009
        ((2, 2, 2, 1, 0), "0.8"),
        ((2, 1, 0, 0, 0), "0.4"),
    ],
)
def test_a_conflict_difference_of_exactly_one_tenth_is_borderline(
    conflict: tuple[int, ...], threshold: str
) -> None:
    result = classify(answers(LOW, conflict), conflict_threshold=Decimal(threshold))
    assert result.borderline is True


def test_exactness_case_is_one_that_floats_get_wrong() -> None:
    # Guards the choice of cases above: with floats these would not be borderline.
    assert abs(0.4 - 0.3) > 0.1
    assert abs(0.8 - 0.7) > 0.1


def test_one_third_is_above_a_threshold_of_0_3333() -> None:
    result = classify(
        answers(ambiguity=(2, 0, 0), conflict=LOW), ambiguity_threshold=Decimal("0.3333")
    )
    assert result.ambiguity == Decimal("0.3333")
    assert result.quadrant is Quadrant.EXPERIMENTAL
    assert result.borderline is True


def test_two_thirds_is_below_a_threshold_of_0_6667() -> None:
    result = classify(
        answers(ambiguity=LOW, conflict=(2, 2, 0)), conflict_threshold=Decimal("0.6667")
    )
    assert result.conflict == Decimal("0.6667")
    assert result.quadrant is Quadrant.ADMINISTRATIVE


def test_borderline_uses_the_exact_score_not_the_rounded_one() -> None:
    # 0.7667 - 0.6667 is exactly 0.1, but 0.7667 - 2/3 is slightly more.
    above = classify(
        answers(ambiguity=(2, 2, 0), conflict=LOW), ambiguity_threshold=Decimal("0.7667")
    )
    # 1/3 - 0.2333 is slightly more than 0.1 too.
    below = classify(
        answers(ambiguity=LOW, conflict=(2, 0, 0)), conflict_threshold=Decimal("0.2333")
    )
    assert above.borderline is False
    assert above.quadrant is Quadrant.ADMINISTRATIVE
    assert below.borderline is False
    assert below.quadrant is Quadrant.POLITICAL


def test_borderline_counts_a_rounded_away_difference_just_inside_the_margin() -> None:
    # 0.5667 is 0.1 below 0.6667 but less than 0.1 below the exact 2/3.
    result = classify(
        answers(ambiguity=(2, 2, 0), conflict=LOW), ambiguity_threshold=Decimal("0.5667")
    )
    assert result.borderline is True


# --------------------------------------------------------------------------------------------
# Property
# --------------------------------------------------------------------------------------------

_answer = st.sampled_from([0, 1, 2, None])
_threshold = st.decimals(min_value=0, max_value=1, places=4)


@given(
    items=st.fixed_dictionaries({}, optional=dict.fromkeys(ITEM_CODES, _answer)),
    ambiguity_threshold=_threshold,
    conflict_threshold=_threshold,
)
def test_classification_agrees_with_exact_fraction_arithmetic(
    items: dict[str, Answer], ambiguity_threshold: Decimal, conflict_threshold: Decimal
) -> None:
    result = classify(
        items, ambiguity_threshold=ambiguity_threshold, conflict_threshold=conflict_threshold
    )

    def exact(codes: tuple[str, ...]) -> Fraction | None:
        given_answers = [items[c] for c in codes if items.get(c) is not None]
        if len(given_answers) < 3:
            return None
        return Fraction(sum(given_answers), 2 * len(given_answers))  # type: ignore[arg-type]

    ambiguity, conflict = exact(AMBIGUITY_ITEMS), exact(CONFLICT_ITEMS)
    for score, stored in ((ambiguity, result.ambiguity), (conflict, result.conflict)):
        if score is None:
            assert stored is None
        else:
            assert stored is not None
            assert Decimal(0) <= stored <= Decimal(1)
            assert stored.as_tuple().exponent == -4
            assert abs(Fraction(stored) - score) <= Fraction(1, 20000)

    if ambiguity is None or conflict is None:
        assert result.quadrant is Quadrant.UNCLASSIFIED
        assert result.borderline is False
        return

    ambiguity_cut, conflict_cut = Fraction(ambiguity_threshold), Fraction(conflict_threshold)
    expected = {
        (False, False): Quadrant.ADMINISTRATIVE,
        (False, True): Quadrant.POLITICAL,
        (True, False): Quadrant.EXPERIMENTAL,
        (True, True): Quadrant.SYMBOLIC,
    }[(ambiguity > ambiguity_cut, conflict > conflict_cut)]
    assert result.quadrant is expected
    assert result.borderline is (
        abs(ambiguity - ambiguity_cut) <= Fraction(1, 10)
        or abs(conflict - conflict_cut) <= Fraction(1, 10)
    )
