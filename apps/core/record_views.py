"""The workspace's generic record pages: list, detail, create, edit, delete, history, restore.

One set of views serves every kind of record through its `RecordSpec` (apps.core.records):
querysets are scoped to the programme in the URL (404 without a role there), writes need the
analyst role (403 otherwise) and go through the record's services, edits carry the version they
were read at and a stale save shows the conflict instead of overwriting.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.selectors import (
    can_write_programme,
    can_write_shared_records,
    programmes_readable_by,
)
from apps.core.records import REGISTRY, RecordSpec
from apps.core.services import VersionConflict, record_delete

PAGE_SIZE = 25


def record_url(spec: RecordSpec, action: str, programme: Any = None, pk: Any = None) -> str:
    """The URL of a workspace page of a record kind (list, create) or of one record."""
    kwargs: dict[str, Any] = {"record": spec.key}
    if pk is not None:
        kwargs["pk"] = pk
    if spec.shared:
        return reverse(f"shared-{action}", kwargs=kwargs)
    return reverse(f"record-{action}", kwargs={"code": programme.code, **kwargs})


class RecordView(LoginRequiredMixin, View):
    """Resolves the spec, the programme and (for one record) the record from the URL."""

    request: HttpRequest
    spec: RecordSpec
    programme: Any

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.spec = REGISTRY.get(kwargs.get("record", ""))  # type: ignore[assignment]
        self.programme = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.spec is None or self.spec.shared != ("code" not in kwargs):
            raise Http404(_("No such kind of record."))
        if not self.spec.shared:
            readable = programmes_readable_by(user=request.user)
            self.programme = get_object_or_404(readable, code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    # Scope and rights -----------------------------------------------------------------------

    def scoped(self) -> QuerySet:
        rows = self.spec.queryset()
        if self.spec.shared:
            return rows
        return rows.filter(**{self.spec.programme_path: self.programme})

    def get_record(self) -> Model:
        return get_object_or_404(self.scoped(), pk=self.kwargs["pk"])

    @property
    def can_write(self) -> bool:
        if self.spec.shared:
            return can_write_shared_records(user=self.request.user)
        return can_write_programme(user=self.request.user, programme=self.programme)

    def require_write(self) -> None:
        if not self.can_write:
            raise PermissionDenied(_("Your role does not allow changes here."))

    # URLs and page context ------------------------------------------------------------------

    def url(self, action: str, pk: Any = None) -> str:
        return record_url(self.spec, action, self.programme, pk)

    def crumbs(self, record: Model | None = None, last: str | None = None) -> list:
        crumbs: list[tuple[str, str | None]] = []
        if self.programme is not None:
            crumbs.append(
                (self.programme.code, reverse("programme-detail", args=[self.programme.code]))
            )
        parent = self.spec.extra.get("parent_crumb")
        if record is not None and parent is not None:
            # The results framework reads programme → sub-programme → output.
            crumbs.append(parent(record=record, programme=self.programme))
        else:
            crumbs.append((self.spec.label, self.url("list")))
        if record is not None:
            crumbs.append((str(record), self.url("detail", record.pk)))
        if last:
            crumbs.append((last, None))
        else:
            crumbs[-1] = (crumbs[-1][0], None)
        return crumbs

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "programme": self.programme,
            "can_write": self.can_write,
            "list_url": self.url("list"),
            "create_url": self.url("create"),
            **extra,
        }

    def form(self, *, data: Any = None, instance: Model | None = None) -> Any:
        hook = self.spec.extra.get("form_kwargs")
        extra = hook(view=self, instance=instance, data=data) if hook else {}
        form = self.spec.form_class(
            data=data,
            instance=instance,
            programme=self.programme,
            user=self.request.user,
            **extra,
        )
        if instance is not None and instance.pk:
            for name in getattr(form, "fixed_on_update", ()):
                form.fields.pop(name, None)
        return form


class RecordListView(RecordView):
    """A filtered, searched, sorted, paginated list through the shared FilterSet."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        filterset = self.spec.filterset_class(
            request.GET or None, queryset=self.scoped(), request=request
        )
        for name in ("programme", "programme_code"):
            filterset.form.fields.pop(name, None)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else self.scoped()
        query = request.GET.get("q", "").strip()
        rows = self.spec.search(rows, query)
        allowed = {c.ordering for c in self.spec.columns if c.ordering}
        ordering = request.GET.get("o", "")
        if ordering.lstrip("-") in allowed:
            rows = rows.order_by(ordering, "pk")
        else:
            rows = rows.order_by(*self.spec.default_ordering, "pk")
            ordering = ""
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        sort_params = params.copy()
        sort_params.pop("o", None)
        return render(
            request,
            "records/list.html",
            self.context(
                page=page,
                filterset=filterset,
                query=query,
                ordering=ordering,
                page_query=params.urlencode(),
                sort_query=sort_params.urlencode(),
                crumbs=self.crumbs(),
            ),
        )


