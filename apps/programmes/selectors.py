"""Reads of indicator progress."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from apps.programmes import progress
from apps.programmes.models import Indicator, Measurement, Output


def indicator_spec(indicator: Indicator) -> progress.IndicatorSpec:
    """The pure-domain view of an indicator (its output must be loaded)."""
    return progress.IndicatorSpec(
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        measure=indicator.measure,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
        output_start=indicator.output.start_date,
        output_end=indicator.output.end_date,
    )


def indicator_progress(
    *, indicators: Iterable[Indicator], on: date | None = None
) -> dict[int, progress.Progress]:
    """Actual, achievement, expected share and band of each indicator at a date (default today).

    Pass indicators with `output` selected and `measurements` prefetched to keep it to the
    queries that loaded them.
    """
    on = on or timezone.localdate()
    result = {}
    for indicator in indicators:
        points = [
            progress.MeasurementPoint(m.period_start, m.period_end, m.value)
            for m in indicator.measurements.all()
        ]
        result[indicator.pk] = progress.progress_at(indicator_spec(indicator), points, on)
    return result


def indicators_for_outputs(outputs: Iterable[Output]) -> QuerySet[Indicator]:
    """Indicators of these outputs, ready for `indicator_progress` without further queries."""
    return (
        Indicator.objects.filter(output__in=list(outputs))
        .select_related("output")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("period_end"))
        )
        .order_by("output__code", "code")
    )


def indicators_with_progress(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators, each carrying its figures for today as `figures`."""
    indicators = list(indicators)
    figures = indicator_progress(indicators=indicators)
    for indicator in indicators:
        indicator.figures = figures[indicator.pk]
    return indicators
