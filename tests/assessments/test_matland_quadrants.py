"""Matland's quadrants: their values, how the two dimensions cross, and each quadrant's names,
principles and strategies in both languages."""

from __future__ import annotations

import pytest

from apps.assessments.matland import (
    QUADRANTS,
    Quadrant,
    QuadrantInfo,
    classify_quadrant,
    quadrant_info,
)

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
