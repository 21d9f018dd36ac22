"""Admin of assessments: scores and quadrant are shown, never edited."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from apps.assessments.models import Assessment
from apps.assessments.services import ITEM_FIELDS, assessment_create, assessment_update

if TYPE_CHECKING:
    from apps.accounts.models import User


def staff(request: HttpRequest) -> User:
    """The admin's user: the admin site lets only signed-in staff through."""
    return cast("User", request.user)


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = (
        "output", "assessed_on", "quadrant", "ambiguity", "conflict", "borderline",
        "is_illustrative",
    )  # fmt: skip
    list_filter = ("quadrant", "borderline", "is_illustrative", "output__programme")
    search_fields = ("output__code", "output__title", "summary")
    date_hierarchy = "assessed_on"
    autocomplete_fields = ["output", "assessor", "evidence"]
    readonly_fields = (
        "ambiguity", "conflict", "quadrant", "borderline", "version", "created_at", "updated_at",
    )  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # An assessment belongs to its output for good; it is never moved.
        return (*self.readonly_fields, "output") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Route through the service so the derived fields are computed, never typed in.
        items = {field: form.cleaned_data.get(field) for field in ITEM_FIELDS}
        notes = {f"{f}_note": form.cleaned_data.get(f"{f}_note", "") for f in ITEM_FIELDS}
        common = {
            "summary": form.cleaned_data.get("summary", ""),
            "is_illustrative": form.cleaned_data.get("is_illustrative", False),
        }
        if change:
            saved = assessment_update(
                assessment=Assessment.objects.get(pk=obj.pk),
                actor=staff(request),
                items=items,
                notes=notes,
                assessed_on=form.cleaned_data["assessed_on"],
                **common,
            )
        else:
            saved = assessment_create(
                actor=staff(request),
                output=form.cleaned_data["output"],
                assessed_on=form.cleaned_data["assessed_on"],
                items=items,
                notes=notes,
                assessor=form.cleaned_data.get("assessor"),
                **common,
            )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        form.instance = Assessment.objects.get(pk=form.instance.pk)
        super().save_related(request, form, formsets, change)
