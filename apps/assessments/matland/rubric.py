"""The rubric: eleven items on two dimensions, their questions and answers, and the error of a
bad answer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

Dimension = Literal["ambiguity", "conflict"]
AMBIGUITY: Dimension = "ambiguity"
CONFLICT: Dimension = "conflict"

AMBIGUITY_ITEMS: tuple[str, ...] = ("A1", "A2", "A3", "A4", "A5", "A6")
CONFLICT_ITEMS: tuple[str, ...] = ("C1", "C2", "C3", "C4", "C5")
ITEM_CODES: tuple[str, ...] = AMBIGUITY_ITEMS + CONFLICT_ITEMS

# Fewer answers than this would let one or two items decide the quadrant, so we refuse to guess.
MIN_ANSWERED = 3
BORDERLINE_MARGIN = Fraction(1, 10)
DEFAULT_THRESHOLD = Decimal("0.5")
SCORE_PLACES = 4
# Severity 4-5 on the 1-5 scale means the obstacle blocks the item outright, not just weakens it.
SEVERE_OBSTACLE = 4

_VALID_ANSWERS = (0, 1, 2)
_MAX_ITEM_SCORE = 2
_SCORE_SCALE = 10**SCORE_PLACES
_SEVERITIES = range(1, 6)


class RubricError(ValueError):
    """A rubric input that cannot be scored; `field` names the item (or threshold) at fault."""

    def __init__(self, field: str | None, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


def _is_indonesian(language: str) -> bool:
    # Accept regional tags such as "id-ID" or "id_ID" from Django's LANGUAGE_CODE.
    return language.lower().startswith("id")


Answers = tuple[str, str, str]


@dataclass(frozen=True)
class RubricItem:
    """One rubric item: its dimension, its question and the answers to it for scores 0, 1 and 2,
    in English and Indonesian.

    Each item has its own answers because one scale for all ("clear / agreed" ... "absent /
    contested") read backwards under items about a problem (C3, C5): the words of an answer
    must say what its score means for that question. Score 0 is always the clear / agreed end.
    """

    code: str
    dimension: Dimension
    text_en: str
    text_id: str
    answers_en: Answers
    answers_id: Answers

    def text(self, language: str = "en") -> str:
        """Return the item text in the given language (Indonesian for "id*", else English)."""
        return self.text_id if _is_indonesian(language) else self.text_en

    def answer(self, score: int, language: str = "en") -> str:
        """Return the words of answer `score` (0-2) to this item in the given language."""
        if type(score) is not int or score not in _VALID_ANSWERS:
            raise RubricError(self.code, f"an answer is 0, 1 or 2, got {score!r}")
        answers = self.answers_id if _is_indonesian(language) else self.answers_en
        return answers[score]


RUBRIC_ITEMS: dict[str, RubricItem] = {
    item.code: item
    for item in (
        RubricItem(
            "A1",
            AMBIGUITY,
            "How clearly are the goals stated?",
            "Seberapa jelas tujuan dinyatakan?",
            ("clear", "partly clear", "vague or not stated"),
            ("jelas", "sebagian jelas", "kabur atau tidak dinyatakan"),
        ),
        RubricItem(
            "A2",
            AMBIGUITY,
            "Are indicators and targets defined?",
            "Apakah indikator dan target telah ditetapkan?",
            ("defined", "partly defined", "not defined"),
            ("ditetapkan", "sebagian ditetapkan", "belum ditetapkan"),
        ),
        RubricItem(
            "A3",
            AMBIGUITY,
            "Is there a timeline?",
            "Apakah ada jadwal pelaksanaan?",
            ("yes, with dates", "rough or partial", "none"),
            ("ada, dengan tanggal", "kasar atau sebagian", "tidak ada"),
        ),
        RubricItem(
            "A4",
            AMBIGUITY,
            "Do operational guidelines (SOPs) exist for the means?",
            "Apakah ada pedoman operasional (SOP) untuk cara pelaksanaannya?",
            ("in place", "partial or draft", "none"),
            ("ada", "sebagian atau masih draf", "tidak ada"),
        ),
        RubricItem(
            "A5",
            AMBIGUITY,
            "Are the lead agency and the roles defined?",
            "Apakah lembaga pelaksana utama dan pembagian peran telah ditetapkan?",
            ("defined", "partly defined", "not defined"),
            ("ditetapkan", "sebagian ditetapkan", "belum ditetapkan"),
        ),
        RubricItem(
            "A6",
            AMBIGUITY,
            "Do implementers have guidance or training?",
            "Apakah pelaksana mendapat arahan atau pelatihan?",
            ("enough", "some", "none"),
            ("cukup", "sebagian", "tidak ada"),
        ),
        RubricItem(
            "C1",
            CONFLICT,
            "Do the agencies agree on the goals?",
            "Apakah lembaga-lembaga sepakat tentang tujuan?",
            ("agreed", "partly agreed", "contested"),
            ("sepakat", "sebagian sepakat", "diperselisihkan"),
        ),
        RubricItem(
            "C2",
            CONFLICT,
            "Do the agencies agree on the means?",
            "Apakah lembaga-lembaga sepakat tentang cara pelaksanaan?",
            ("agreed", "partly agreed", "contested"),
            ("sepakat", "sebagian sepakat", "diperselisihkan"),
        ),
        RubricItem(
            "C3",
            CONFLICT,
            "Do the agencies' mandates or turf overlap?",
            "Apakah kewenangan lembaga-lembaga tumpang tindih?",
            ("no overlap", "some overlap", "overlap in dispute"),
            ("tidak tumpang tindih", "sebagian tumpang tindih", "tumpang tindih dan diperebutkan"),
        ),
        RubricItem(
            "C4",
            CONFLICT,
            "Does the output fit the agencies' capacity and resources?",
            "Apakah keluaran sesuai dengan kapasitas dan sumber daya lembaga?",
            ("fits", "stretches them", "beyond them"),
            ("sesuai", "membebani", "melampaui kemampuan"),
        ),
        RubricItem(
            "C5",
            CONFLICT,
            "Do the actors have conflicting interests or high stakes in the output?",
            "Apakah para aktor punya konflik kepentingan atau taruhan tinggi atas keluaran ini?",
            ("no: low stakes", "some", "yes: high stakes"),
            ("tidak: taruhan rendah", "sebagian", "ya: taruhan tinggi"),
        ),
    )
}


def _canonical_code(code: object) -> str:
    # Form fields and URL params often arrive lower-cased; the rubric itself is upper-case.
    if isinstance(code, str) and code.upper() in RUBRIC_ITEMS:
        return code.upper()
    raise RubricError(
        None, f"unknown rubric item {code!r}; expected one of {', '.join(ITEM_CODES)}"
    )


def item_text(code: str, language: str = "en") -> str:
    """Return the text of rubric item `code` in Indonesian for "id*" languages, else English."""
    return RUBRIC_ITEMS[_canonical_code(code)].text(language)


def answer_label(code: str, score: int, language: str = "en") -> str:
    """Return the words of answer `score` (0-2) to rubric item `code` in the given language."""
    return RUBRIC_ITEMS[_canonical_code(code)].answer(score, language)
