"""Assessments as the service tests write and read them: the date, the rubric answers, the row."""

from __future__ import annotations

from datetime import date

from apps.assessments.models import Assessment

ON = date(2019, 6, 1)


def answers(ambiguity: list[int | None], conflict: list[int | None]) -> dict[str, int | None]:
    """Rubric answers keyed A1… and C1… from two lists, in order."""
    items = {f"A{n}": value for n, value in enumerate(ambiguity, start=1)}
    items |= {f"C{n}": value for n, value in enumerate(conflict, start=1)}
    return items


def stored(assessment: Assessment) -> Assessment:
    """The assessment as the database holds it."""
    return Assessment.objects.get(pk=assessment.pk)