class RecordDetailView(RecordView):
    """One record: its fields, provenance and links to edit, delete and its history."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_record()
        context = self.context(record=record, crumbs=self.crumbs(record))
        hook = self.spec.extra.get("detail_context")
        if hook is not None:
            context.update(hook(record=record, view=self))
        return render(request, self.spec.detail_template, context)


class RecordFormView(RecordView):
    """Create or edit a record through its services; a stale edit shows the conflict."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record() if "pk" in kwargs else None
        initial_data = None
        if record is None and request.GET:
            # Links like "add an indicator to this output" preset the parent.
            initial_data = {k: v for k, v in request.GET.items() if k != "next"}
        form = self.form(instance=record)
        if initial_data:
            for name, value in initial_data.items():
                if name in form.fields:
                    form.fields[name].initial = value
        return self.render_form(form, record)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record() if "pk" in kwargs else None
        form = self.form(data=request.POST, instance=record)
        if not form.is_valid():
            return self.render_form(form, record, status=400)
        try:
            saved = self.save(form, record)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, record, status=400)
        except VersionConflict:
            return self.render_conflict(form, record)
        messages.success(request, _("Saved: %(record)s.") % {"record": saved})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = self.url("detail", saved.pk)
        return redirect(target)

    def save(self, form: Any, record: Model | None) -> Model:
        data = form.service_data()
        if record is None:
            parameters = inspect.signature(self.spec.create_service).parameters
            if "programme" in parameters and "programme" not in data and self.programme:
                data["programme"] = self.programme
            return self.spec.create_service(actor=self.request.user, **data)
        return self.spec.update_service(
            **{self.spec.instance_kwarg: record},
            actor=self.request.user,
            version=form.cleaned_data.get("version"),
            **data,
        )

    def render_form(self, form: Any, record: Model | None, status: int = 200) -> HttpResponse:
        title = (
            _("Edit %(record)s") % {"record": record}
            if record
            else _("New %(kind)s") % {"kind": self.spec.label_singular}
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

    def render_conflict(self, form: Any, record: Model) -> HttpResponse:
        current = self.get_record()
        read_version = form.cleaned_data.get("version")
        base = current.history.filter(version=read_version).first()
        rows = []
        for name, field in form.fields.items():
            if name == "version":
                continue
            yours = form.cleaned_data.get(name)
            theirs = _field_value(current, name)
            before = _field_value(base, name) if base is not None else None
            if _same(yours, theirs) and _same(yours, before):
                continue
            rows.append(
                {
                    "label": field.label,
                    "before": _display(before),
                    "yours": _display(yours),
                    "theirs": _display(theirs),
                    "they_changed": base is not None and not _same(before, theirs),
                    "you_changed": base is None or not _same(before, yours),
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


def _field_value(record: Any, name: str) -> Any:
    if record is None:
        return None
    try:
        value = getattr(record, name)
    except (AttributeError, ValueError):
        return None
    if hasattr(value, "all") and callable(value.all):
        return list(value.all())
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, QuerySet):
        a = list(a)
    if isinstance(b, QuerySet):
        b = list(b)
    if isinstance(a, list) or isinstance(b, list):
        return {getattr(x, "pk", x) for x in a or []} == {getattr(x, "pk", x) for x in b or []}
    if a in ("", None) and b in ("", None):
        return True
    return a == b


def _display(value: Any) -> str:
    if isinstance(value, QuerySet | list):
        return ", ".join(str(item) for item in value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


class RecordDeleteView(RecordView):
    """Ask, then delete (refused when the record changed since the page was shown)."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record()
        return render(
            request,
            "records/delete.html",
            self.context(
                record=record,
                crumbs=self.crumbs(record, _("Delete")),
                detail_url=self.url("detail", record.pk),
            ),
        )

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record()
        version = request.POST.get("version")
        try:
            record_delete(
                record,
                actor=request.user,
                expected_version=int(version) if version and version.isdigit() else None,
            )
        except VersionConflict:
            messages.error(
                request,
                _("Not deleted: someone changed this record since you opened it. Check it first."),
            )
            return redirect(self.url("detail", record.pk))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("detail", record.pk))
        except (ProtectedError, RestrictedError):
            # e.g. a source that evidence still quotes: those records must let go of it first.
            messages.error(
                request, _("Not deleted: other records still refer to this one. Unlink them first.")
            )
            return redirect(self.url("detail", record.pk))
        messages.success(request, _("Deleted: %(record)s.") % {"record": record})
        return redirect(self.url("list"))


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
                diff = [
                    {
                        "field": _verbose(record, c.field),
                        "old": _display(_choice_label(record, c.field, c.old)),
                        "new": _display(_choice_label(record, c.field, c.new)),
                    }
                    for c in delta.changes
                    if c.field not in ("version", "updated_at", "created_at")
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


def _choice_label(record: Model, name: str, value: Any) -> Any:
    """A stored choice as its label in the active language; any other value unchanged."""
    try:
        choices = dict(record._meta.get_field(name).flatchoices)
    except Exception:  # a field history knows but the model no longer has
        return value
    return choices.get(value, value) if isinstance(value, str | int) else value


def _verbose(record: Model, name: str) -> str:
    try:
        return str(record._meta.get_field(name).verbose_name)
    except Exception:  # a field history knows but the model no longer has
        return name


class RecordRestoreView(RecordView):
    """Bring back the values of an earlier version, as a new change (itself versioned)."""

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        record = self.get_record()
        entry = get_object_or_404(record.history, history_id=kwargs["history_id"])
        form = self.form(instance=record)
        restorable = [
            name
            for name in form.fields
            if name != "version" and not hasattr(getattr(record, name, None), "all")
        ]
        values = {}
        for name in restorable:
            field = record._meta.get_field(name)
            values[name] = getattr(entry, field.attname if field.is_relation else name)
            if field.is_relation:
                values[name] = field.related_model.objects.filter(pk=values[name]).first()
        # The form turns its fields into the service's arguments (an assessment's items, notes).
        form.cleaned_data = values
        values = form.service_data()
        version = request.POST.get("version")
        try:
            self.spec.update_service(
                **{self.spec.instance_kwarg: record},
                actor=request.user,
                version=int(version) if version and version.isdigit() else None,
                **values,
            )
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
