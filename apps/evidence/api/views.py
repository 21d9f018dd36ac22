"""API viewsets of sources and evidence (shared across programmes)."""

from __future__ import annotations

from apps.core.api.viewsets import SharedRecordViewSet
from apps.evidence import filters, services
from apps.evidence.api import serializers
from apps.evidence.models import Evidence, Source


class SourceViewSet(SharedRecordViewSet):
    """Sources: every signed-in user reads them; analysts of any programme edit them."""

    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    search_fields = ["key", "title", "author", "citation", "note"]
    ordering_fields = ["title", "published_on", "kind"]
    ordering = ["title"]
    create_service = staticmethod(services.source_create)
    update_service = staticmethod(services.source_update)
    instance_kwarg = "source"


class EvidenceViewSet(SharedRecordViewSet):
    """Evidence excerpts: every signed-in user reads them; analysts of any programme edit them."""

    queryset = Evidence.objects.select_related("source")
    serializer_class = serializers.EvidenceSerializer
    filterset_class = filters.EvidenceFilter
    search_fields = ["excerpt", "note", "source__title"]
    ordering_fields = ["id", "stance"]
    ordering = ["source__title", "id"]
    create_service = staticmethod(services.evidence_create)
    update_service = staticmethod(services.evidence_update)
    instance_kwarg = "evidence"
