"""The workspace pages of outputs, indicators, targets, measurements and outcomes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.assessments.selectors import outputs_with_current_assessment
from apps.core.records import Column, RecordSpec, register
from apps.programmes import filters, forms, services
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Target
from apps.programmes.workspace import (
    indicator_detail_context,
    outcome_crumb,
    outcome_detail_context,
    output_detail_context,
)

OUTPUTS = register(
    RecordSpec(
        key="outputs",
        model=Output,
        form_class=forms.OutputForm,
        filterset_class=filters.OutputFilter,
        columns=(
            Column(_("Code"), "code", link=True, ordering="code"),
            Column(_("Title"), "title", link=True, ordering="title"),
            Column(_("Outcome"), "outcome.code", ordering="outcome__code"),
            Column(_("Lead"), "lead"),
            Column(_("Status"), "status", ordering="status"),
            Column(_("End date"), "end_date", ordering="end_date"),
        ),
        create_service=services.output_create,
        update_service=services.output_update,
        instance_kwarg="output",
        search_fields=("code", "title", "description", "lead__acronym"),
        select_related=("outcome", "lead", "programme"),
        prefetch_related=("sources",),
        default_ordering=("code",),
        detail_template="programmes/output_detail.html",
        extra={
            "parent_crumb": outcome_crumb,
            "detail_context": output_detail_context,
            "annotate": outputs_with_current_assessment,
        },
    )
)

INDICATORS = register(
    RecordSpec(
        key="indicators",
        model=Indicator,
        form_class=forms.IndicatorForm,
        filterset_class=filters.IndicatorFilter,
        columns=(
            Column(_("Code"), "code", link=True, ordering="code"),
            Column(_("Name"), "name", link=True, ordering="name"),
            Column(_("Output"), "output.code", ordering="output__code"),
            Column(_("Unit"), "unit"),
            Column(_("Direction"), "direction"),
            Column(_("Target"), "target_value"),
        ),
        create_service=services.indicator_create,
        update_service=services.indicator_update,
        instance_kwarg="indicator",
        programme_path="output__programme",
        search_fields=("code", "name", "data_source"),
        select_related=("output", "output__programme"),
        prefetch_related=("sources", "measurements"),
        default_ordering=("output__code", "code"),
        detail_template="programmes/indicator_detail.html",
        extra={"detail_context": indicator_detail_context},
    )
)

MEASUREMENTS = register(
    RecordSpec(
        key="measurements",
        model=Measurement,
        form_class=forms.MeasurementForm,
        filterset_class=filters.MeasurementFilter,
        columns=(
            Column(_("Indicator"), "indicator.code", link=True, ordering="indicator__code"),
            Column(_("Period start"), "period_start", ordering="period_start"),
            Column(_("Period end"), "period_end", link=True, ordering="period_end"),
            Column(_("Value"), "value", ordering="value"),
            Column(_("Narrative"), "narrative"),
            Column(_("Recorded by"), "recorded_by"),
        ),
        create_service=services.measurement_create,
        update_service=services.measurement_update,
        instance_kwarg="measurement",
        programme_path="indicator__output__programme",
        search_fields=("indicator__code", "indicator__name", "narrative", "note"),
        select_related=("indicator", "indicator__output__programme", "recorded_by", "evidence"),
        default_ordering=("indicator__code", "-period_end"),
    )
)

TARGETS = register(
    RecordSpec(
        key="targets",
        model=Target,
        form_class=forms.TargetForm,
        filterset_class=filters.TargetFilter,
        columns=(
            Column(_("Indicator"), "indicator.code", link=True, ordering="indicator__code"),
            Column(_("Period start"), "period_start", ordering="period_start"),
            Column(_("Period end"), "period_end", link=True, ordering="period_end"),
            Column(_("Target value"), "value"),
        ),
        create_service=services.target_create,
        update_service=services.target_update,
        instance_kwarg="target",
        programme_path="indicator__output__programme",
        search_fields=("indicator__code", "indicator__name"),
        select_related=("indicator", "indicator__output__programme"),
        default_ordering=("indicator__code", "period_start"),
        in_programme_nav=False,
    )
)

OUTCOMES = register(
    RecordSpec(
        key="outcomes",
        model=Outcome,
        form_class=forms.OutcomeForm,
        filterset_class=filters.OutcomeFilter,
        columns=(
            Column(_("Code"), "code", link=True, ordering="code"),
            Column(_("Title"), "title", link=True, ordering="title"),
            Column(_("Order"), "order", ordering="order"),
        ),
        create_service=services.outcome_create,
        update_service=services.outcome_update,
        instance_kwarg="outcome",
        search_fields=("code", "title", "description"),
        select_related=("programme",),
        prefetch_related=("sources",),
        default_ordering=("order", "code"),
        detail_template="programmes/outcome_detail.html",
        in_programme_nav=False,
        extra={"detail_context": outcome_detail_context},
    )
)
