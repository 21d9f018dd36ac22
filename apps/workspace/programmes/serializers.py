"""API representations of programmes and their results frameworks."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.assessments.selectors import CURRENT_FIELDS
from apps.evidence.models import Evidence
from apps.programmes import selectors
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Stakeholder
from apps.workspace.api.serializers import (
    PROVENANCE_FIELDS,
    TITLE_FIELDS,
    TRACKING_FIELDS,
    ProvenanceSerializer,
    ScopedPrimaryKeyRelatedField,
    ServiceModelSerializer,
    TitledSerializer,
)


class ProgrammeSerializer(TitledSerializer, ProvenanceSerializer):
    """A programme with its classification thresholds."""

    class Meta:
        model = Programme
        fields = (
            "id", "code", *TITLE_FIELDS, "country", "agency", "start_date", "end_date", "signed_on",
            "description", "budget", "currency", "status", "ambiguity_threshold",
            "conflict_threshold", *PROVENANCE_FIELDS, "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS


class OutcomeSerializer(TitledSerializer, ProvenanceSerializer):
    """A sub-programme (pillar) of a programme."""

    programme = ScopedPrimaryKeyRelatedField(queryset=Programme.objects.all(), programme_path="")

    class Meta:
        model = Outcome
        fields = (
            "id", "programme", "code", *TITLE_FIELDS, "description", "order", *PROVENANCE_FIELDS,
            "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS


class StakeholderBriefSerializer(serializers.ModelSerializer):
    """A stakeholder in brief."""

    class Meta:
        model = Stakeholder
        fields = ("id", "acronym", "name", "kind")
        read_only_fields = fields


class ProgressSerializer(serializers.Serializer):
    """Derived figures of an indicator at today's date (DESIGN section 3)."""

    actual = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    achievement = serializers.DecimalField(max_digits=12, decimal_places=4, allow_null=True)
    expected = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    band = serializers.ChoiceField(
        choices=["not_due", "below", "on_track", "above"], allow_null=True
    )


def _progress(indicator: Indicator) -> dict[str, Any]:
    figures = selectors.indicator_progress(indicators=[indicator])[indicator.pk]
    return ProgressSerializer(
        {
            "actual": figures.actual,
            "achievement": figures.achievement,
            "expected": figures.expected,
            "band": figures.band.value if figures.band else None,
        }
    ).data


class IndicatorSummarySerializer(serializers.ModelSerializer):
    """An indicator in brief, with its progress."""

    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ("id", "code", "name", "unit", "direction", "target_value", "progress")
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, indicator: Indicator) -> dict[str, Any]:
        return _progress(indicator)


class CurrentAssessmentSerializer(serializers.Serializer):
    """An output's latest assessment, in brief."""

    id = serializers.IntegerField()
    assessed_on = serializers.DateField()
    ambiguity = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    conflict = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    quadrant = serializers.CharField()
    borderline = serializers.BooleanField()


class OutputSerializer(TitledSerializer, ProvenanceSerializer):
    """An output with its current quadrant, lead and indicator progress."""

    outcome = ScopedPrimaryKeyRelatedField(
        queryset=Outcome.objects.all(), programme_path="programme"
    )
    lead = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), allow_null=True, required=False
    )
    programme_code = serializers.CharField(source="programme.code", read_only=True)
    lead_detail = StakeholderBriefSerializer(source="lead", read_only=True, allow_null=True)
    current_assessment = serializers.SerializerMethodField()
    indicators = IndicatorSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Output
        fields = (
            "id", "programme", "programme_code", "outcome", "code", *TITLE_FIELDS, "description",
            "lead", "lead_detail", "start_date", "end_date", "status", "budget_planned",
            "budget_spent", "current_assessment", "indicators", *PROVENANCE_FIELDS,
            "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = ("programme", *TRACKING_FIELDS)

    @classmethod
    def prepare_queryset(cls, outputs: QuerySet[Output]) -> QuerySet[Output]:
        """Load what the representation shows: the indicators with their measurements."""
        return outputs.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("output").prefetch_related(
                    "measurements"
                ),
            )
        )

    @extend_schema_field(CurrentAssessmentSerializer(allow_null=True))
    def get_current_assessment(self, output: Output) -> dict[str, Any] | None:
        # The figures come from `outputs_with_current_assessment`, as `current_<name>`.
        assessment_id = getattr(output, "current_assessment_id", None)
        if assessment_id is None:
            return None
        current = {name: getattr(output, f"current_{name}") for name in CURRENT_FIELDS}
        return CurrentAssessmentSerializer({"id": assessment_id, **current}).data


class IndicatorSerializer(ProvenanceSerializer):
    """An indicator with baseline, target and its progress today."""

    output = ScopedPrimaryKeyRelatedField(queryset=Output.objects.all(), programme_path="programme")
    output_code = serializers.CharField(source="output.code", read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = (
            "id", "output", "output_code", "code", "name", "unit", "measure", "direction",
            "aggregation", "baseline_value", "baseline_date", "target_value", "target_date",
            "means_of_verification", "data_source", "progress", *PROVENANCE_FIELDS,
            "sources_detail", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = TRACKING_FIELDS

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, indicator: Indicator) -> dict[str, Any]:
        return _progress(indicator)


class TargetSerializer(ServiceModelSerializer):
    """A target for one period of an indicator."""

    indicator = ScopedPrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), programme_path="output__programme"
    )

    class Meta:
        model = Target
        fields = ("id", "indicator", "period_start", "period_end", "value", *TRACKING_FIELDS)
        read_only_fields = TRACKING_FIELDS


class MeasurementSerializer(ServiceModelSerializer):
    """What an indicator showed over one period."""

    indicator = ScopedPrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), programme_path="output__programme"
    )
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=Evidence.objects.all(), allow_null=True, required=False
    )
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, allow_null=True
    )

    class Meta:
        model = Measurement
        fields = (
            "id", "indicator", "period_start", "period_end", "value", "narrative", "note",
            "evidence", "is_illustrative", "recorded_by", "recorded_at", *TRACKING_FIELDS,
        )  # fmt: skip
        read_only_fields = ("recorded_at", *TRACKING_FIELDS)
