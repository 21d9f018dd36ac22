"""Outputs on the Matland matrix: where each stands, by status, and what each quadrant needs.

Each reads as of a date D when given `on`: each output at its latest assessment made on or
before D (latest `assessed_on`, then latest created, as "current"), with its status as
recorded at the end of D; an output recorded only later counts with the status it was first
recorded with (scope.outputs_as_of).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import Count, QuerySet, Subquery
from django.urls import reverse

from apps.assessments import matland
from apps.assessments.selectors import (
    latest_assessments_of_output,
    outputs_with_current_assessment,
)
from apps.core.models import title_for_reader
from apps.dashboards.choices import UnclassifiedReason
from apps.dashboards.selectors.recorded import past_date
from apps.dashboards.selectors.scope import outputs_as_of
from apps.programmes.choices import OutputStatus
from apps.programmes.models import Outcome, Programme

# Matland's order (the enum's): the four quadrants, then "not enough evidence".
QUADRANTS: tuple[str, ...] = tuple(quadrant.value for quadrant in matland.Quadrant)
CLASSIFIED: tuple[str, ...] = tuple(q for q in QUADRANTS if q != matland.Quadrant.UNCLASSIFIED)
UNCLASSIFIED = matland.Quadrant.UNCLASSIFIED.value
NEVER_ASSESSED = UnclassifiedReason.NEVER_ASSESSED.value
TOO_FEW_ANSWERS = UnclassifiedReason.TOO_FEW_ANSWERS.value


class MatrixRow(TypedDict):
    """One output on the ambiguity–conflict matrix."""

    id: int
    programme_code: str
    outcome_code: str
    code: str
    title: str
    status: str
    is_illustrative: bool
    ambiguity: Decimal | None
    conflict: Decimal | None
    ambiguity_threshold: Decimal
    conflict_threshold: Decimal
    quadrant: str
    borderline: bool
    assessed_on: str | None
    assessment_is_illustrative: bool | None
    reason: str | None
    url: str


class StatusCounts(TypedDict):
    """How many outputs of one quadrant are in each status."""

    quadrant: str
    counts: dict[str, int]
    total: int


class OutputRef(TypedDict):
    """Enough of an output to name it."""

    id: int
    programme_code: str
    code: str
    title: str
    url: str


class QuadrantStrategy(TypedDict):
    """A quadrant's principle and suggested strategy, with the outputs currently in it."""

    quadrant: str
    name: str
    principle: str | None
    strategy: str
    outputs: list[OutputRef]


def output_page(*, programme_code: str, output_id: int) -> str:
    """The address of the output's page in the workspace, which a chart or list links to."""
    return reverse("record-detail", args=[programme_code, "outputs", output_id])


def _current(programmes: QuerySet[Programme], outcome: Outcome | None, on: date | None) -> QuerySet:
    # Annotated with `current_<figure>` (outputs_with_current_assessment) and `status_on`, which
    # the type of a plain QuerySet[Output] does not know.
    return outputs_with_current_assessment(
        outputs_as_of(programmes=programmes, outcome=outcome, on=on), on=past_date(on)
    ).order_by("programme__code", "outcome__order", "outcome__code", "code")


def _matrix_row(output: Any) -> MatrixRow:
    assessed = output.current_assessment_id is not None
    quadrant = output.current_quadrant or UNCLASSIFIED
    reason = None
    if quadrant == UNCLASSIFIED:
        # Classification only refuses when a dimension has fewer than 3 answered items.
        reason = TOO_FEW_ANSWERS if assessed else NEVER_ASSESSED
    assessed_on = output.current_assessed_on
    return {
        "id": output.pk,
        "programme_code": output.programme.code,
        "outcome_code": output.outcome.code,
        "code": output.code,
        "title": output.display_title,
        "status": output.status_on,
        "is_illustrative": output.is_illustrative,
        "ambiguity": output.current_ambiguity,
        "conflict": output.current_conflict,
        "ambiguity_threshold": output.programme.ambiguity_threshold,
        "conflict_threshold": output.programme.conflict_threshold,
        "quadrant": quadrant,
        "borderline": bool(output.current_borderline),
        "assessed_on": assessed_on.isoformat() if assessed_on else None,
        "assessment_is_illustrative": output.current_is_illustrative,
        "reason": reason,
        "url": output_page(programme_code=output.programme.code, output_id=output.pk),
    }


def quadrant_matrix(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> list[MatrixRow]:
    """Every output with its latest assessment's scores and quadrant (1 query)."""
    latest = latest_assessments_of_output(on=past_date(on))
    outputs = (
        _current(programmes, outcome, on)
        .annotate(current_is_illustrative=Subquery(latest.values("is_illustrative")[:1]))
        .select_related("programme", "outcome")
    )
    return [_matrix_row(output) for output in outputs]


def status_by_quadrant(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> list[StatusCounts]:
    """Per quadrant (all five), the number of outputs in each status (1 query)."""
    grouped = (
        _current(programmes, outcome, on)
        .order_by()
        .values_list("current_quadrant", "status_on")
        .annotate(count=Count("pk"))
    )
    table = {quadrant: dict.fromkeys(OutputStatus.values, 0) for quadrant in QUADRANTS}
    for quadrant, status, count in grouped:
        table[quadrant or UNCLASSIFIED][status] += count
    return [
        {"quadrant": quadrant, "counts": counts, "total": sum(counts.values())}
        for quadrant, counts in table.items()
    ]


def quadrant_strategies(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    language: str = "en",
    on: date | None = None,
) -> list[QuadrantStrategy]:
    """Each classified quadrant's principle and strategy, with its current outputs (1 query)."""
    members: dict[str, list[OutputRef]] = {quadrant: [] for quadrant in CLASSIFIED}
    rows = (
        _current(programmes, outcome, on)
        .filter(current_quadrant__in=CLASSIFIED)
        .values_list(
            "current_quadrant",
            "pk",
            "programme__code",
            "code",
            "title",
            "title_language",
            "title_translation",
        )
    )
    for quadrant, pk, programme_code, code, title, title_language, title_translation in rows:
        members[quadrant].append(
            {
                "id": pk,
                "programme_code": programme_code,
                "code": code,
                "title": title_for_reader(
                    title=title,
                    title_language=title_language,
                    title_translation=title_translation,
                    language=language,
                ),
                "url": output_page(programme_code=programme_code, output_id=pk),
            }
        )
    strategies: list[QuadrantStrategy] = []
    for quadrant, outputs in members.items():
        info = matland.quadrant_info(quadrant)
        strategies.append(
            {
                "quadrant": quadrant,
                "name": info.name(language),
                "principle": info.principle(language),
                "strategy": info.strategy(language),
                "outputs": outputs,
            }
        )
    return strategies
