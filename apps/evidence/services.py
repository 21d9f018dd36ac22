"""Writes of sources and evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from apps.core.services import record_create, record_update
from apps.evidence.choices import Stance
from apps.evidence.models import Evidence, Source

SOURCE_EDITABLE = (
    "key", "title", "kind", "author", "published_on", "url", "citation", "note", "is_illustrative",
)  # fmt: skip
EVIDENCE_EDITABLE = ("source", "excerpt", "page", "note", "stance")


def source_create(
    *,
    actor: Any | None = None,
    title: str,
    kind: str,
    key: str | None = None,
    author: str = "",
    published_on: date | None = None,
    url: str = "",
    citation: str = "",
    note: str = "",
    is_illustrative: bool = False,
) -> Source:
    """Register a source that facts can rest on."""
    fields = {k: v for k, v in locals().items() if k != "actor"}
    fields["key"] = fields["key"] or None
    return record_create(Source, actor=actor, fields=fields)


def source_update(
    *, source: Source, actor: Any | None = None, version: int | None = None, **changes: Any
) -> Source:
    """Change a source's description."""
    if "key" in changes:
        changes["key"] = changes["key"] or None
    return record_update(
        source, actor=actor, expected_version=version, changes=changes, editable=SOURCE_EDITABLE
    )


def evidence_create(
    *,
    actor: Any | None = None,
    source: Source,
    excerpt: str,
    page: str = "",
    note: str = "",
    stance: str = Stance.SUPPORTS,
) -> Evidence:
    """Record an excerpt of a source."""
    fields = {k: v for k, v in locals().items() if k != "actor"}
    return record_create(Evidence, actor=actor, fields=fields)


def evidence_update(
    *, evidence: Evidence, actor: Any | None = None, version: int | None = None, **changes: Any
) -> Evidence:
    """Change an excerpt, its page, note or stance."""
    return record_update(
        evidence, actor=actor, expected_version=version, changes=changes,
        editable=EVIDENCE_EDITABLE,
    )  # fmt: skip
