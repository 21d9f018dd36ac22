"""Admin of programmes and their results frameworks."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target

TRACKING = ("version", "created_at", "updated_at")


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ("code", "title", "order", "is_illustrative")


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "country", "agency", "start_date", "end_date", "status")
    list_filter = ("status", "country", "agency", "is_illustrative")
    search_fields = ("code", "title", "description")
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)
    inlines = [OutcomeInline]


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "programme", "order", "is_illustrative")
    list_filter = ("programme", "is_illustrative")
    search_fields = ("code", "title", "description")
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("code", "name", "unit", "measure", "direction", "aggregation")
    show_change_link = True


@admin.register(Output)
class OutputAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "programme", "outcome", "lead", "status", "is_illustrative")
    list_filter = ("programme", "status", "outcome", "is_illustrative")
    search_fields = ("code", "title", "description", "lead__acronym", "lead__name")
    autocomplete_fields = ["outcome", "lead"]
    readonly_fields = ("programme", *TRACKING)
    filter_horizontal = ("sources",)
    inlines = [IndicatorInline]

    def save_model(self, request, obj, form, change):
        # The programme is denormalised from the outcome (see Output.programme).
        obj.programme = obj.outcome.programme
        super().save_model(request, obj, form, change)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    readonly_fields = ("version",)


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ("period_start", "period_end", "value", "narrative", "evidence", "is_illustrative")
    autocomplete_fields = ["evidence"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "output", "unit", "measure", "direction", "aggregation")
    list_filter = ("measure", "direction", "aggregation", "output__programme")
    search_fields = ("code", "name", "output__code", "output__title")
    autocomplete_fields = ["output"]
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)
    inlines = [TargetInline, MeasurementInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period_start", "period_end", "value")
    list_filter = ("indicator__output__programme",)
    search_fields = ("indicator__code", "indicator__name")
    autocomplete_fields = ["indicator"]
    readonly_fields = TRACKING


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = (
        "indicator",
        "period_start",
        "period_end",
        "value",
        "recorded_by",
        "is_illustrative",
    )
    list_filter = ("indicator__output__programme", "is_illustrative", "period_end")
    search_fields = ("indicator__code", "indicator__name", "narrative", "note")
    autocomplete_fields = ["indicator", "evidence"]
    readonly_fields = ("recorded_by", "recorded_at", *TRACKING)
