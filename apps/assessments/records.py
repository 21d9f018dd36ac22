"""The workspace pages of assessments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.assessments import filters, forms, matland, services
from apps.assessments.models import Assessment
from apps.assessments.selectors import assessment_item_suggestions
from apps.core.records import Column, RecordSpec, register
from apps.programmes.models import Output


def _form_kwargs(*, view: Any, instance: Any, data: Any) -> dict[str, Any]:
    """Suggestions from the output's open obstacles, for a new assessment of a known output."""
    if instance is not None and instance.pk:
        return {}
    source = data if data is not None else view.request.GET
    output_id = source.get("output")
    if not (output_id and str(output_id).isdigit()):
        return {}
    output = Output.objects.filter(pk=output_id, programme=view.programme).first()
    return {"suggestions": assessment_item_suggestions(output=output)} if output else {}


def _detail_context(*, record: Assessment, view: Any) -> dict[str, Any]:
    language = get_language() or "en"
    info = matland.quadrant_info(record.quadrant)
    answers = record.item_answers()
    return {
        "items": [
            {
                "code": code,
                "text": matland.item_text(code, language),
                "dimension": matland.RUBRIC_ITEMS[code].dimension,
                "answer": answers[code],
                "note": getattr(record, f"{code.lower()}_note"),
            }
            for code in matland.ITEM_CODES
        ],
        "quadrant_name": info.name(language),
        "quadrant_principle": info.principle(language),
        "quadrant_strategy": info.strategy(language),
    }


ASSESSMENTS = register(
    RecordSpec(
        key="assessments",
        model=Assessment,
        form_class=forms.AssessmentForm,
        filterset_class=filters.AssessmentFilter,
        columns=(
            Column(_("Output"), "output.code", link=True, ordering="output__code"),
            Column(_("Assessed on"), "assessed_on", link=True, ordering="assessed_on"),
            Column(_("Ambiguity"), "ambiguity", ordering="ambiguity"),
            Column(_("Conflict"), "conflict", ordering="conflict"),
            Column(_("Quadrant"), "quadrant", ordering="quadrant"),
            Column(_("Borderline"), "borderline"),
            Column(_("Assessor"), "assessor"),
        ),
        create_service=services.assessment_create,
        update_service=services.assessment_update,
        instance_kwarg="assessment",
        programme_path="output__programme",
        search_fields=("summary", "output__code", "output__title"),
        select_related=("output", "output__programme", "assessor"),
        prefetch_related=("evidence",),
        default_ordering=("-assessed_on", "output__code"),
        detail_template="assessments/assessment_detail.html",
        extra={"form_kwargs": _form_kwargs, "detail_context": _detail_context},
    )
)
