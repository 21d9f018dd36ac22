"""Matland's ambiguity-conflict model of policy implementation, as pure functions.

Matland, R. E. (1995). Synthesizing the implementation literature: the ambiguity-conflict
model of policy implementation. Journal of Public Administration Research and Theory,
5(2), 145-174.

An assessment answers eleven rubric items (six on ambiguity, five on conflict) with 0 (clear /
agreed), 1 (partly), 2 (absent / contested) or None (unanswered). Each dimension's score is the
share of the maximum possible points over the answered items. Scores are compared with the
programme's thresholds exactly (as fractions); only the stored copy is rounded.

This module deliberately has no Django dependency so it can be tested and reused on its own.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

__all__ = [
    "AMBIGUITY",
    "AMBIGUITY_ITEMS",
    "BORDERLINE_MARGIN",
    "CONFLICT",
    "CONFLICT_ITEMS",
    "DEFAULT_THRESHOLD",
    "ITEM_CODES",
    "MIN_ANSWERED",
    "QUADRANTS",
    "RUBRIC_ITEMS",
    "SCORE_PLACES",
    "SEVERE_OBSTACLE",
    "Classification",
    "Dimension",
    "ObstacleSignal",
    "Quadrant",
    "QuadrantInfo",
    "RubricItem",
    "Suggestion",
    "classify",
    "classify_quadrant",
    "dimension_fraction",
    "item_text",
    "quadrant_info",
    "quantize_score",
    "suggest_item_scores",
]

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


def _is_indonesian(language: str) -> bool:
    # Accept regional tags such as "id-ID" or "id_ID" from Django's LANGUAGE_CODE.
    return language.lower().startswith("id")


# --------------------------------------------------------------------------------------------
# Rubric
# --------------------------------------------------------------------------------------------


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
    raise ValueError(f"unknown rubric item {code!r}; expected one of {', '.join(ITEM_CODES)}")


def item_text(code: str, language: str = "en") -> str:
    """Return the text of rubric item `code` in Indonesian for "id*" languages, else English."""
    return RUBRIC_ITEMS[_canonical_code(code)].text(language)


# --------------------------------------------------------------------------------------------
# Quadrants
# --------------------------------------------------------------------------------------------


class Quadrant(str, enum.Enum):
    """Matland's four implementation types, plus "unclassified" for too little evidence."""

    ADMINISTRATIVE = "administrative"
    POLITICAL = "political"
    EXPERIMENTAL = "experimental"
    SYMBOLIC = "symbolic"
    UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class QuadrantInfo:
    """Display name, central principle and suggested strategy of a quadrant in EN and ID."""

    quadrant: Quadrant
    name_en: str
    name_id: str
    principle_en: str | None
    principle_id: str | None
    strategy_en: str
    strategy_id: str

    def name(self, language: str = "en") -> str:
        """Return the quadrant's display name in the given language."""
        return self.name_id if _is_indonesian(language) else self.name_en

    def principle(self, language: str = "en") -> str | None:
        """Return Matland's central principle in the given language (None when unclassified)."""
        return self.principle_id if _is_indonesian(language) else self.principle_en

    def strategy(self, language: str = "en") -> str:
        """Return the suggested implementation strategy in the given language."""
        return self.strategy_id if _is_indonesian(language) else self.strategy_en


QUADRANTS: dict[Quadrant, QuadrantInfo] = {
    info.quadrant: info
    for info in (
        QuadrantInfo(
            quadrant=Quadrant.ADMINISTRATIVE,
            name_en="Administrative implementation",
            name_id="Implementasi administratif",
            principle_en="Resources",
            principle_id="Sumber daya",
            strategy_en=(
                "Secure adequate resources and clear standard operating procedures, then "
                "monitor delivery closely: outcomes depend mainly on resources reaching the "
                "right place."
            ),
            strategy_id=(
                "Pastikan sumber daya yang memadai dan SOP yang jelas, lalu pantau pelaksanaan "
                "secara ketat: hasilnya terutama bergantung pada sampainya sumber daya ke "
                "tempat yang tepat."
            ),
        ),
        QuadrantInfo(
            quadrant=Quadrant.POLITICAL,
            name_en="Political implementation",
            name_id="Implementasi politik",
            principle_en="Power",
            principle_id="Kekuasaan",
            strategy_en=(
                "The goals are clear but contested, so compliance has to be won: bargain with "
                "the agencies involved and use incentives or sanctions to secure their "
                "cooperation."
            ),
            strategy_id=(
                "Tujuannya jelas tetapi dipertentangkan, sehingga kepatuhan harus diupayakan: "
                "lakukan negosiasi dengan lembaga-lembaga yang terlibat dan gunakan insentif "
                "atau sanksi untuk memperoleh kerja sama mereka."
            ),
        ),
        QuadrantInfo(
            quadrant=Quadrant.EXPERIMENTAL,
            name_en="Experimental implementation",
            name_id="Implementasi eksperimental",
            principle_en="Contextual conditions",
            principle_id="Kondisi kontekstual",
            strategy_en=(
                "Treat implementation as learning: allow local variation, record what works "
                "where, and evaluate for learning rather than for compliance."
            ),
            strategy_id=(
                "Perlakukan implementasi sebagai proses belajar: beri ruang bagi variasi lokal, "
                "catat apa yang berhasil dan di mana, serta lakukan evaluasi untuk "
                "pembelajaran, bukan untuk menilai kepatuhan."
            ),
        ),
        QuadrantInfo(
            quadrant=Quadrant.SYMBOLIC,
            name_en="Symbolic implementation",
            name_id="Implementasi simbolis",
            principle_en="Coalition strength",
            principle_id="Kekuatan koalisi",
            strategy_en=(
                "Outcomes depend on which coalition prevails locally: build coalition strength "
                "among the actors at the level where the policy is actually implemented."
            ),
            strategy_id=(
                "Hasilnya bergantung pada koalisi yang dominan di tingkat lokal: bangun kekuatan "
                "koalisi di antara para aktor pada tingkat tempat kebijakan benar-benar "
                "dilaksanakan."
            ),
        ),
        QuadrantInfo(
            quadrant=Quadrant.UNCLASSIFIED,
            name_en="Unclassified (not enough evidence)",
            name_id="Belum terklasifikasi (bukti belum cukup)",
            principle_en=None,
            principle_id=None,
            strategy_en=(
                "Gather evidence first: answer at least three items on each dimension "
                "(ambiguity and conflict) before drawing conclusions about the type of "
                "implementation."
            ),
            strategy_id=(
                "Kumpulkan bukti terlebih dahulu: jawab sedikitnya tiga butir pada setiap "
                "dimensi (ambiguitas dan konflik) sebelum menarik kesimpulan tentang jenis "
                "implementasinya."
            ),
        ),
    )
}


