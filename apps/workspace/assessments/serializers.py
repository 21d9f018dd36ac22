"""API representation of assessments: answers in, derived scores and quadrant out."""

from __future__ import annotations

from rest_framework import serializers

from apps.assessments.models import Assessment
from apps.assessments.services import DERIVED_FIELDS, ITEM_FIELDS, NOTE_FIELDS
from apps.programmes.models import Output
from apps.workspace.api.serializers import (
    TRACKING_FIELDS,
    ScopedPrimaryKeyRelatedField,
    ServiceModelSerializer,
)


class AssessmentSerializer(ServiceModelSerializer):
    """One output scored on the Matland rubric; ambiguity, conflict, quadrant are derived."""

    output = ScopedPrimaryKeyRelatedField(queryset=Output.objects.all(), programme_path="programme")
    output_code = serializers.CharField(source="output.code", read_only=True)
    assessor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Username of the assessor; null if the account was deleted.",
    )

    class Meta:
        model = Assessment
        fields = (
            "id", "output", "output_code", "assessed_on", "assessor",
            *[name for pair in zip(ITEM_FIELDS, NOTE_FIELDS, strict=True) for name in pair],
            "summary", "evidence", "is_illustrative", *DERIVED_FIELDS, *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = (*DERIVED_FIELDS, *TRACKING_FIELDS)
