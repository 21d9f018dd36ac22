"""The Matland rubric of apps.assessments.matland: item codes, constants and item texts in
English and Indonesian, each item a question with answers worded for it."""

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
    answer_label,
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


# Each item asks a question; its answers are worded for that question, 0 the clear / agreed
# end and 2 the absent / contested end, so the words an analyst picks say what they mean.
ITEM_TEXTS = {
    "A1": ("How clearly are the goals stated?", "Seberapa jelas tujuan dinyatakan?"),
    "A2": (
        "Are indicators and targets defined?",
        "Apakah indikator dan target telah ditetapkan?",
    ),
    "A3": ("Is there a timeline?", "Apakah ada jadwal pelaksanaan?"),
    "A4": (
        "Do operational guidelines (SOPs) exist for the means?",
        "Apakah ada pedoman operasional (SOP) untuk cara pelaksanaannya?",
    ),
    "A5": (
        "Are the lead agency and the roles defined?",
        "Apakah lembaga pelaksana utama dan pembagian peran telah ditetapkan?",
    ),
    "A6": (
        "Do implementers have guidance or training?",
        "Apakah pelaksana mendapat arahan atau pelatihan?",
    ),
    "C1": (
        "Do the agencies agree on the goals?",
        "Apakah lembaga-lembaga sepakat tentang tujuan?",
    ),
    "C2": (
        "Do the agencies agree on the means?",
        "Apakah lembaga-lembaga sepakat tentang cara pelaksanaan?",
    ),
    "C3": (
        "Do the agencies' mandates or turf overlap?",
        "Apakah kewenangan lembaga-lembaga tumpang tindih?",
    ),
    "C4": (
        "Does the output fit the agencies' capacity and resources?",
        "Apakah keluaran sesuai dengan kapasitas dan sumber daya lembaga?",
    ),
    "C5": (
        "Do the actors have conflicting interests or high stakes in the output?",
        "Apakah para aktor punya konflik kepentingan atau taruhan tinggi atas keluaran ini?",
    ),
}

# The answers to each item for scores 0, 1 and 2, in English and Indonesian.
ITEM_ANSWERS = {
    "A1": (
        ("clear", "partly clear", "vague or not stated"),
        ("jelas", "sebagian jelas", "kabur atau tidak dinyatakan"),
    ),
    "A2": (
        ("defined", "partly defined", "not defined"),
        ("ditetapkan", "sebagian ditetapkan", "belum ditetapkan"),
    ),
    "A3": (
        ("yes, with dates", "rough or partial", "none"),
        ("ada, dengan tanggal", "kasar atau sebagian", "tidak ada"),
    ),
    "A4": (
        ("in place", "partial or draft", "none"),
        ("ada", "sebagian atau masih draf", "tidak ada"),
    ),
    "A5": (
        ("defined", "partly defined", "not defined"),
        ("ditetapkan", "sebagian ditetapkan", "belum ditetapkan"),
    ),
    "A6": (
        ("enough", "some", "none"),
        ("cukup", "sebagian", "tidak ada"),
    ),
    "C1": (
        ("agreed", "partly agreed", "contested"),
        ("sepakat", "sebagian sepakat", "diperselisihkan"),
    ),
    "C2": (
        ("agreed", "partly agreed", "contested"),
        ("sepakat", "sebagian sepakat", "diperselisihkan"),
    ),
    "C3": (
        ("no overlap", "some overlap", "overlap in dispute"),
        ("tidak tumpang tindih", "sebagian tumpang tindih", "tumpang tindih dan diperebutkan"),
    ),
    "C4": (
        ("fits", "stretches them", "beyond them"),
        ("sesuai", "membebani", "melampaui kemampuan"),
    ),
    "C5": (
        ("no: low stakes", "some", "yes: high stakes"),
        ("tidak: taruhan rendah", "sebagian", "ya: taruhan tinggi"),
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
    assert item_text("A3", language) == ITEM_TEXTS["A3"][1]


@pytest.mark.parametrize("language", ["en", "en-GB", "", "fr", "nl"])
def test_item_text_falls_back_to_english_for_other_languages(language: str) -> None:
    assert item_text("A3", language) == ITEM_TEXTS["A3"][0]


def test_item_text_accepts_a_lower_case_code() -> None:
    assert item_text("c4") == ITEM_TEXTS["C4"][0]


@pytest.mark.parametrize("code", ["A7", "C6", "B1", "", "A 1"])
def test_item_text_rejects_an_unknown_code_naming_it(code: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(code))):
        item_text(code)


@pytest.mark.parametrize("code", ITEM_CODES)
@pytest.mark.parametrize("language", ["en", "id"])
def test_every_item_is_a_question(code: str, language: str) -> None:
    assert item_text(code, language).endswith("?")


@pytest.mark.parametrize("code", ITEM_CODES)
def test_each_score_of_an_item_has_its_own_answer_in_both_languages(code: str) -> None:
    english, indonesian = ITEM_ANSWERS[code]
    for score in (0, 1, 2):
        assert answer_label(code, score) == english[score]
        assert answer_label(code, score, "en") == english[score]
        assert answer_label(code, score, "id-ID") == indonesian[score]
    assert RUBRIC_ITEMS[code].answers_en == english
    assert RUBRIC_ITEMS[code].answers_id == indonesian


def test_the_answers_fit_their_items_not_one_scale_for_all() -> None:
    # The old scale ("clear / agreed", "partly", "absent / contested") read the same for every
    # item, so "2 - absent" under "No overlap of mandate" meant the opposite of what it said.
    worst = {answer_label(code, 2) for code in ITEM_CODES}
    assert len(worst) >= 6
    assert answer_label("C3", 0) == "no overlap"
    assert answer_label("C1", 2) == "contested"


@pytest.mark.parametrize("score", [-1, 3, None, "1", True])
def test_answer_label_refuses_a_score_outside_0_to_2(score: object) -> None:
    with pytest.raises(ValueError, match="C1"):
        answer_label("C1", score)  # type: ignore[arg-type]


def test_answer_label_accepts_a_lower_case_code_and_rejects_an_unknown_one() -> None:
    assert answer_label("c2", 1) == ITEM_ANSWERS["C2"][0][1]
    with pytest.raises(ValueError, match="'C9'"):
        answer_label("C9", 0)
