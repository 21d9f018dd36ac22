"""API viewset of assessments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apps.assessments import filters, services
from apps.assessments.api import serializers
from apps.assessments.models import Assessment
from apps.core.api.viewsets import ProgrammeScopedViewSet


class AssessmentViewSet(ProgrammeScopedViewSet):
    """Matland assessments of the outputs the user reads; the quadrant is always derived."""

    queryset = Assessment.objects.select_related(
        "output", "output__programme", "assessor"
    ).prefetch_related("evidence")
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filters.AssessmentFilter
    search_fields = ["summary", "output__code", "output__title"]
    ordering_fields = ["assessed_on", "ambiguity", "conflict", "quadrant"]
    ordering = ["output__programme__code", "output__code", "-assessed_on"]
    programme_path = "output__programme"
    create_service = staticmethod(services.assessment_create)
    update_service = staticmethod(services.assessment_update)
    instance_kwarg = "assessment"

    def service_data(self, validated: Mapping[str, Any]) -> dict[str, Any]:
        data = dict(validated)
        items = {name: data.pop(name) for name in services.ITEM_FIELDS if name in data}
        notes = {name: data.pop(name) for name in services.NOTE_FIELDS if name in data}
        if items or self.action == "create":
            data["items"] = items
        if notes:
            data["notes"] = notes
        return data
