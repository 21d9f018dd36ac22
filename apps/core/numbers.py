"""Figures as people read them, in the active language (pages, messages, record names).

The API and the CSV downloads keep their machine-readable decimals; see docs/architecture.md,
"How figures are written".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats

# Measured values are stored to four places; a percentage never needs more than two.
STORED_PLACES = 4
MEASURE_PLACES = {"percentage": 2}
# Rubric scores (ambiguity, conflict, thresholds) always read to two places: 0.25, 0.08, 1.00.
SCORE_PLACES = 2


def rounded(value: Any, places: int) -> Decimal:
    """`value` to `places` decimals, halves up."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def measured_text(value: Any, places: int = STORED_PLACES) -> str:
    """A measured value in the active language: to at most `places` decimals, no trailing
    zeros, grouped in thousands ("3,313" / "3.313", "0.25" / "0,25"), as the dashboards write it."""
    number = rounded(value, places)
    # normalize() drops the trailing zeros; zero loses its sign ("-0" is no figure).
    number = number.normalize() if number else Decimal(0)
    return formats.number_format(number, force_grouping=True)


def measured_value_text(value: Any, measure: str = "") -> str:
    """A value of an indicator of this measure, with the precision the measure needs."""
    return measured_text(value, MEASURE_PLACES.get(measure, STORED_PLACES))


def score_text(value: Any) -> str:
    """A rubric score in the active language, to two decimals ("0.25" / "0,25")."""
    return formats.number_format(rounded(value, SCORE_PLACES), SCORE_PLACES)
