"""API viewsets of programmes and their results frameworks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework.exceptions import PermissionDenied

from apps.assessments.selectors import outputs_with_current_assessment
from apps.core.api.viewsets import ProgrammeScopedViewSet
from apps.core.services import record_delete
from apps.programmes import filters, services
from apps.programmes.api import serializers
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target


class ProgrammeViewSet(ProgrammeScopedViewSet):
    """Programmes the user holds a role in. Staff create and delete them; analysts edit."""

    queryset = Programme.objects.prefetch_related("sources")
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    search_fields = ["code", "title", "description", "agency"]
    ordering_fields = ["code", "title", "start_date", "end_date", "status"]
    ordering = ["code"]
    programme_path = ""
    create_service = staticmethod(services.programme_create)
    update_service = staticmethod(services.programme_update)
    instance_kwarg = "programme"

    def check_create_allowed(self, validated: Mapping[str, Any]) -> None:
        if not self.request.user.is_staff:
            raise PermissionDenied("Only staff create programmes.")

    def perform_destroy(self, instance: Programme) -> None:
        if not self.request.user.is_staff:
            raise PermissionDenied("Only staff delete programmes.")
        record_delete(
            instance, actor=self.request.user, expected_version=self.expected_version(instance)
        )


class OutcomeViewSet(ProgrammeScopedViewSet):
    """Sub-programmes (pillars) of the programmes the user reads."""

    queryset = Outcome.objects.select_related("programme").prefetch_related("sources")
    serializer_class = serializers.OutcomeSerializer
    filterset_class = filters.OutcomeFilter
    search_fields = ["code", "title", "description"]
    ordering_fields = ["code", "order", "title"]
    ordering = ["programme__code", "order", "code"]
    create_service = staticmethod(services.outcome_create)
    update_service = staticmethod(services.outcome_update)
    instance_kwarg = "outcome"


def _indicators_with_progress() -> Prefetch:
    return Prefetch(
        "indicators",
        queryset=Indicator.objects.select_related("output").prefetch_related("measurements"),
    )


class OutputViewSet(ProgrammeScopedViewSet):
    """Outputs with their current quadrant, lead and indicator progress."""

    queryset = Output.objects.all()
    serializer_class = serializers.OutputSerializer
    filterset_class = filters.OutputFilter
    search_fields = ["code", "title", "description", "lead__acronym", "lead__name"]
    ordering_fields = ["code", "title", "status", "start_date", "end_date", "current_quadrant"]
    ordering = ["programme__code", "code"]
    create_service = staticmethod(services.output_create)
    update_service = staticmethod(services.output_update)
    instance_kwarg = "output"
    programme_path = "outcome__programme"

    def base_queryset(self) -> QuerySet:
        outputs = Output.objects.select_related(
            "programme", "outcome__programme", "lead"
        ).prefetch_related("sources", _indicators_with_progress())
        return outputs_with_current_assessment(outputs)


class IndicatorViewSet(ProgrammeScopedViewSet):
    """Indicators with baseline, target and progress."""

    queryset = Indicator.objects.select_related("output", "output__programme").prefetch_related(
        "sources", "measurements"
    )
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    search_fields = ["code", "name", "unit", "data_source"]
    ordering_fields = ["code", "name"]
    ordering = ["output__programme__code", "output__code", "code"]
    programme_path = "output__programme"
    create_service = staticmethod(services.indicator_create)
    update_service = staticmethod(services.indicator_update)
    instance_kwarg = "indicator"


class TargetViewSet(ProgrammeScopedViewSet):
    """Per-period targets of indicators."""

    queryset = Target.objects.select_related("indicator__output__programme")
    serializer_class = serializers.TargetSerializer
    filterset_class = filters.TargetFilter
    ordering_fields = ["period_start", "period_end"]
    ordering = ["indicator", "period_start"]
    programme_path = "indicator__output__programme"
    create_service = staticmethod(services.target_create)
    update_service = staticmethod(services.target_update)
    instance_kwarg = "target"


class MeasurementViewSet(ProgrammeScopedViewSet):
    """Measurements of indicators, one per indicator and period."""

    queryset = Measurement.objects.select_related("indicator__output__programme", "recorded_by")
    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter
    search_fields = ["narrative", "note", "indicator__code", "indicator__name"]
    ordering_fields = ["period_start", "period_end", "recorded_at"]
    ordering = ["indicator", "period_end"]
    programme_path = "indicator__output__programme"
    create_service = staticmethod(services.measurement_create)
    update_service = staticmethod(services.measurement_update)
    instance_kwarg = "measurement"
