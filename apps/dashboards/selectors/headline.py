"""The few numbers at the top of a dashboard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.assessments.matland import SEVERE_OBSTACLE
from apps.assessments.models import Assessment
from apps.dashboards.selectors.scope import outputs_as_of, scoped_obstacles
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.programmes.choices import OutputStatus
from apps.programmes.models import Outcome, Output, Programme


class HeadlineFigures(TypedDict):
    """Output, obstacle and assessment totals of the dashboard's scope."""

    on: str
    outputs: int
    on_track: int
    on_track_percent: Decimal | None
    open_severe_obstacles: int
    unassessed_outputs: int
    latest_assessment_on: str | None


def percent(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole` to one place, halves up, exactly; None when whole is 0."""
    if whole == 0:
        return None
    tenths, remainder = divmod(part * 1000, whole)
    if 2 * remainder >= whole:
        tenths += 1
    return Decimal(tenths).scaleb(-1)


def _outputs_on(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date
) -> QuerySet[Output]:
    """The outputs as of `on` (outputs_as_of), each marked `assessed` when assessed by then."""
    assessed_by_then = Assessment.objects.filter(output=OuterRef("pk"), assessed_on__lte=on)
    # Annotated before aggregating: an aggregate over an annotated queryset reads from a
    # subquery, outside which an EXISTS in its filter could not see the output.
    return outputs_as_of(programmes=programmes, outcome=outcome, on=on).annotate(
        assessed=Exists(assessed_by_then)
    )


def _output_totals() -> dict[str, Count]:
    """The output counts of the headline, as aggregates over _outputs_on()."""
    return {
        "outputs": Count("pk"),
        "on_track": Count("pk", filter=Q(status_on=OutputStatus.ON_TRACK)),
        "not_cancelled": Count("pk", filter=~Q(status_on=OutputStatus.CANCELLED)),
        "unassessed": Count("pk", filter=Q(assessed=False)),
    }


def _figures(
    *, on: date, totals: dict[str, int], severe: int, latest: date | None
) -> HeadlineFigures:
    """The headline of one scope from its counts (the on-track share leaves cancelled out)."""
    return {
        "on": on.isoformat(),
        "outputs": totals["outputs"],
        "on_track": totals["on_track"],
        "on_track_percent": percent(totals["on_track"], totals["not_cancelled"]),
        "open_severe_obstacles": severe,
        "unassessed_outputs": totals["unassessed"],
        "latest_assessment_on": latest.isoformat() if latest else None,
    }


def headline_figures(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> HeadlineFigures:
    """Outputs and on-track share, severe open obstacles, assessment coverage (3 queries).

    All as of `on` (default today): every output with its status then, or as first recorded
    for one recorded later (outputs_as_of), assessments made on or before it, obstacles open
    and mitigating on it (scoped_obstacles).
    """
    on = on or timezone.localdate()
    outputs = _outputs_on(programmes=programmes, outcome=outcome, on=on)
    totals = outputs.aggregate(**_output_totals())
    latest = Assessment.objects.filter(
        output__in=outputs.values("pk"), assessed_on__lte=on
    ).aggregate(latest=Max("assessed_on"))["latest"]
    severe = (
        scoped_obstacles(programmes=programmes, outcome=outcome, statuses=ACTIVE_STATUSES, on=on)
        .filter(severity__gte=SEVERE_OBSTACLE)
        .count()
    )
    return _figures(on=on, totals=totals, severe=severe, latest=latest)


def portfolio_headlines(
    *, programmes: QuerySet[Programme], on: date | None = None
) -> dict[Programme, HeadlineFigures]:
    """Each programme's headline_figures(), in the queryset's order (4 queries for any number).

    The programmes, then the output totals, the latest assessment dates and the severe open
    obstacles, each grouped by programme.
    """
    on = on or timezone.localdate()
    listed = list(programmes)
    # The same scopes as headline_figures(), grouped by programme instead of summed.
    outputs = _outputs_on(programmes=programmes, on=on)
    zero = dict.fromkeys(_output_totals(), 0)
    totals = {
        row.pop("programme_id"): row
        for row in outputs.order_by().values("programme_id").annotate(**_output_totals())
    }
    latest = dict(
        Assessment.objects.filter(output__in=outputs.values("pk"), assessed_on__lte=on)
        .order_by()
        .values_list("output__programme_id")
        .annotate(latest=Max("assessed_on"))
    )
    severe = dict(
        scoped_obstacles(programmes=programmes, statuses=ACTIVE_STATUSES, on=on)
        .filter(severity__gte=SEVERE_OBSTACLE)
        .order_by()
        .values_list("programme_id")
        .annotate(count=Count("pk"))
    )
    return {
        programme: _figures(
            on=on,
            totals=totals.get(programme.pk, zero),
            severe=severe.get(programme.pk, 0),
            latest=latest.get(programme.pk),
        )
        for programme in listed
    }
