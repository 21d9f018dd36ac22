"""The record kinds of programmes and their results frameworks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.assessments.selectors import outputs_with_current_assessment
from apps.programmes import services
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.workspace.kinds import Column, RecordKind, SearchField, register
from apps.workspace.programmes import filters, forms, serializers
from apps.workspace.programmes.pages import indicator_figures, outcome_outputs, output_hub

if TYPE_CHECKING:
    from collections.abc import Mapping

    from apps.accounts.models import User


@register
class ProgrammeKind(RecordKind[Programme]):
    """Programmes: their page is the programme overview; the API serves the records."""

    key = "programmes"
    model = Programme
    programme_path = ""
    has_pages = False
    filterset_class = filters.ProgrammeFilter
    serializer_class = serializers.ProgrammeSerializer
    create_service = staticmethod(services.programme_create)
    update_service = staticmethod(services.programme_update)
    search_fields = (
        SearchField("code", 10),
        SearchField("title", 50),
        SearchField("title_translation", 50),
        SearchField("agency", 100),
        SearchField("description", 500),
    )
    prefetch_related = ("sources",)
    api_ordering = ("code",)
    api_ordering_fields = ("code", "title", "start_date", "end_date", "status")
    api_description = (
        "Programmes the user holds a role in. Staff create and delete them; analysts edit."
    )

    def check_create(self, *, user: User, data: Mapping[str, Any]) -> str | None:
        return None if user.is_staff else "Only staff create programmes."

    def check_delete(self, *, user: User, record: Programme) -> str | None:
        return None if user.is_staff else "Only staff delete programmes."


@register
class OutputKind(RecordKind[Output]):
    """Outputs, with their current quadrant; the output page is the working hub."""

    key = "outputs"
    model = Output
    programme_path = "outcome__programme"
    form_class = forms.OutputForm
    filterset_class = filters.OutputFilter
    serializer_class = serializers.OutputSerializer
    create_service = staticmethod(services.output_create)
    update_service = staticmethod(services.output_update)
    columns = (
        Column(_("Code"), "code", link=True, ordering="code"),
        Column(_("Title"), "display_title", link=True, ordering="title"),
        Column(_("Outcome"), "outcome.code", ordering="outcome__code"),
        Column(_("Lead"), "lead"),
        Column(_("Status"), "status", ordering="status"),
        Column(_("End date"), "end_date", ordering="end_date"),
    )
    search_fields = (
        SearchField("code", 10),
        SearchField("title", 50),
        SearchField("title_translation", 50),
        SearchField("lead__acronym", 100),
        SearchField("lead__name", 100),
        SearchField("description", 500),
    )
    select_related = ("programme", "outcome__programme", "lead")
    prefetch_related = ("sources",)
    ordering = ("code",)
    api_ordering = ("programme__code", "code")
    api_ordering_fields = ("code", "title", "status", "start_date", "end_date", "current_quadrant")
    api_description = "Outputs with their current quadrant, lead and indicator progress."
    detail_template = "programmes/output_detail.html"

    def annotate(self, rows: QuerySet[Output]) -> QuerySet[Output]:
        return outputs_with_current_assessment(rows)

    def detail_context(
        self, record: Output, *, request: HttpRequest, programme: Programme | None
    ) -> dict[str, Any]:
        return output_hub(record)

    def parent_crumb(self, record: Output, *, programme: Programme | None) -> tuple[str, str]:
        # An output's breadcrumb parent is its sub-programme.
        outcome = record.outcome
        code = outcome.programme.code
        return (outcome.code, reverse("record-detail", args=[code, "outcomes", outcome.pk]))


@register
class IndicatorKind(RecordKind[Indicator]):
    """Indicators of outputs, with baseline, target and progress."""

    key = "indicators"
    model = Indicator
    programme_path = "output__programme"
    form_class = forms.IndicatorForm
    filterset_class = filters.IndicatorFilter
    serializer_class = serializers.IndicatorSerializer
    create_service = staticmethod(services.indicator_create)
    update_service = staticmethod(services.indicator_update)
    fixed_on_update = ("output",)
    columns = (
        Column(_("Code"), "code", link=True, ordering="code"),
        Column(_("Name"), "name", link=True, ordering="name"),
        Column(_("Output"), "output.code", ordering="output__code"),
        Column(_("Unit"), "unit"),
        Column(_("Direction"), "direction"),
        Column(_("Target"), "target_value"),
    )
    search_fields = (
        SearchField("code", 10),
        SearchField("name", 50),
        SearchField("unit", 200),
        SearchField("data_source", 300),
    )
    select_related = ("output", "output__programme")
    prefetch_related = ("sources", "measurements")
    ordering = ("output__code", "code")
    api_ordering = ("output__programme__code", "output__code", "code")
    api_ordering_fields = ("code", "name")
    api_description = "Indicators with baseline, target and progress."
    detail_template = "programmes/indicator_detail.html"

    def detail_context(
        self, record: Indicator, *, request: HttpRequest, programme: Programme | None
    ) -> dict[str, Any]:
        return indicator_figures(record)


@register
class MeasurementKind(RecordKind[Measurement]):
    """Measurements of indicators, one per indicator and period."""

    key = "measurements"
    model = Measurement
    programme_path = "indicator__output__programme"
    form_class = forms.MeasurementForm
    filterset_class = filters.MeasurementFilter
    serializer_class = serializers.MeasurementSerializer
    create_service = staticmethod(services.measurement_create)
    update_service = staticmethod(services.measurement_update)
    fixed_on_update = ("indicator",)
    columns = (
        Column(_("Indicator"), "indicator.code", link=True, ordering="indicator__code"),
        Column(_("Period start"), "period_start", ordering="period_start"),
        Column(_("Period end"), "period_end", link=True, ordering="period_end"),
        Column(_("Value"), "value", ordering="value"),
        Column(_("Narrative"), "narrative"),
        Column(_("Recorded by"), "recorded_by"),
    )
    search_fields = (
        SearchField("indicator__code", 10),
        SearchField("indicator__name", 50),
        SearchField("narrative", 200),
        SearchField("note", 300),
    )
    select_related = ("indicator", "indicator__output__programme", "recorded_by", "evidence")
    ordering = ("indicator__code", "-period_end")
    api_ordering = ("indicator", "period_end")
    api_ordering_fields = ("period_start", "period_end", "recorded_at")
    api_description = "Measurements of indicators, one per indicator and period."


@register
class TargetKind(RecordKind[Target]):
    """Per-period targets of indicators."""

    key = "targets"
    model = Target
    programme_path = "indicator__output__programme"
    form_class = forms.TargetForm
    filterset_class = filters.TargetFilter
    serializer_class = serializers.TargetSerializer
    create_service = staticmethod(services.target_create)
    update_service = staticmethod(services.target_update)
    fixed_on_update = ("indicator",)
    columns = (
        Column(_("Indicator"), "indicator.code", link=True, ordering="indicator__code"),
        Column(_("Period start"), "period_start", ordering="period_start"),
        Column(_("Period end"), "period_end", link=True, ordering="period_end"),
        Column(_("Target value"), "value"),
    )
    search_fields = (SearchField("indicator__code", 10), SearchField("indicator__name", 50))
    select_related = ("indicator", "indicator__output__programme")
    ordering = ("indicator__code", "period_start")
    api_ordering = ("indicator", "period_start")
    api_ordering_fields = ("period_start", "period_end")
    api_description = "Per-period targets of indicators."
    in_programme_nav = False


@register
class OutcomeKind(RecordKind[Outcome]):
    """Sub-programmes (pillars); an outcome's page lists its outputs."""

    key = "outcomes"
    model = Outcome
    form_class = forms.OutcomeForm
    filterset_class = filters.OutcomeFilter
    serializer_class = serializers.OutcomeSerializer
    create_service = staticmethod(services.outcome_create)
    update_service = staticmethod(services.outcome_update)
    fixed_on_update = ("programme",)
    columns = (
        Column(_("Code"), "code", link=True, ordering="code"),
        Column(_("Title"), "display_title", link=True, ordering="title"),
        Column(_("Order"), "order", ordering="order"),
    )
    search_fields = (
        SearchField("code", 10),
        SearchField("title", 50),
        SearchField("title_translation", 50),
        SearchField("description", 500),
    )
    select_related = ("programme",)
    prefetch_related = ("sources",)
    ordering = ("order", "code")
    api_ordering = ("programme__code", "order", "code")
    api_ordering_fields = ("code", "order", "title")
    api_description = "Sub-programmes (pillars) of the programmes the user reads."
    detail_template = "programmes/outcome_detail.html"
    in_programme_nav = False

    def detail_context(
        self, record: Outcome, *, request: HttpRequest, programme: Programme | None
    ) -> dict[str, Any]:
        return outcome_outputs(record)