def quadrant_info(quadrant: Quadrant | str) -> QuadrantInfo:
    """Return the display information for a quadrant given as enum member or value."""
    try:
        key = Quadrant(quadrant)
    except ValueError:
        raise ValueError(f"unknown quadrant {quadrant!r}") from None
    return QUADRANTS[key]


def classify_quadrant(*, ambiguity_high: bool, conflict_high: bool) -> Quadrant:
    """Return the Matland quadrant for a high/low ambiguity and high/low conflict."""
    if ambiguity_high:
        return Quadrant.SYMBOLIC if conflict_high else Quadrant.EXPERIMENTAL
    return Quadrant.POLITICAL if conflict_high else Quadrant.ADMINISTRATIVE


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _is_valid_answer(value: object) -> bool:
    # bool is an int subclass (True == 1) and 1.0 == 1; neither is a deliberate answer.
    return value is None or (type(value) is int and value in _VALID_ANSWERS)


def _answer_error(value: object, label: str | None = None) -> ValueError:
    prefix = f"{label}: " if label else ""
    return ValueError(f"{prefix}must be 0, 1, 2 or None, got {value!r}")


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
        raise ValueError(f"{label}: must be between 0 and 1, got {threshold}")
    exact = Fraction(threshold)
    if not 0 <= exact <= 1:
        raise ValueError(f"{label}: must be between 0 and 1, got {threshold}")
    return exact


def _normalise_items(items: Mapping[str, int | None]) -> dict[str, int | None]:
    normalised: dict[str, int | None] = {}
    for key, value in items.items():
        code = _canonical_code(key)
        if code in normalised:
            raise ValueError(f"{code}: given more than once (keys {code!r} and {code.lower()!r})")
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


# --------------------------------------------------------------------------------------------
# Suggestions from obstacles
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleSignal:
    """An open obstacle reduced to what scoring needs: the items its cause bears on."""

    items: tuple[str, ...]
    severity: int | None
    obstacle_id: int | None
    title: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A suggested score for one item and the obstacles (sorted ids) that motivate it."""

    item: str
    score: int
    obstacle_ids: tuple[int, ...]


def suggest_item_scores(obstacles: Iterable[ObstacleSignal]) -> dict[str, Suggestion]:
    """Suggest item scores from open obstacles: 2 if any bearing one has severity >= 4, else 1."""
    severe: dict[str, bool] = {}
    ids: dict[str, set[int]] = {}
    for obstacle in obstacles:
        severity = obstacle.severity
        if severity is not None and (type(severity) is not int or severity not in _SEVERITIES):
            raise ValueError(
                f"obstacle {obstacle.obstacle_id!r}: severity must be 1-5 or None, got {severity!r}"
            )
        # An unknown severity is not evidence of a blocking obstacle, so it only suggests "partly".
        is_severe = severity is not None and severity >= SEVERE_OBSTACLE
        for raw_code in obstacle.items:
            code = _canonical_code(raw_code)
            severe[code] = severe.get(code, False) or is_severe
            bearing = ids.setdefault(code, set())
            if obstacle.obstacle_id is not None:
                bearing.add(obstacle.obstacle_id)
    return {
        code: Suggestion(
            item=code,
            score=2 if severe[code] else 1,
            obstacle_ids=tuple(sorted(ids[code])),
        )
        for code in ITEM_CODES
        if code in severe
    }
