"""Create and edit pages: writes go through the kind's services; a stale edit shows the conflict."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from apps.accounts.selectors import signed_in
from apps.core.services import VersionConflict
from apps.workspace.forms import RecordForm
from apps.workspace.views.base import RecordView


class SaveMixin(RecordView):
    """One path for every write of a form: creation, edit, restore."""

    def save(self, form: RecordForm, record: Model | None) -> Model:
        """Create or change the record from a valid form; raises VersionConflict when stale."""
        if record is None:
            return self.kind.create(
                actor=signed_in(self.request), programme=self.programme, data=form.payload()
            )
        return self.kind.update(
            record,
            actor=signed_in(self.request),
            version=form.cleaned_data.get("version"),
            data=form.payload(),
        )


class RecordFormView(SaveMixin):
    """Create or edit a record; a stale edit shows both versions instead of overwriting."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record() if "pk" in kwargs else None
        if record is not None and (refused := self.refuse_change(record)):
            return refused
        form = self.form(instance=record)
        if record is None:
            # Links like "add an indicator to this output" preset the parent.
            for name, value in request.GET.items():
                if name != "next" and name in form.fields:
                    form.fields[name].initial = value
        return self.render_form(form, record)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record() if "pk" in kwargs else None
        refused = record is not None and self.refuse_change(record, not_done=_("Not saved."))
        if refused:
            return refused
        form = self.form(data=request.POST, instance=record)
        if not form.is_valid():
            return self.render_form(form, record, status=400)
        try:
            saved = self.save(form, record)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, record, status=400)
        except VersionConflict:
            assert record is not None
            return self.render_conflict(form)
        messages.success(request, _("Saved: %(record)s.") % {"record": saved})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = self.url("detail", saved.pk)
        return redirect(target)

    def render_form(
        self, form: RecordForm, record: Model | None, status: int = 200
    ) -> HttpResponse:
        title = (
            _("Edit %(record)s") % {"record": record}
            if record
            else _("New %(kind)s") % {"kind": self.kind.label_singular}
        )
        context = self.context(
            form=form,
            record=record,
            title=title,
            crumbs=self.crumbs(record, title),
            cancel_url=self.url("detail", record.pk) if record else self.url("list"),
            next_url=self.request.GET.get("next") or self.request.POST.get("next", ""),
        )
        return render(self.request, "records/form.html", context, status=status)

    def render_conflict(self, form: RecordForm) -> HttpResponse:
        """Each field as the user opened it, as saved meanwhile and as the user typed it."""
        current = self.get_record()
        read_version = form.cleaned_data.get("version")
        base = current.history.filter(version=read_version).first()
        rows = []
        for name, field in form.fields.items():
            if name == "version":
                continue
            yours = form.cleaned_data.get(name)
            theirs = field_value(current, name)
            known, before = opened_value(form, base, name)
            if same(yours, theirs) and (not known or same(yours, before)):
                continue
            rows.append(
                {
                    "label": field.label,
                    "before": display(before),
                    "yours": display(yours),
                    "theirs": display(theirs),
                    "they_changed": known and not same(before, theirs),
                    "you_changed": not known or not same(before, yours),
                }
            )
        data = self.request.POST.copy()
        data["version"] = str(current.version)
        resubmit = self.form(data=data, instance=current)
        last = current.history.select_related("history_user").first()
        context = self.context(
            form=resubmit,
            record=current,
            rows=rows,
            read_version=read_version,
            changed_by=getattr(last, "history_user", None),
            changed_at=getattr(last, "history_date", None),
            crumbs=self.crumbs(current, _("Conflict")),
            detail_url=self.url("detail", current.pk),
            edit_url=self.url("edit", current.pk),
        )
        return render(self.request, "records/conflict.html", context, status=409)


def opened_value(form: RecordForm, entry: Any, name: str) -> tuple[bool, Any]:
    """Whether the value a field had when the user opened the form is known, and that value.

    It comes from the history entry of the version they read; for a many-relation the history
    does not keep (a record's sources), from the copy of the opened value the form carries.
    """
    field = form.fields[name]
    if field.show_hidden_initial:
        key = form[name].html_initial_name
        if key not in form.data:
            return False, None
        opened = field.hidden_widget().value_from_datadict(form.data, form.files, key)
        try:
            return True, field.to_python(opened)
        except ValidationError:  # a linked record deleted since
            return False, None
    return entry is not None, field_value(entry, name)


def field_value(record: Any, name: str) -> Any:
    """A field's value on a record (or a history entry); a list for a many-relation."""
    if record is None:
        return None
    kept = {field.name: field for field in getattr(record, "_history_m2m_fields", ())}
    if name in kept:
        # A history entry keeps its links as rows of a history table: the linked records' ids.
        relation = kept[name]
        ids = getattr(record, name).values_list(relation.m2m_reverse_field_name(), flat=True)
        return list(relation.related_model._default_manager.filter(pk__in=list(ids)))
    try:
        value = getattr(record, name)
    except (AttributeError, ValueError):
        return None
    if hasattr(value, "all") and callable(value.all):
        return list(value.all())
    return value


def same(a: Any, b: Any) -> bool:
    """Whether two field values say the same (blank equals blank; lists compare as sets)."""
    if isinstance(a, QuerySet):
        a = list(a)
    if isinstance(b, QuerySet):
        b = list(b)
    if isinstance(a, list) or isinstance(b, list):
        return {getattr(x, "pk", x) for x in a or []} == {getattr(x, "pk", x) for x in b or []}
    if a in ("", None) and b in ("", None):
        return True
    return bool(a == b)


def display(value: Any) -> str:
    """A field value as text for the conflict and history tables."""
    if isinstance(value, QuerySet | list):
        # Linked records by name, in a fixed order; a name may itself hold a comma.
        return "; ".join(sorted(str(item) for item in value)) or "—"
    if value in (None, ""):
        return "—"
    return str(value)
