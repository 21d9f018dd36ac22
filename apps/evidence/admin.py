"""Admin of sources and evidence."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from apps.evidence.models import Evidence, Source


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    readonly_fields = ("version",)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    # A URL typed without a scheme means https (Django 6 behaviour).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "key", "kind", "author", "published_on", "is_illustrative")
    list_filter = ("kind", "is_illustrative")
    search_fields = ("title", "key", "author", "citation", "note")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [EvidenceInline]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "source", "stance", "page")
    list_filter = ("stance", "source__kind")
    search_fields = ("excerpt", "note", "source__title")
    autocomplete_fields = ["source"]
    readonly_fields = ("version", "created_at", "updated_at")
