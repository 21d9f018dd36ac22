"""API viewsets of stakeholders and involvements."""

from __future__ import annotations

from apps.core.api.viewsets import ProgrammeScopedViewSet, SharedRecordViewSet
from apps.stakeholders import filters, services
from apps.stakeholders.api import serializers
from apps.stakeholders.models import Involvement, Stakeholder


class StakeholderViewSet(SharedRecordViewSet):
    """Stakeholders: every signed-in user reads them; analysts of any programme edit them."""

    queryset = Stakeholder.objects.select_related("parent").prefetch_related("sources")
    serializer_class = serializers.StakeholderSerializer
    filterset_class = filters.StakeholderFilter
    search_fields = ["acronym", "name", "notes"]
    ordering_fields = ["acronym", "name", "kind", "level"]
    ordering = ["acronym", "name"]
    create_service = staticmethod(services.stakeholder_create)
    update_service = staticmethod(services.stakeholder_update)
    instance_kwarg = "stakeholder"


class InvolvementViewSet(ProgrammeScopedViewSet):
    """Stakeholders' roles in the outputs and programmes the user reads."""

    queryset = Involvement.objects.select_related(
        "stakeholder", "programme", "output"
    ).prefetch_related("sources")
    serializer_class = serializers.InvolvementSerializer
    filterset_class = filters.InvolvementFilter
    search_fields = ["stakeholder__acronym", "stakeholder__name", "notes"]
    ordering_fields = ["influence", "interest", "role", "stance"]
    ordering = ["programme__code", "output__code", "stakeholder__acronym"]
    create_service = staticmethod(services.involvement_create)
    update_service = staticmethod(services.involvement_update)
    instance_kwarg = "involvement"
