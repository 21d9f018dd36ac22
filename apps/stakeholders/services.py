"""Writes of stakeholders and their involvements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.services import provenance, record_create, update_from_payload
from apps.evidence.models import Source
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder

if TYPE_CHECKING:
    # An annotation only: accounts sit above stakeholders in the layers.
    from apps.accounts.models import User


class StakeholderChanges(TypedDict, total=False):
    """What `stakeholder_update` may change."""

    name: str
    acronym: str
    kind: str
    level: str
    country: str
    parent: Stakeholder | None
    website: str
    notes: str
    is_illustrative: bool
    provenance_note: str
    sources: Iterable[Source]


class InvolvementChanges(TypedDict, total=False):
    """What `involvement_update` may change (never the stakeholder, output or programme)."""

    role: str
    influence: int | None
    interest: int | None
    stance: str
    notes: str
    is_illustrative: bool
    provenance_note: str
    sources: Iterable[Source]


def stakeholder_create(
    *,
    actor: User | None = None,
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
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "name": name,
        "kind": kind,
        "level": level,
        "acronym": acronym,
        "country": country,
        "parent": parent,
        "website": website,
        "notes": notes,
        **cited,
    }
    return record_create(Stakeholder, actor=actor, fields=fields, m2m=links)


def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[StakeholderChanges],
) -> Stakeholder:
    """Change a stakeholder; an organisation cannot sit inside itself."""
    parent = changes.get("parent")
    while parent is not None:
        if parent.pk == stakeholder.pk:
            raise ValidationError({"parent": _("A stakeholder cannot be its own parent.")})
        parent = parent.parent
    return update_from_payload(
        stakeholder, actor=actor, version=version, payload=StakeholderChanges, changes=changes
    )


def involvement_create(
    *,
    actor: User | None = None,
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
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "stakeholder": stakeholder,
        "role": role,
        "programme": programme,
        "output": output,
        "influence": influence,
        "interest": interest,
        "stance": stance,
        "notes": notes,
        **cited,
    }
    return record_create(Involvement, actor=actor, fields=fields, m2m=links)


def involvement_update(
    *,
    involvement: Involvement,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[InvolvementChanges],
) -> Involvement:
    """Change a stakeholder's role, influence, interest or stance."""
    return update_from_payload(
        involvement, actor=actor, version=version, payload=InvolvementChanges, changes=changes
    )
