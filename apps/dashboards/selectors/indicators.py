"""Indicator progress for dashboards: actual, achievement and band of every indicator in scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.db.models import QuerySet
from django.utils import timezone

from apps.dashboards.selectors.scope import scoped_outputs
from apps.programmes import selectors as programme_selectors
from apps.programmes.models import Outcome, Programme


class IndicatorRow(TypedDict):
    """One indicator's definition and its progress figures at a date."""

    id: int
    code: str
    name: str
    unit: str
    output_code: str
    programme_code: str
    measure: str
    direction: str
    aggregation: str
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    achievement: Decimal | None
    expected: Decimal | None
    band: str | None
    latest_period_end: str | None
    is_illustrative: bool


def indicator_progress(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> list[IndicatorRow]:
    """Each indicator's actual, achievement, expected share and band at a date (3 queries)."""
    on = on or timezone.localdate()
    outputs = list(
        scoped_outputs(programmes=programmes, outcome=outcome).select_related("programme")
    )
    programme_codes = {output.pk: output.programme.code for output in outputs}
    indicators = list(programme_selectors.indicators_for_outputs(outputs))
    figures = programme_selectors.indicator_progress(indicators=indicators, on=on)
    rows: list[IndicatorRow] = []
    for indicator in indicators:
        figure = figures[indicator.pk]
        # The same measurements the actual is built from: those whose period has ended by `on`.
        ended = [m.period_end for m in indicator.measurements.all() if m.period_end <= on]
        rows.append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "output_code": indicator.output.code,
                "programme_code": programme_codes[indicator.output_id],
                "measure": indicator.measure,
                "direction": indicator.direction,
                "aggregation": indicator.aggregation,
                "baseline": indicator.baseline_value,
                "target": indicator.target_value,
                "actual": figure.actual,
                "achievement": figure.achievement,
                "expected": figure.expected,
                "band": None if figure.band is None else figure.band.value,
                "latest_period_end": max(ended).isoformat() if ended else None,
                "is_illustrative": indicator.is_illustrative,
            }
        )
    # indicators_for_outputs orders by output code only; keep each programme's rows together.
    rows.sort(key=lambda row: row["programme_code"])
    return rows
