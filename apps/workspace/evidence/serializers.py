"""API representations of sources and evidence."""

from __future__ import annotations

from rest_framework import serializers

from apps.evidence.models import Evidence, Source
from apps.workspace.api.serializers import (
    TITLE_FIELDS,
    TRACKING_FIELDS,
    ServiceModelSerializer,
    TitledSerializer,
)


class SourceSerializer(TitledSerializer, ServiceModelSerializer):
    """A document, dataset or interview that facts rest on."""

    key = serializers.SlugField(max_length=64, allow_null=True, required=False)

    class Meta:
        model = Source
        fields = (
            "id", "key", *TITLE_FIELDS, "kind", "author", "published_on", "url", "citation", "note",
            "is_illustrative", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS


class EvidenceSerializer(ServiceModelSerializer):
    """An excerpt of a source, supporting or contesting what it is attached to."""

    source_title = serializers.CharField(source="source.title", read_only=True)
    is_illustrative = serializers.BooleanField(source="source.is_illustrative", read_only=True)

    class Meta:
        model = Evidence
        fields = (
            "id", "source", "source_title", "excerpt", "page", "note", "stance",
            "is_illustrative", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS
