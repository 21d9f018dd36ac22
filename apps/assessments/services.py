"""Writes of assessments: the quadrant and scores are always derived here, never taken as input."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.core.services import editable_fields, record_create, record_update
from apps.evidence.models import Evidence
from apps.programmes.models import Output, Programme

if TYPE_CHECKING:
    # An annotation only: accounts sit above assessments in the layers.
    from apps.accounts.models import User

ITEM_FIELDS = tuple(code.lower() for code in matland.ITEM_CODES)
NOTE_FIELDS = tuple(f"{field}_note" for field in ITEM_FIELDS)
DERIVED_FIELDS = ("ambiguity", "conflict", "quadrant", "borderline")


class AssessmentChanges(TypedDict, total=False):
    """What `assessment_update` may change besides the answers and notes; scores are derived."""

    assessed_on: date
    assessor: User | None
    summary: str
    is_illustrative: bool
    evidence: Iterable[Evidence]


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
    except matland.RubricError as error:
        # The rubric names the item at fault: report the reason on that field.
        item = (error.field or "").lower()
        raise ValidationError({item if item in ITEM_FIELDS else "__all__": error.reason}) from error
    return {
        "ambiguity": result.ambiguity,
        "conflict": result.conflict,
        "quadrant": result.quadrant.value,
        "borderline": result.borderline,
    }


def assessment_create(
    *,
    actor: User | None = None,
    output: Output,
    assessed_on: date,
    items: Mapping[str, int | None],
    notes: Mapping[str, str] | None = None,
    summary: str = "",
    assessor: User | None = None,
    is_illustrative: bool = False,
    evidence: Iterable[Evidence] = (),
) -> Assessment:
    """Score an output on the rubric; scores, quadrant and borderline are derived and stored."""
    answers = dict.fromkeys(ITEM_FIELDS) | _normalise_items(items)
    if assessor is None and actor is not None and actor.is_authenticated:
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
    actor: User | None = None,
    version: int | None = None,
    items: Mapping[str, int | None] | None = None,
    notes: Mapping[str, str] | None = None,
    **changes: Unpack[AssessmentChanges],
) -> Assessment:
    """Change an assessment's answers, notes or summary and derive its quadrant again."""
    fields: dict[str, Any] = dict(changes)
    evidence = fields.pop("evidence", None)
    fields |= _normalise_items(items or {}) | _normalise_notes(notes or {})

    def derive(current: Assessment) -> dict[str, Any]:
        return derive_classification(current.output.programme, current.item_answers())

    return record_update(
        assessment,
        actor=actor,
        expected_version=version,
        changes=fields,
        editable=editable_fields(AssessmentChanges) | set(ITEM_FIELDS) | set(NOTE_FIELDS),
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
