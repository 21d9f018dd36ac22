"""API representations of stakeholders and involvements."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder
from apps.workspace.api.serializers import (
    PROVENANCE_FIELDS,
    TRACKING_FIELDS,
    ProvenanceSerializer,
    ScopedPrimaryKeyRelatedField,
)


class StakeholderSerializer(ProvenanceSerializer):
    """An organisation or unit with a part in implementation (shared by all programmes)."""

    class Meta:
        model = Stakeholder
        fields = (
            "id", "name", "acronym", "kind", "level", "country", "parent", "website", "notes",
            *PROVENANCE_FIELDS, "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS


class InvolvementSerializer(ProvenanceSerializer):
    """A stakeholder's role, influence, interest and stance in an output or a programme."""

    programme = ScopedPrimaryKeyRelatedField(
        queryset=Programme.objects.all(), programme_path="", required=False
    )
    output = ScopedPrimaryKeyRelatedField(
        queryset=Output.objects.all(), programme_path="programme", allow_null=True, required=False
    )
    stakeholder_acronym = serializers.CharField(source="stakeholder.acronym", read_only=True)
    stakeholder_name = serializers.CharField(source="stakeholder.name", read_only=True)
    output_code = serializers.CharField(source="output.code", read_only=True, allow_null=True)

    class Meta:
        model = Involvement
        fields = (
            "id", "stakeholder", "stakeholder_acronym", "stakeholder_name", "programme",
            "output", "output_code", "role", "influence", "interest", "stance", "notes",
            *PROVENANCE_FIELDS, "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None:
            output, programme = attrs.get("output"), attrs.get("programme")
            if output is None and programme is None:
                raise serializers.ValidationError(
                    {"programme": "Give the programme, or the output the stakeholder is in."}
                )
            if output is not None and programme is not None and output.programme_id != programme.pk:
                raise serializers.ValidationError(
                    {"output": "The output belongs to another programme."}
                )
            if programme is None and output is not None:
                attrs["programme"] = output.programme
        return attrs
