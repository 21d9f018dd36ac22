"""classify refuses bad input, naming what is wrong: item values, item keys and thresholds."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from apps.assessments.matland import AMBIGUITY_ITEMS, CONFLICT_ITEMS, Quadrant, classify
from tests.assessments.matland_answers import LOW, answers

# --------------------------------------------------------------------------------------------
# classify: input validation
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [3, -1, 1.0, 0.5, "1", True, False, Decimal(1)])
def test_invalid_item_value_raises_naming_the_item(bad: object) -> None:
    items: dict[str, object] = {**answers(LOW, LOW), "A3": bad}
    with pytest.raises(ValueError, match=re.escape(f"A3: must be 0, 1, 2 or None, got {bad!r}")):
        classify(items)  # type: ignore[arg-type]


def test_invalid_item_value_message_matches_the_documented_wording() -> None:
    with pytest.raises(ValueError, match=r"^A3: ") as excinfo:
        classify({"A3": 3})
    assert str(excinfo.value) == "A3: must be 0, 1, 2 or None, got 3"


def test_invalid_value_under_a_lower_case_key_names_the_canonical_item() -> None:
    with pytest.raises(ValueError, match=r"^C5: "):
        classify({"c5": 7})


def test_invalid_value_is_rejected_even_when_unclassified() -> None:
    with pytest.raises(ValueError, match="C1"):
        classify({"C1": 5})


@pytest.mark.parametrize("key", ["A7", "A0", "C6", "B1", "", "A 1", "ambiguity", 1])
def test_unknown_item_key_raises(key: object) -> None:
    with pytest.raises(ValueError, match="unknown rubric item"):
        classify({key: 1})  # type: ignore[dict-item]


def test_lower_case_keys_are_accepted() -> None:
    lower = {code.lower(): 2 for code in AMBIGUITY_ITEMS} | {
        code.lower(): 0 for code in CONFLICT_ITEMS
    }
    assert classify(lower) == classify(answers((2,) * 6, (0,) * 5))
    assert classify(lower).quadrant is Quadrant.EXPERIMENTAL


def test_mixed_case_keys_are_combined() -> None:
    result = classify({"a1": 2, "A2": 2, "a3": 2, "C1": 2, "c2": 2, "C3": 2})
    assert result.quadrant is Quadrant.SYMBOLIC


def test_same_item_in_both_cases_is_rejected() -> None:
    with pytest.raises(ValueError, match="A1"):
        classify({"A1": 0, "a1": 2})


@pytest.mark.parametrize("bad", ["1.0001", "-0.0001", "2", "-1", "NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("name", ["ambiguity_threshold", "conflict_threshold"])
def test_threshold_outside_zero_to_one_raises_naming_the_threshold(bad: str, name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: "):
        classify(answers(LOW, LOW), **{name: Decimal(bad)})


@pytest.mark.parametrize("name", ["ambiguity_threshold", "conflict_threshold"])
def test_threshold_is_validated_even_when_unclassified(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        classify({}, **{name: Decimal("1.5")})


@pytest.mark.parametrize("bad", [0.5, "0.5", True, None])
def test_non_decimal_threshold_is_rejected(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^conflict_threshold: "):
        classify(answers(LOW, LOW), conflict_threshold=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("edge", ["0", "1", "0.0000", "1.0000", "-0"])
def test_thresholds_at_zero_and_one_are_valid(edge: str) -> None:
    result = classify(
        answers(LOW, LOW), ambiguity_threshold=Decimal(edge), conflict_threshold=Decimal(edge)
    )
    assert result.quadrant is Quadrant.ADMINISTRATIVE


def test_classification_is_immutable() -> None:
    result = classify(answers(LOW, LOW))
    with pytest.raises(AttributeError):
        result.quadrant = Quadrant.SYMBOLIC  # type: ignore[misc]
