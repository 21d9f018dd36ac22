"""Tests for the pure Matland ambiguity-conflict scoring in apps.assessments.matland."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.assessments.matland import (
    AMBIGUITY_ITEMS,
    BORDERLINE_MARGIN,
    CONFLICT_ITEMS,
    DEFAULT_THRESHOLD,
    ITEM_CODES,
    MIN_ANSWERED,
    QUADRANTS,
    RUBRIC_ITEMS,
    Classification,
    ObstacleSignal,
    Quadrant,
    QuadrantInfo,
    RubricItem,
    Suggestion,
    classify,
    classify_quadrant,
    dimension_fraction,
    item_text,
    quadrant_info,
    quantize_score,
    suggest_item_scores,
)

Answer = int | None


def answers(ambiguity: Sequence[Answer] = (), conflict: Sequence[Answer] = ()) -> dict[str, Answer]:
    """Build an items mapping, filling A1.. and C1.. in order; omitted items stay missing."""
    assert len(ambiguity) <= len(AMBIGUITY_ITEMS)
    assert len(conflict) <= len(CONFLICT_ITEMS)
    return {
        **dict(zip(AMBIGUITY_ITEMS, ambiguity, strict=False)),
        **dict(zip(CONFLICT_ITEMS, conflict, strict=False)),
    }


LOW = (0, 0, 0)
HIGH = (2, 2, 2)


# --------------------------------------------------------------------------------------------
# Constants and rubric
# --------------------------------------------------------------------------------------------


def test_item_codes_are_six_ambiguity_then_five_conflict_items() -> None:
    assert AMBIGUITY_ITEMS == ("A1", "A2", "A3", "A4", "A5", "A6")
    assert CONFLICT_ITEMS == ("C1", "C2", "C3", "C4", "C5")
    assert ITEM_CODES == AMBIGUITY_ITEMS + CONFLICT_ITEMS


def test_constants_have_the_documented_values() -> None:
    assert MIN_ANSWERED == 3
    assert Fraction(1, 10) == BORDERLINE_MARGIN
    assert isinstance(BORDERLINE_MARGIN, Fraction)
    assert Decimal("0.5") == DEFAULT_THRESHOLD
    assert isinstance(DEFAULT_THRESHOLD, Decimal)


def test_rubric_items_cover_every_code_in_order_with_the_right_dimension() -> None:
    assert tuple(RUBRIC_ITEMS) == ITEM_CODES
    for code, item in RUBRIC_ITEMS.items():
        assert isinstance(item, RubricItem)
        assert item.code == code
        expected = "ambiguity" if code in AMBIGUITY_ITEMS else "conflict"
        assert item.dimension == expected


def test_rubric_item_is_immutable() -> None:
    with pytest.raises(AttributeError):
        RUBRIC_ITEMS["A1"].text_en = "changed"  # type: ignore[misc]


ITEM_TEXTS = {
    "A1": ("Goals are stated clearly", "Tujuan dinyatakan dengan jelas"),
    "A2": ("Indicators and targets are defined", "Indikator dan target telah ditetapkan"),
    "A3": ("A timeline exists", "Jadwal pelaksanaan tersedia"),
    "A4": (
        "Operational guidelines (SOPs) exist for the means",
        "Pedoman operasional (SOP) tersedia",
    ),
    "A5": (
        "Lead agency and roles are defined",
        "Lembaga pelaksana utama dan peran telah ditetapkan",
    ),
    "A6": ("Implementers have guidance or training", "Pelaksana mendapat arahan atau pelatihan"),
    "C1": ("Agencies agree on the goals", "Lembaga-lembaga sepakat tentang tujuan"),
    "C2": ("Agencies agree on the means", "Lembaga-lembaga sepakat tentang cara pelaksanaan"),
    "C3": ("No overlap of mandate or turf", "Tidak ada tumpang tindih kewenangan"),
    "C4": (
        "The output fits the agencies' capacity and resources",
        "Keluaran sesuai dengan kapasitas dan sumber daya lembaga",
    ),
    "C5": (
        "No conflict of interest; low stakes for the actors",
        "Tidak ada konflik kepentingan; taruhan rendah bagi para aktor",
    ),
}


@pytest.mark.parametrize("code", ITEM_CODES)
def test_item_text_is_english_by_default_and_indonesian_for_id(code: str) -> None:
    english, indonesian = ITEM_TEXTS[code]
    assert item_text(code) == english
    assert item_text(code, "en") == english
    assert item_text(code, "id") == indonesian
    assert RUBRIC_ITEMS[code].text_en == english
    assert RUBRIC_ITEMS[code].text_id == indonesian


@pytest.mark.parametrize("language", ["id", "id-ID", "id_ID", "ID"])
def test_item_text_treats_any_language_starting_with_id_as_indonesian(language: str) -> None:
    assert item_text("A3", language) == "Jadwal pelaksanaan tersedia"


@pytest.mark.parametrize("language", ["en", "en-GB", "", "fr", "nl"])
def test_item_text_falls_back_to_english_for_other_languages(language: str) -> None:
    assert item_text("A3", language) == "A timeline exists"


def test_item_text_accepts_a_lower_case_code() -> None:
    assert item_text("c4") == ITEM_TEXTS["C4"][0]


@pytest.mark.parametrize("code", ["A7", "C6", "B1", "", "A 1"])
def test_item_text_rejects_an_unknown_code_naming_it(code: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(code))):
        item_text(code)


# --------------------------------------------------------------------------------------------
# Quadrants
# --------------------------------------------------------------------------------------------


def test_quadrant_values_are_the_lower_case_names() -> None:
    assert [q.value for q in Quadrant] == [
        "administrative",
        "political",
        "experimental",
        "symbolic",
        "unclassified",
    ]


def test_quadrant_compares_equal_to_its_string_value() -> None:
    assert Quadrant.SYMBOLIC == "symbolic"
    assert isinstance(Quadrant.SYMBOLIC, str)
    assert Quadrant("political") is Quadrant.POLITICAL


@pytest.mark.parametrize(
    ("ambiguity_high", "conflict_high", "expected"),
    [
        (False, False, Quadrant.ADMINISTRATIVE),
        (False, True, Quadrant.POLITICAL),
        (True, False, Quadrant.EXPERIMENTAL),
        (True, True, Quadrant.SYMBOLIC),
    ],
)
def test_classify_quadrant_crosses_ambiguity_with_conflict(
    ambiguity_high: bool, conflict_high: bool, expected: Quadrant
) -> None:
    assert classify_quadrant(ambiguity_high=ambiguity_high, conflict_high=conflict_high) is expected


def test_classify_quadrant_takes_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        classify_quadrant(True, False)  # type: ignore[misc]


QUADRANT_LABELS = {
    Quadrant.ADMINISTRATIVE: (
        "Administrative implementation",
        "Implementasi administratif",
        "Resources",
        "Sumber daya",
    ),
    Quadrant.POLITICAL: ("Political implementation", "Implementasi politik", "Power", "Kekuasaan"),
    Quadrant.EXPERIMENTAL: (
        "Experimental implementation",
        "Implementasi eksperimental",
        "Contextual conditions",
        "Kondisi kontekstual",
    ),
    Quadrant.SYMBOLIC: (
        "Symbolic implementation",
        "Implementasi simbolis",
        "Coalition strength",
        "Kekuatan koalisi",
    ),
    Quadrant.UNCLASSIFIED: (
        "Unclassified (not enough evidence)",
        "Belum terklasifikasi (bukti belum cukup)",
        None,
        None,
    ),
}


def test_quadrants_table_has_an_entry_for_every_quadrant() -> None:
    assert set(QUADRANTS) == set(Quadrant)
    for quadrant, info in QUADRANTS.items():
        assert isinstance(info, QuadrantInfo)
        assert info.quadrant is quadrant


@pytest.mark.parametrize("quadrant", list(Quadrant))
def test_quadrant_info_gives_the_names_and_principles_in_both_languages(
    quadrant: Quadrant,
) -> None:
    name_en, name_id, principle_en, principle_id = QUADRANT_LABELS[quadrant]
    info = quadrant_info(quadrant)
    assert info.name() == info.name("en") == name_en
    assert info.name("id") == name_id
    assert info.principle() == info.principle("en") == principle_en
    assert info.principle("id-ID") == principle_id


@pytest.mark.parametrize("quadrant", list(Quadrant))
def test_quadrant_info_strategy_is_non_empty_and_translated(quadrant: Quadrant) -> None:
    info = quadrant_info(quadrant)
    assert info.strategy("en").strip()
    assert info.strategy("id").strip()
    assert info.strategy("en") != info.strategy("id")
    assert info.strategy() == info.strategy_en
    assert info.strategy("id") == info.strategy_id


@pytest.mark.parametrize("language", ["en", "id"])
def test_quadrant_names_and_strategies_are_distinct_across_quadrants(language: str) -> None:
    infos = [quadrant_info(q) for q in Quadrant]
    assert len({info.name(language) for info in infos}) == len(infos)
    assert len({info.strategy(language) for info in infos}) == len(infos)
    principles = [info.principle(language) for info in infos if info.principle(language)]
    assert len(set(principles)) == len(principles) == 4


@pytest.mark.parametrize(
    ("quadrant", "keywords_en", "keywords_id"),
    [
        (Quadrant.ADMINISTRATIVE, ["resources", "operating procedures", "monitor"], ["SOP"]),
        (Quadrant.POLITICAL, ["bargain", "incentives", "sanctions"], ["insentif", "sanksi"]),
        (Quadrant.EXPERIMENTAL, ["learning", "local variation", "evaluate"], ["variasi lokal"]),
        (Quadrant.SYMBOLIC, ["coalition strength", "level"], ["kekuatan koalisi"]),
        (Quadrant.UNCLASSIFIED, ["evidence", "three items", "each dimension"], ["tiga butir"]),
    ],
)
def test_quadrant_strategy_says_what_matland_recommends(
    quadrant: Quadrant, keywords_en: list[str], keywords_id: list[str]
) -> None:
    info = quadrant_info(quadrant)
    for keyword in keywords_en:
        assert keyword in info.strategy("en").lower()
    for keyword in keywords_id:
        assert keyword.lower() in info.strategy("id").lower()


def test_quadrant_info_accepts_the_string_value() -> None:
    assert quadrant_info("experimental") is QUADRANTS[Quadrant.EXPERIMENTAL]


def test_quadrant_info_rejects_an_unknown_quadrant() -> None:
    with pytest.raises(ValueError, match="'chaotic'"):
        quadrant_info("chaotic")


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
