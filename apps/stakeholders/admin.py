"""Admin of stakeholders and involvements."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from apps.stakeholders.models import Involvement, Stakeholder

TRACKING = ("version", "created_at", "updated_at")


@admin.register(Stakeholder)
class StakeholderAdmin(SimpleHistoryAdmin):
    # A URL typed without a scheme means https (Django 6 behaviour).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("acronym", "name", "kind", "level", "country", "parent", "is_illustrative")
    list_filter = ("kind", "level", "country", "is_illustrative")
    search_fields = ("acronym", "name", "notes")
    autocomplete_fields = ["parent"]
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)


@admin.register(Involvement)
class InvolvementAdmin(SimpleHistoryAdmin):
    list_display = ("stakeholder", "programme", "output", "role", "influence", "interest", "stance")
    list_filter = ("programme", "role", "stance", "is_illustrative")
    search_fields = ("stakeholder__acronym", "stakeholder__name", "output__code", "notes")
    autocomplete_fields = ["stakeholder", "programme", "output"]
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)
