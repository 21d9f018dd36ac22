"""Writes of the obstacle register and the cause taxonomy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.models import TitleLanguage
from apps.core.services import record_create, update_from_payload
from apps.evidence.models import Evidence, Source
from apps.obstacles.choices import Manifestation, ObstacleStatus
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Stakeholder

if TYPE_CHECKING:
    # An annotation only: accounts sit above obstacles in the layers.
    from apps.accounts.models import User

LINKS = ("outputs", "stakeholders", "evidence", "sources")


class CauseChanges(TypedDict, total=False):
    """What `obstacle_cause_update` may change."""

    code: str
    name_en: str
    name_id: str
    frameworks: list[str]
    dimension: str
    items: list[str]


class ObstacleChanges(TypedDict, total=False):
    """What `obstacle_update` may change (never the programme)."""

    title: str
    title_language: str
    title_translation: str
    description: str
    cause: ObstacleCause
    manifestation: str
    severity: int | None
    status: str
    identified_on: date | None
    resolved_on: date | None
    owner: User | None
    mitigation_plan: str
    is_illustrative: bool
    provenance_note: str
    outputs: Iterable[Output]
    stakeholders: Iterable[Stakeholder]
    evidence: Iterable[Evidence]
    sources: Iterable[Source]


def obstacle_cause_create(
    *,
    actor: User | None = None,
    code: str,
    name_en: str,
    name_id: str,
    dimension: str,
    frameworks: list[str] | None = None,
    items: list[str] | None = None,
) -> ObstacleCause:
    """Add a cause to the taxonomy (staff only)."""
    fields = {
        "code": code,
        "name_en": name_en,
        "name_id": name_id,
        "dimension": dimension,
        "frameworks": list(frameworks or []),
        "items": list(items or []),
    }
    return record_create(ObstacleCause, actor=actor, fields=fields)


def obstacle_cause_update(
    *,
    cause: ObstacleCause,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[CauseChanges],
) -> ObstacleCause:
    """Change a cause of the taxonomy (staff only)."""
    return update_from_payload(
        cause, actor=actor, version=version, payload=CauseChanges, changes=changes, links=()
    )


def _check_links(programme: Programme, outputs: Iterable[Output] | None) -> None:
    foreign = [o.code for o in outputs or () if o.programme_id != programme.pk]
    if foreign:
        raise ValidationError(
            {
                "outputs": _("Outputs of another programme cannot be linked: %(codes)s.")
                % {"codes": ", ".join(foreign)}
            }
        )


def _resolution_date(status: str, resolved_on: date | None) -> date | None:
    # A resolved obstacle always says when; reopening it forgets the date.
    if status == ObstacleStatus.RESOLVED:
        return resolved_on or timezone.localdate()
    if status in (ObstacleStatus.OPEN, ObstacleStatus.MITIGATING):
        return None
    return resolved_on


def obstacle_create(
    *,
    actor: User | None = None,
    programme: Programme,
    title: str,
    title_language: str = TitleLanguage.ENGLISH,
    title_translation: str = "",
    cause: ObstacleCause,
    description: str = "",
    manifestation: str = Manifestation.OTHER,
    severity: int | None = None,
    status: str = ObstacleStatus.OPEN,
    identified_on: date | None = None,
    resolved_on: date | None = None,
    owner: User | None = None,
    mitigation_plan: str = "",
    is_illustrative: bool = False,
    provenance_note: str = "",
    outputs: Iterable[Output] = (),
    stakeholders: Iterable[Stakeholder] = (),
    evidence: Iterable[Evidence] = (),
    sources: Iterable[Source] = (),
) -> Obstacle:
    """Register an obstacle with its cause and what it hinders."""
    outputs = list(outputs)
    _check_links(programme, outputs)
    fields = {
        "programme": programme,
        "title": title,
        "title_language": title_language,
        "title_translation": title_translation,
        "cause": cause,
        "description": description,
        "manifestation": manifestation,
        "severity": severity,
        "status": status,
        "identified_on": identified_on,
        "resolved_on": _resolution_date(status, resolved_on),
        "owner": owner,
        "mitigation_plan": mitigation_plan,
        "is_illustrative": is_illustrative,
        "provenance_note": provenance_note,
    }
    links = {"outputs": outputs, "stakeholders": stakeholders, "evidence": evidence}
    return record_create(Obstacle, actor=actor, fields=fields, m2m=links | {"sources": sources})


def obstacle_update(
    *,
    obstacle: Obstacle,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[ObstacleChanges],
) -> Obstacle:
    """Change an obstacle, its status or its links."""
    if "outputs" in changes:
        changes["outputs"] = list(changes["outputs"])
        _check_links(obstacle.programme, changes["outputs"])

    def derive(current: Obstacle) -> dict[str, Any]:
        return {"resolved_on": _resolution_date(current.status, current.resolved_on)}

    return update_from_payload(
        obstacle,
        actor=actor,
        version=version,
        payload=ObstacleChanges,
        changes=changes,
        links=LINKS,
        derive=derive,
    )
