"""API representations of the cause taxonomy and obstacles."""

from __future__ import annotations

from rest_framework import serializers

from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Output, Programme
from apps.workspace.api.serializers import (
    PROVENANCE_FIELDS,
    TITLE_FIELDS,
    TRACKING_FIELDS,
    ProvenanceSerializer,
    ScopedPrimaryKeyRelatedField,
    TitledSerializer,
)


class ObstacleCauseSerializer(serializers.ModelSerializer):
    """A cause of implementation trouble from implementation theory."""

    items = serializers.ListField(child=serializers.CharField())
    frameworks = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = ObstacleCause
        fields = ("id", "code", "name_en", "name_id", "frameworks", "dimension", "items")
        read_only_fields = fields


class ObstacleSerializer(TitledSerializer, ProvenanceSerializer):
    """An obstacle with its cause and what it hinders."""

    programme = ScopedPrimaryKeyRelatedField(queryset=Programme.objects.all(), programme_path="")
    cause = serializers.SlugRelatedField(slug_field="code", queryset=ObstacleCause.objects.all())
    cause_dimension = serializers.CharField(source="cause.dimension", read_only=True)
    outputs = ScopedPrimaryKeyRelatedField(
        queryset=Output.objects.all(), programme_path="programme", many=True, required=False
    )
    owner: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Username of the user who follows the obstacle up; null if none.",
    )

    class Meta:
        model = Obstacle
        fields = (
            "id", "programme", *TITLE_FIELDS, "description", "cause", "cause_dimension",
            "manifestation", "severity", "status", "identified_on", "resolved_on", "owner",
            "mitigation_plan", "outputs", "stakeholders", "evidence", *PROVENANCE_FIELDS,
            "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS
