"""Writes of the obstacle register and the cause taxonomy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.services import record_create, record_update
from apps.evidence.models import Evidence, Source
from apps.obstacles.choices import Manifestation, ObstacleStatus
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Stakeholder

CAUSE_EDITABLE = ("code", "name_en", "name_id", "frameworks", "dimension", "items")
OBSTACLE_EDITABLE = (
    "title", "description", "cause", "manifestation", "severity", "status", "identified_on",
    "resolved_on", "owner", "mitigation_plan", "is_illustrative", "provenance_note",
)  # fmt: skip


def obstacle_cause_create(
    *,
    actor: Any | None = None,
    code: str,
    name_en: str,
    name_id: str,
    dimension: str,
    frameworks: list[str] | None = None,
    items: list[str] | None = None,
) -> ObstacleCause:
    """Add a cause to the taxonomy (staff only)."""
    fields = {k: v for k, v in locals().items() if k != "actor"}
    fields["frameworks"] = list(frameworks or [])
    fields["items"] = list(items or [])
    return record_create(ObstacleCause, actor=actor, fields=fields)


def obstacle_cause_update(
    *, cause: ObstacleCause, actor: Any | None = None, version: int | None = None, **changes: Any
) -> ObstacleCause:
    """Change a cause of the taxonomy (staff only)."""
    return record_update(
        cause, actor=actor, expected_version=version, changes=changes, editable=CAUSE_EDITABLE
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


def _links(
    outputs: Iterable[Output] | None,
    stakeholders: Iterable[Stakeholder] | None,
    evidence: Iterable[Evidence] | None,
    sources: Iterable[Source] | None,
) -> dict[str, Iterable[Any]]:
    links = {"outputs": outputs, "stakeholders": stakeholders, "evidence": evidence}
    links["sources"] = sources
    return {name: values for name, values in links.items() if values is not None}


def obstacle_create(
    *,
    actor: Any | None = None,
    programme: Programme,
    title: str,
    cause: ObstacleCause,
    description: str = "",
    manifestation: str = Manifestation.OTHER,
    severity: int | None = None,
    status: str = ObstacleStatus.OPEN,
    identified_on: date | None = None,
    resolved_on: date | None = None,
    owner: Any | None = None,
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
        k: v
        for k, v in locals().items()
        if k not in ("actor", "outputs", "stakeholders", "evidence", "sources")
    }
    fields["resolved_on"] = _resolution_date(status, resolved_on)
    return record_create(
        Obstacle,
        actor=actor,
        fields=fields,
        m2m=_links(outputs, stakeholders, evidence, sources),
    )


def obstacle_update(
    *,
    obstacle: Obstacle,
    actor: Any | None = None,
    version: int | None = None,
    outputs: Iterable[Output] | None = None,
    stakeholders: Iterable[Stakeholder] | None = None,
    evidence: Iterable[Evidence] | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Obstacle:
    """Change an obstacle, its status or its links."""
    if outputs is not None:
        outputs = list(outputs)
        _check_links(obstacle.programme, outputs)

    def derive(current: Obstacle) -> dict[str, Any]:
        return {"resolved_on": _resolution_date(current.status, current.resolved_on)}

    return record_update(
        obstacle,
        actor=actor,
        expected_version=version,
        changes=changes,
        editable=OBSTACLE_EDITABLE,
        m2m=_links(outputs, stakeholders, evidence, sources),
        derive=derive,
    )
