"""Writes of sources and evidence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict, Unpack

from apps.core.models import TitleLanguage
from apps.core.services import record_create, update_from_payload
from apps.evidence.choices import Stance
from apps.evidence.models import Evidence, Source

if TYPE_CHECKING:
    # An annotation only: accounts sit above evidence in the layers.
    from apps.accounts.models import User


class SourceChanges(TypedDict, total=False):
    """What `source_update` may change."""

    key: str | None
    title: str
    title_language: str
    title_translation: str
    kind: str
    author: str
    published_on: date | None
    url: str
    citation: str
    note: str
    is_illustrative: bool


class EvidenceChanges(TypedDict, total=False):
    """What `evidence_update` may change."""

    source: Source
    excerpt: str
    page: str
    note: str
    stance: str


def source_create(
    *,
    actor: User | None = None,
    title: str,
    title_language: str = TitleLanguage.ENGLISH,
    title_translation: str = "",
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
    fields = {
        # A blank key is no key: keys are unique, blanks are not.
        "key": key or None,
        "title": title,
        "title_language": title_language,
        "title_translation": title_translation,
        "kind": kind,
        "author": author,
        "published_on": published_on,
        "url": url,
        "citation": citation,
        "note": note,
        "is_illustrative": is_illustrative,
    }
    return record_create(Source, actor=actor, fields=fields)


def source_update(
    *,
    source: Source,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[SourceChanges],
) -> Source:
    """Change a source's description."""
    if "key" in changes:
        changes["key"] = changes["key"] or None
    return update_from_payload(
        source, actor=actor, version=version, payload=SourceChanges, changes=changes
    )


def evidence_create(
    *,
    actor: User | None = None,
    source: Source,
    excerpt: str,
    page: str = "",
    note: str = "",
    stance: str = Stance.SUPPORTS,
) -> Evidence:
    """Record an excerpt of a source."""
    fields = {"source": source, "excerpt": excerpt, "page": page, "note": note, "stance": stance}
    return record_create(Evidence, actor=actor, fields=fields)


def evidence_update(
    *,
    evidence: Evidence,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[EvidenceChanges],
) -> Evidence:
    """Change an excerpt, its page, note or stance."""
    return update_from_payload(
        evidence, actor=actor, version=version, payload=EvidenceChanges, changes=changes
    )
