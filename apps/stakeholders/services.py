"""Writes of stakeholders and their involvements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.services import record_create, record_update
from apps.evidence.models import Source
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder

STAKEHOLDER_EDITABLE = (
    "name", "acronym", "kind", "level", "country", "parent", "website", "notes",
    "is_illustrative", "provenance_note",
)  # fmt: skip
INVOLVEMENT_EDITABLE = (
    "role", "influence", "interest", "stance", "notes", "is_illustrative", "provenance_note",
)  # fmt: skip


def stakeholder_create(
    *,
    actor: Any | None = None,
    name: str,
    kind: str,
    level: str,
    acronym: str = "",
    country: str = "",
    parent: Stakeholder | None = None,
    website: str = "",
    notes: str = "",
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Stakeholder:
    """Register a stakeholder (shared by every programme)."""
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    return record_create(Stakeholder, actor=actor, fields=fields, m2m={"sources": sources})


def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Stakeholder:
    """Change a stakeholder; an organisation cannot sit inside itself."""
    parent = changes.get("parent")
    while parent is not None:
        if parent.pk == stakeholder.pk:
            raise ValidationError({"parent": _("A stakeholder cannot be its own parent.")})
        parent = parent.parent
    return record_update(
        stakeholder, actor=actor, expected_version=version, changes=changes,
        editable=STAKEHOLDER_EDITABLE, m2m=None if sources is None else {"sources": sources},
    )  # fmt: skip


def involvement_create(
    *,
    actor: Any | None = None,
    stakeholder: Stakeholder,
    role: str,
    programme: Programme | None = None,
    output: Output | None = None,
    influence: int | None = None,
    interest: int | None = None,
    stance: str = "",
    notes: str = "",
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Involvement:
    """Record a stakeholder's part in an output, or in a whole programme when no output."""
    if output is not None:
        if programme is not None and programme.pk != output.programme_id:
            raise ValidationError({"output": _("The output belongs to another programme.")})
        programme = output.programme
    if programme is None:
        raise ValidationError({"programme": _("Give the programme or the output.")})
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    return record_create(Involvement, actor=actor, fields=fields, m2m={"sources": sources})


def involvement_update(
    *,
    involvement: Involvement,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Involvement:
    """Change a stakeholder's role, influence, interest or stance."""
    return record_update(
        involvement, actor=actor, expected_version=version, changes=changes,
        editable=INVOLVEMENT_EDITABLE, m2m=None if sources is None else {"sources": sources},
    )  # fmt: skip
