"""The power–interest grid: stakeholders placed by influence and interest."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import F, QuerySet

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


def stakeholder_grid(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None
) -> list[GridPoint]:
    """Involvements with both influence and interest scored; programme-level ones too (1 query)."""
    involvements = Involvement.objects.filter(
        programme__in=programmes, influence__isnull=False, interest__isnull=False
    )
    if outcome is not None:
        involvements = involvements.filter(output__outcome=outcome)
    involvements = involvements.select_related("stakeholder", "output", "programme").order_by(
        "programme__code",
        # Programme-wide involvements first on every database (SQLite and PostgreSQL differ).
        F("output__code").asc(nulls_first=True),
        "stakeholder__acronym",
        "stakeholder__name",
        "role",
    )
    return [
        {
            "stakeholder_id": involvement.stakeholder_id,
            "acronym": involvement.stakeholder.acronym,
            "name": involvement.stakeholder.name,
            "kind": involvement.stakeholder.kind,
            "output_code": involvement.output.code if involvement.output is not None else None,
            "programme_code": involvement.programme.code,
            "role": involvement.role,
            "influence": _scored(involvement.influence),
            "interest": _scored(involvement.interest),
            "stance": involvement.stance or None,
            "is_illustrative": involvement.is_illustrative,
        }
        for involvement in involvements
    ]


def _scored(value: int | None) -> int:
    # The grid's query keeps only involvements with both scores.
    if value is None:
        raise ValueError("an unscored involvement reached the power-interest grid")
    return value
