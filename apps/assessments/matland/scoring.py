"""Scoring an assessment: dimension scores, exact threshold comparison, quadrant, borderline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from apps.assessments.matland.quadrants import Quadrant, classify_quadrant
from apps.assessments.matland.rubric import (
    _MAX_ITEM_SCORE,
    _SCORE_SCALE,
    _VALID_ANSWERS,
    AMBIGUITY_ITEMS,
    BORDERLINE_MARGIN,
    CONFLICT_ITEMS,
    DEFAULT_THRESHOLD,
    MIN_ANSWERED,
    SCORE_PLACES,
    RubricError,
    _canonical_code,
)


def _is_valid_answer(value: object) -> bool:
    # bool is an int subclass (True == 1) and 1.0 == 1; neither is a deliberate answer.
    return value is None or (type(value) is int and value in _VALID_ANSWERS)


def _answer_error(value: object, label: str | None = None) -> RubricError:
    return RubricError(label, f"must be 0, 1, 2 or None, got {value!r}")


def dimension_fraction(answers: Iterable[int | None]) -> Fraction | None:
    """Return the exact score of one dimension, or None when fewer than 3 items are answered."""
    answered: list[int] = []
    for value in answers:
        if not _is_valid_answer(value):
            raise _answer_error(value)
        if value is not None:
            answered.append(value)
    if len(answered) < MIN_ANSWERED:
        return None
    return Fraction(sum(answered), _MAX_ITEM_SCORE * len(answered))


def quantize_score(score: Fraction) -> Decimal:
    """Return `score` rounded to 4 decimal places, halves away from zero (ROUND_HALF_UP)."""
    exact = Fraction(score)
    # Integer arithmetic avoids a second rounding that Decimal division could introduce.
    quotient, remainder = divmod(abs(exact.numerator) * _SCORE_SCALE, exact.denominator)
    if 2 * remainder >= exact.denominator:
        quotient += 1
    if exact < 0:
        quotient = -quotient
    return Decimal(quotient).scaleb(-SCORE_PLACES)


def _threshold_fraction(threshold: Decimal, label: str) -> Fraction:
    # Floats would reintroduce the inexactness the exact comparison is meant to avoid.
    if not isinstance(threshold, (Decimal, int)) or isinstance(threshold, bool):
        raise TypeError(f"{label}: must be a Decimal, got {threshold!r}")
    if isinstance(threshold, Decimal) and not threshold.is_finite():
        raise RubricError(label, f"must be between 0 and 1, got {threshold}")
    exact = Fraction(threshold)
    if not 0 <= exact <= 1:
        raise RubricError(label, f"must be between 0 and 1, got {threshold}")
    return exact


def _normalise_items(items: Mapping[str, int | None]) -> dict[str, int | None]:
    normalised: dict[str, int | None] = {}
    for key, value in items.items():
        code = _canonical_code(key)
        if code in normalised:
            raise RubricError(code, f"given more than once (keys {code!r} and {code.lower()!r})")
        if not _is_valid_answer(value):
            raise _answer_error(value, code)
        normalised[code] = value
    return normalised


@dataclass(frozen=True)
class Classification:
    """Result of classifying one assessment: stored scores, quadrant and borderline flag."""

    ambiguity: Decimal | None
    conflict: Decimal | None
    quadrant: Quadrant
    borderline: bool


def classify(
    items: Mapping[str, int | None],
    *,
    ambiguity_threshold: Decimal = DEFAULT_THRESHOLD,
    conflict_threshold: Decimal = DEFAULT_THRESHOLD,
) -> Classification:
    """Score an assessment's items and place it in a Matland quadrant."""
    ambiguity_cut = _threshold_fraction(ambiguity_threshold, "ambiguity_threshold")
    conflict_cut = _threshold_fraction(conflict_threshold, "conflict_threshold")
    answers = _normalise_items(items)

    ambiguity = dimension_fraction(answers.get(code) for code in AMBIGUITY_ITEMS)
    conflict = dimension_fraction(answers.get(code) for code in CONFLICT_ITEMS)
    stored_ambiguity = None if ambiguity is None else quantize_score(ambiguity)
    stored_conflict = None if conflict is None else quantize_score(conflict)

    if ambiguity is None or conflict is None:
        return Classification(
            ambiguity=stored_ambiguity,
            conflict=stored_conflict,
            quadrant=Quadrant.UNCLASSIFIED,
            borderline=False,
        )

    # A score equal to the threshold counts as low: "high" must be shown, not presumed.
    quadrant = classify_quadrant(
        ambiguity_high=ambiguity > ambiguity_cut,
        conflict_high=conflict > conflict_cut,
    )
    borderline = (
        abs(ambiguity - ambiguity_cut) <= BORDERLINE_MARGIN
        or abs(conflict - conflict_cut) <= BORDERLINE_MARGIN
    )
    return Classification(
        ambiguity=stored_ambiguity,
        conflict=stored_conflict,
        quadrant=quadrant,
        borderline=borderline,
    )
