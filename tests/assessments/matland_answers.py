"""Rubric answers for the pure Matland tests: an items mapping built from two lists."""

from __future__ import annotations

from collections.abc import Sequence

from apps.assessments.matland import AMBIGUITY_ITEMS, CONFLICT_ITEMS

Answer = int | None


def answers(ambiguity: Sequence[Answer] = (), conflict: Sequence[Answer] = ()) -> dict[str, Answer]:
    """Build an items mapping, filling A1.. and C1.. in order; omitted items stay missing."""
    assert len(ambiguity) <= len(AMBIGUITY_ITEMS)
    assert len(conflict) <= len(CONFLICT_ITEMS)
    return {
        **dict(zip(AMBIGUITY_ITEMS, ambiguity, strict=False)),
        **dict(zip(CONFLICT_ITEMS, conflict, strict=False)),
    }


LOW = (0, 0, 0)
HIGH = (2, 2, 2)
