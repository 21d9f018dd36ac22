"""The Matland rubric of apps.assessments.matland: item codes, constants and item texts in
English and Indonesian."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from apps.assessments.matland import (
    AMBIGUITY_ITEMS,
    BORDERLINE_MARGIN,
    CONFLICT_ITEMS,
    DEFAULT_THRESHOLD,
    ITEM_CODES,
    MIN_ANSWERED,
    RUBRIC_ITEMS,
    RubricItem,
    item_text,
)

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
