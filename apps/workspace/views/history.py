"""A record's change history, and restoring an earlier version as a new change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from apps.core.services import VersionConflict
from apps.workspace.views.base import RecordView
from apps.workspace.views.edit import SaveMixin, display, field_value
from apps.workspace.views.records import posted_version

UNTRACKED = ("version", "updated_at", "created_at")


class RecordHistoryView(RecordView):
    """Every change of a record: who, when, which fields from what to what."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_record()
        entries = list(record.history.select_related("history_user").order_by("-history_id"))
        changes = []
        for newer, older in zip(entries, [*entries[1:], None], strict=True):
            diff = []
            if older is not None:
                delta = newer.diff_against(older)
                links = {field.name for field in newer._history_m2m_fields}
                diff = [
                    {
                        "field": _verbose(record, c.field),
                        "old": display(_value(record, older, c.field, c.old, links)),
                        "new": display(_value(record, newer, c.field, c.new, links)),
                    }
                    for c in delta.changes
                    if c.field not in UNTRACKED
                ]
            changes.append({"entry": newer, "diff": diff, "is_current": newer is entries[0]})
        return render(
            request,
            "records/history.html",
            self.context(
                record=record,
                changes=changes,
                crumbs=self.crumbs(record, _("History")),
                detail_url=self.url("detail", record.pk),
            ),
        )


def _value(record: Model, entry: Any, name: str, value: Any, links: set[str]) -> Any:
    """A changed value as shown: a choice by its label, linked records by name (the diff gives
    rows of the history's link table instead)."""
    if name in links:
        return field_value(entry, name)
    return _choice_label(record, name, value)


def _choice_label(record: Model, name: str, value: Any) -> Any:
    """A stored choice as its label in the active language; any other value unchanged."""
    try:
        choices = dict(getattr(record._meta.get_field(name), "flatchoices", ()))
    except FieldDoesNotExist:  # a field history knows but the model no longer has
        return value
    return choices.get(value, value) if isinstance(value, str | int) else value


def _verbose(record: Model, name: str) -> str:
    try:
        return str(getattr(record._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field history knows but the model no longer has
        return name


class RecordRestoreView(SaveMixin):
    """Bring back the values of an earlier version, as a new change (itself versioned).

    The old values fill the record's edit form, which then saves like any edit: the same
    validation, the same service, the same version check. Links to other records (an
    obstacle's outputs, say) stay as they are now.
    """

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record()
        if refused := self.refuse_change(record, not_done=_("Not restored.")):
            return refused
        entry = get_object_or_404(record.history, history_id=kwargs["history_id"])
        historic = self.form(instance=entry.instance)
        data = {name: historic[name].value() for name in historic.fields if name != "version"}
        version = posted_version(request)
        data["version"] = "" if version is None else str(version)
        form = self.form(data=data, instance=record)
        try:
            if not form.is_valid():
                raise ValidationError(_form_errors(form))
            self.save(form, record)
        except VersionConflict:
            messages.error(request, _("Not restored: the record changed meanwhile. Look again."))
            return redirect(self.url("history", record.pk))
        except ValidationError as error:
            messages.error(
                request,
                _("That version cannot be restored: %(reasons)s")
                % {"reasons": " ".join(error.messages)},
            )
            return redirect(self.url("history", record.pk))
        messages.success(
            request,
            _("Restored the version of %(date)s as a new change.")
            % {"date": date_format(localtime(entry.history_date), "DATETIME_FORMAT")},
        )
        return redirect(self.url("detail", record.pk))


def _form_errors(form: Any) -> list[str]:
    """A form's errors as sentences that name the field."""
    return [
        f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
        for name, errors in form.errors.items()
        for message in errors
    ]
