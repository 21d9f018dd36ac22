"""The four quadrants of the matrix: names, central principles and suggested strategies."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from apps.assessments.matland.rubric import _is_indonesian


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
