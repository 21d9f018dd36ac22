"""The record kind of assessments: an output scored on the Matland rubric."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.assessments import matland, services
from apps.assessments.models import Assessment
from apps.assessments.services import ITEM_FIELDS, NOTE_FIELDS
from apps.obstacles.selectors import assessment_item_suggestions
from apps.programmes.models import Output, Programme
from apps.workspace.assessments import filters, forms, serializers
from apps.workspace.kinds import Column, RecordKind, SearchField, register


@register
class AssessmentKind(RecordKind[Assessment]):
    """Assessments; the quadrant and scores are always derived by the services."""

    key = "assessments"
    model = Assessment
    programme_path = "output__programme"
    form_class = forms.AssessmentForm
    filterset_class = filters.AssessmentFilter
    serializer_class = serializers.AssessmentSerializer
    create_service = staticmethod(services.assessment_create)
    update_service = staticmethod(services.assessment_update)
    fixed_on_update = ("output",)
    columns = (
        Column(_("Output"), "output.code", link=True, ordering="output__code"),
        Column(_("Assessed on"), "assessed_on", link=True, ordering="assessed_on"),
        Column(_("Ambiguity"), "ambiguity", ordering="ambiguity"),
        Column(_("Conflict"), "conflict", ordering="conflict"),
        Column(_("Quadrant"), "quadrant", ordering="quadrant"),
        Column(_("Borderline"), "borderline"),
        Column(_("Assessor"), "assessor"),
    )
    score_fields = ("ambiguity", "conflict")
    search_fields = (
        SearchField("output__code", 10),
        SearchField("output__title", 50),
        SearchField("summary", 200),
    )
    select_related = ("output", "output__programme", "assessor")
    prefetch_related = ("evidence",)
    ordering = ("-assessed_on", "output__code")
    api_ordering = ("output__programme__code", "output__code", "-assessed_on")
    api_ordering_fields = ("assessed_on", "ambiguity", "conflict", "quadrant")
    api_description = (
        "Matland assessments of the outputs the user reads; the quadrant is always derived."
    )
    detail_template = "assessments/assessment_detail.html"

    def service_arguments(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The rubric answers go to the services as `items`, their notes as `notes`."""
        arguments = super().service_arguments(data)
        arguments["items"] = {name: arguments.pop(name) for name in ITEM_FIELDS if name in data}
        arguments["notes"] = {name: arguments.pop(name) for name in NOTE_FIELDS if name in data}
        return arguments

    def form_kwargs(
        self,
        *,
        request: HttpRequest,
        programme: Programme | None,
        instance: Assessment | None,
        data: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        """Suggestions from the output's open obstacles, for a new assessment of a known output."""
        if instance is not None and instance.pk:
            return {}
        output_id = (data if data is not None else request.GET).get("output")
        if not (output_id and str(output_id).isdigit()):
            return {}
        output = Output.objects.filter(pk=output_id, programme=programme).first()
        return {"suggestions": assessment_item_suggestions(output=output)} if output else {}

    def detail_context(
        self, record: Assessment, *, request: HttpRequest, programme: Programme | None
    ) -> dict[str, Any]:
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
                    "answer_text": forms.answer_display(code, answers[code], language),
                    "note": getattr(record, f"{code.lower()}_note"),
                }
                for code in matland.ITEM_CODES
            ],
            "quadrant_name": info.name(language),
            "quadrant_principle": info.principle(language),
            "quadrant_strategy": info.strategy(language),
        }
