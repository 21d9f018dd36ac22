"""The rubric: eleven items on two dimensions, their texts, and the error of a bad answer."""

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


@dataclass(frozen=True)
class RubricItem:
    """One rubric item with its dimension and its text in English and Indonesian."""

    code: str
    dimension: Dimension
    text_en: str
    text_id: str

    def text(self, language: str = "en") -> str:
        """Return the item text in the given language (Indonesian for "id*", else English)."""
        return self.text_id if _is_indonesian(language) else self.text_en


RUBRIC_ITEMS: dict[str, RubricItem] = {
    item.code: item
    for item in (
        RubricItem("A1", AMBIGUITY, "Goals are stated clearly", "Tujuan dinyatakan dengan jelas"),
        RubricItem(
            "A2",
            AMBIGUITY,
            "Indicators and targets are defined",
            "Indikator dan target telah ditetapkan",
        ),
        RubricItem("A3", AMBIGUITY, "A timeline exists", "Jadwal pelaksanaan tersedia"),
        RubricItem(
            "A4",
            AMBIGUITY,
            "Operational guidelines (SOPs) exist for the means",
            "Pedoman operasional (SOP) tersedia",
        ),
        RubricItem(
            "A5",
            AMBIGUITY,
            "Lead agency and roles are defined",
            "Lembaga pelaksana utama dan peran telah ditetapkan",
        ),
        RubricItem(
            "A6",
            AMBIGUITY,
            "Implementers have guidance or training",
            "Pelaksana mendapat arahan atau pelatihan",
        ),
        RubricItem(
            "C1", CONFLICT, "Agencies agree on the goals", "Lembaga-lembaga sepakat tentang tujuan"
        ),
        RubricItem(
            "C2",
            CONFLICT,
            "Agencies agree on the means",
            "Lembaga-lembaga sepakat tentang cara pelaksanaan",
        ),
        RubricItem(
            "C3",
            CONFLICT,
            "No overlap of mandate or turf",
            "Tidak ada tumpang tindih kewenangan",
        ),
        RubricItem(
            "C4",
            CONFLICT,
            "The output fits the agencies' capacity and resources",
            "Keluaran sesuai dengan kapasitas dan sumber daya lembaga",
        ),
        RubricItem(
            "C5",
            CONFLICT,
            "No conflict of interest; low stakes for the actors",
            "Tidak ada konflik kepentingan; taruhan rendah bagi para aktor",
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
