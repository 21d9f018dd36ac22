"""Reads of programmes, outputs and indicator progress."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import programmes_readable_by
from apps.assessments.selectors import outputs_with_current_assessment
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.programmes import progress
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme


def programme_list(*, user: Any) -> QuerySet[Programme]:
    """Programmes the user may read, with their output and open-obstacle counts."""
    return programmes_readable_by(user=user).annotate(
        output_count=Count("outputs", distinct=True),
        open_obstacle_count=Count(
            "obstacles", filter=Q(obstacles__status__in=ACTIVE_STATUSES), distinct=True
        ),
    )


def programme_get(*, user: Any, code: str) -> Programme:
    """The programme with this code, if the user may read it; 404 otherwise (no hint it exists)."""
    programme = programmes_readable_by(user=user).filter(code=code).first()
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


def output_list(*, programme: Programme) -> QuerySet[Output]:
    """A programme's outputs with outcome, lead and current assessment figures."""
    outputs = (
        Output.objects.filter(programme=programme)
        .select_related("outcome", "lead")
        .prefetch_related("sources")
    )
    return outputs_with_current_assessment(outputs).order_by("outcome__order", "code")


def outcome_tree(*, programme: Programme) -> list[tuple[Outcome, list[Output]]]:
    """The programme's outcomes, each with its outputs (a fixed number of queries)."""
    by_outcome: dict[int, list[Output]] = defaultdict(list)
    for output in output_list(programme=programme):
        by_outcome[output.outcome_id].append(output)
    outcomes = Outcome.objects.filter(programme=programme).prefetch_related("sources")
    return [(outcome, by_outcome[outcome.pk]) for outcome in outcomes]


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
