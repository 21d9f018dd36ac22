"""Records as they were at a past date, rebuilt from their history (django-simple-history).

A dashboard "as of D" reads every record as it stood at the end of day D (in the site's time
zone): the history row in force then is the newest one written before D + 1 starts. A record
with no history row by then was entered later (records are often entered after the events they
describe): it is read as it was first recorded, its oldest history row, and without any history
row as it stands. Today, or a later day, is read from the records themselves, so those answers
are the records' own, whatever their history says.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db.models import Case, Exists, F, Model, OuterRef, QuerySet, Subquery, When
from django.utils import timezone

# The annotation that holds the in-force history row's id: None when recorded only later.
RECORDED = "recorded_history_id"

M = TypeVar("M", bound=Model)


def past_date(on: date | None) -> date | None:
    """`on` when it lies before today; None when the records as they stand answer it."""
    if on is None or on >= timezone.localdate():
        return None
    return on


def end_of(day: date) -> datetime:
    """The first instant after `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def history_in_force(model: type[Model], *, on: date) -> QuerySet:
    """The history rows of `model` written by the end of `on`, newest first, for OuterRef("pk")."""
    historical = model.history.model  # type: ignore[attr-defined]
    return historical.objects.filter(id=OuterRef("pk"), history_date__lt=end_of(on)).order_by(
        "-history_date", "-history_id"
    )


def first_history(model: type[Model]) -> QuerySet:
    """The history rows of `model` for OuterRef("pk"), oldest first: the first one is the record
    as it was first entered."""
    historical = model.history.model  # type: ignore[attr-defined]
    return historical.objects.filter(id=OuterRef("pk")).order_by("history_date", "history_id")


def as_recorded(queryset: QuerySet[M], *, on: date, fields: tuple[str, ...]) -> QuerySet[M]:
    """Annotate each record with `recorded_<field>` as it stood at the end of `on`.

    That is the value of the history row in force then; for a record recorded only later, of
    the row it was first recorded with; for a record without history, its own. The whole row
    is chosen, not each field's first non-null value, so a field empty at `on` stays empty.
    Also `recorded_history_id`: the in-force row itself, None for a record recorded later.
    Correlated subqueries only, so the query count does not grow with the records.
    """
    in_force = history_in_force(queryset.model, on=on)
    first = first_history(queryset.model)
    recorded = queryset.annotate(**{RECORDED: Subquery(in_force.values("history_id")[:1])})
    return recorded.annotate(
        **{
            f"recorded_{name}": Case(
                When(**{f"{RECORDED}__isnull": False}, then=Subquery(in_force.values(name)[:1])),
                When(Exists(first), then=Subquery(first.values(name)[:1])),
                default=F(name),
            )
            for name in fields
        }
    )
