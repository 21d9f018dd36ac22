"""How the outputs' quadrants moved over time, rebuilt from the dated assessments."""

from __future__ import annotations

import calendar
from bisect import bisect_right
from datetime import date, datetime, timedelta
from typing import Literal, TypedDict

from django.db.models import QuerySet
from django.utils import timezone

from apps.dashboards.selectors.quadrants import QUADRANTS, UNCLASSIFIED
from apps.dashboards.selectors.scope import scoped_outputs
from apps.programmes.models import Outcome, Programme

Period = Literal["year", "quarter"]
PERIODS: tuple[Period, ...] = ("year", "quarter")


class TrendPoint(TypedDict):
    """The number of outputs per quadrant at the end of one period."""

    period: str
    period_end: str
    as_of: str
    counts: dict[str, int]
    total: int


def period_end(day: date, period: Period) -> date:
    """The last day of the calendar year or quarter that holds `day`."""
    if period == "year":
        return date(day.year, 12, 31)
    month = 3 * ((day.month - 1) // 3 + 1)
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def period_ends(first: date, last: date, period: Period) -> list[date]:
    """The ends of the periods from the one holding `first` to the one holding `last`."""
    ends: list[date] = []
    if first > last:
        return ends
    end = period_end(first, period)
    ends.append(end)
    while end < last:
        end = period_end(end + timedelta(days=1), period)
        ends.append(end)
    return ends


def period_label(end: date, period: Period) -> str:
    """ "2019" for a year, "2019-Q3" for a quarter."""
    return str(end.year) if period == "year" else f"{end.year}-Q{end.month // 3}"


def quadrant_trend(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    period: Period = "year",
    start: date | None = None,
    end: date | None = None,
) -> list[TrendPoint]:
    """Outputs per quadrant at each period end since the first assessment (or start) (1 query)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, got {period!r}")
    end = end or timezone.localdate()
    # One row per assessment, and one with blanks per never-assessed output (LEFT OUTER JOIN).
    rows = (
        scoped_outputs(programmes=programmes, outcome=outcome)
        .order_by()
        .values_list(
            "pk", "assessments__assessed_on", "assessments__created_at", "assessments__quadrant"
        )
    )
    histories: dict[int, list[tuple[date, datetime, str]]] = {}
    for output_id, assessed_on, created_at, quadrant in rows:
        history = histories.setdefault(output_id, [])
        if assessed_on is not None:
            history.append((assessed_on, created_at, quadrant))
    first = start or min((a[0] for h in histories.values() for a in h), default=None)
    if not histories or first is None:
        return []

    timelines: list[tuple[list[date], list[str]]] = []
    for history in histories.values():
        # The same order as "current": latest date, then latest created, wins.
        history.sort()
        timelines.append(([a[0] for a in history], [a[2] for a in history]))

    points: list[TrendPoint] = []
    for closing in period_ends(first, end, period):
        # The period still running when `end` falls inside it is counted as at `end`.
        as_of = min(closing, end)
        counts = dict.fromkeys(QUADRANTS, 0)
        for dates, quadrants in timelines:
            done = bisect_right(dates, as_of)
            counts[quadrants[done - 1] if done else UNCLASSIFIED] += 1
        points.append(
            {
                "period": period_label(closing, period),
                "period_end": closing.isoformat(),
                "as_of": as_of.isoformat(),
                "counts": counts,
                "total": len(timelines),
            }
        )
    return points
