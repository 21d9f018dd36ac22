"""The power–interest grid: stakeholders placed by influence and interest.

As of a past date D: each involvement's role, influence, interest and stance as its history held
at the end of D, or as first recorded for one recorded only later; one not scored on both then
is left out.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from django.db.models import F, Q, QuerySet

from apps.dashboards.selectors.recorded import as_recorded, past_date
from apps.programmes.models import Outcome, Programme
from apps.stakeholders.models import Involvement


class GridPoint(TypedDict):
    """One involvement of a stakeholder, placed by its influence and interest."""

    stakeholder_id: int
    acronym: str
    name: str
    kind: str
    output_code: str | None
    programme_code: str
    role: str
    influence: int
    interest: int
    stance: str | None
    is_illustrative: bool


POSITION = ("role", "influence", "interest", "stance")


def _positions(involvements: QuerySet[Involvement], on: date | None) -> QuerySet[Involvement]:
    """The involvements scored on both, annotated `<field>_on` for each field of POSITION."""
    past = past_date(on)
    if past is None:
        scored = involvements.annotate(**{f"{name}_on": F(name) for name in POSITION})
    else:
        scored = as_recorded(involvements, on=past, fields=POSITION).annotate(
            **{f"{name}_on": F(f"recorded_{name}") for name in POSITION}
        )
    return scored.filter(Q(influence_on__isnull=False) & Q(interest_on__isnull=False))


def stakeholder_grid(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> list[GridPoint]:
    """Involvements with both influence and interest scored; programme-level ones too (1 query)."""
    involvements = Involvement.objects.filter(programme__in=programmes)
    if outcome is not None:
        involvements = involvements.filter(output__outcome=outcome)
    positioned: Any = _positions(involvements, on)
    rows = positioned.select_related("stakeholder", "output", "programme").order_by(
        "programme__code",
        # Programme-wide involvements first on every database (SQLite and PostgreSQL differ).
        F("output__code").asc(nulls_first=True),
        "stakeholder__acronym",
        "stakeholder__name",
        "role_on",
    )
    return [
        {
            "stakeholder_id": involvement.stakeholder_id,
            "acronym": involvement.stakeholder.acronym,
            "name": involvement.stakeholder.name,
            "kind": involvement.stakeholder.kind,
            "output_code": involvement.output.code if involvement.output is not None else None,
            "programme_code": involvement.programme.code,
            "role": involvement.role_on,
            "influence": _scored(involvement.influence_on),
            "interest": _scored(involvement.interest_on),
            "stance": involvement.stance_on or None,
            "is_illustrative": involvement.is_illustrative,
        }
        for involvement in rows
    ]


def _scored(value: int | None) -> int:
    # The grid's query keeps only involvements with both scores.
    if value is None:
        raise ValueError("an unscored involvement reached the power-interest grid")
    return value
