"""Writes of assessments: the quadrant and scores are always derived here, never taken as input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.core.services import record_create, record_update
from apps.evidence.models import Evidence
from apps.programmes.models import Output, Programme

ITEM_FIELDS = tuple(code.lower() for code in matland.ITEM_CODES)
NOTE_FIELDS = tuple(f"{field}_note" for field in ITEM_FIELDS)
DERIVED_FIELDS = ("ambiguity", "conflict", "quadrant", "borderline")
ASSESSMENT_EDITABLE = ("assessed_on", "assessor", "summary", "is_illustrative")


def _normalise_items(items: Mapping[str, int | None]) -> dict[str, int | None]:
    unknown = sorted(k for k in items if k.lower() not in ITEM_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("Not a rubric item (A1–A6, C1–C5).")))
    return {k.lower(): v for k, v in items.items()}


def _normalise_notes(notes: Mapping[str, str]) -> dict[str, str]:
    result = {}
    for key, text in notes.items():
        field = key.lower() if key.lower().endswith("_note") else f"{key.lower()}_note"
        if field not in NOTE_FIELDS:
            raise ValidationError({key: _("Not a rubric item note (A1–A6, C1–C5).")})
        result[field] = text
    return result


def derive_classification(
    programme: Programme, answers: Mapping[str, int | None]
) -> dict[str, Any]:
    """The derived fields of an assessment with these answers under the programme's thresholds."""
    try:
        result = matland.classify(
            answers,
            ambiguity_threshold=programme.ambiguity_threshold,
            conflict_threshold=programme.conflict_threshold,
        )
    except ValueError as error:
        # matland names the item first ("A3: must be 0, 1, 2 or None"): report it on that field.
        item, _colon, reason = str(error).partition(":")
        field = item.strip().lower() if item.strip().lower() in ITEM_FIELDS else "__all__"
        raise ValidationError({field: reason.strip() or str(error)}) from error
    return {
        "ambiguity": result.ambiguity,
        "conflict": result.conflict,
        "quadrant": result.quadrant.value,
        "borderline": result.borderline,
    }


def assessment_create(
    *,
    actor: Any | None = None,
    output: Output,
    assessed_on: date,
    items: Mapping[str, int | None],
    notes: Mapping[str, str] | None = None,
    summary: str = "",
    assessor: Any | None = None,
    is_illustrative: bool = False,
    evidence: Iterable[Evidence] = (),
) -> Assessment:
    """Score an output on the rubric; scores, quadrant and borderline are derived and stored."""
    answers = dict.fromkeys(ITEM_FIELDS) | _normalise_items(items)
    if assessor is None and actor is not None and getattr(actor, "is_authenticated", False):
        assessor = actor
    fields: dict[str, Any] = {
        "output": output,
        "assessed_on": assessed_on,
        "summary": summary,
        "assessor": assessor,
        "is_illustrative": is_illustrative,
        **answers,
        **_normalise_notes(notes or {}),
        **derive_classification(output.programme, answers),
    }
    return record_create(Assessment, actor=actor, fields=fields, m2m={"evidence": evidence})


def assessment_update(
    *,
    assessment: Assessment,
    actor: Any | None = None,
    version: int | None = None,
    items: Mapping[str, int | None] | None = None,
    notes: Mapping[str, str] | None = None,
    evidence: Iterable[Evidence] | None = None,
    **changes: Any,
) -> Assessment:
    """Change an assessment's answers, notes or summary and derive its quadrant again."""
    refused = sorted(set(changes) - set(ASSESSMENT_EDITABLE))
    if refused:
        raise ValidationError(dict.fromkeys(refused, _("This field cannot be changed.")))
    all_changes = {**changes, **_normalise_items(items or {}), **_normalise_notes(notes or {})}

    def derive(current: Assessment) -> dict[str, Any]:
        return derive_classification(current.output.programme, current.item_answers())

    return record_update(
        assessment,
        actor=actor,
        expected_version=version,
        changes=all_changes,
        editable=(*ASSESSMENT_EDITABLE, *ITEM_FIELDS, *NOTE_FIELDS),
        m2m=None if evidence is None else {"evidence": evidence},
        derive=derive,
    )


def assessments_reclassify(*, programme: Programme) -> int:
    """Derive every assessment of a programme again (after new thresholds); count changes."""
    changed = 0
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        rows = Assessment.objects.filter(output__programme=programme).select_for_update()
        for assessment in rows:
            derived = derive_classification(programme, assessment.item_answers())
            if all(getattr(assessment, name) == value for name, value in derived.items()):
                continue
            for name, value in derived.items():
                setattr(assessment, name, value)
            # The analyst's answers did not change, so the version stays: their edits remain valid.
            assessment.save(update_fields=[*DERIVED_FIELDS, "updated_at"])
            changed += 1
    return changed
