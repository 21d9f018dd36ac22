"""The generic record pages: list, detail and delete, for every kind of record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.selectors import signed_in
from apps.core.services import VersionConflict, referring_kinds
from apps.workspace.search import search_rows
from apps.workspace.views.base import RecordView

PAGE_SIZE = 25
# Filters the list page does not offer: the programme is the one in the URL.
PROGRAMME_FILTERS = ("programme", "programme_code")


def posted_version(request: HttpRequest) -> int | None:
    """The version a form was read at (its hidden `version` field), if it sent one."""
    version = request.POST.get("version", "")
    return int(version) if version.isdigit() else None


class RecordListView(RecordView):
    """A filtered, searched, sorted, paginated list through the kind's FilterSet."""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        filterset = self.kind.filterset_class(
            request.GET or None, queryset=self.scoped(), request=request
        )
        for name in PROGRAMME_FILTERS:
            filterset.form.fields.pop(name, None)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else self.scoped()
        query = request.GET.get("q", "").strip()
        rows = search_rows(self.kind.search_fields, rows, query)
        allowed = {c.ordering for c in self.kind.columns if c.ordering}
        ordering = request.GET.get("o", "")
        if ordering.lstrip("-") in allowed:
            rows = rows.order_by(ordering, "pk")
        else:
            rows = rows.order_by(*self.kind.ordering, "pk")
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
        return self.render_detail(self.get_record())

    def render_detail(self, record: Any, status: int = 200, **extra: Any) -> HttpResponse:
        """The record's page; `extra` reaches the kind's detail context (e.g. a bound form)."""
        context = self.context(record=record, crumbs=self.crumbs(record))
        if self.kind.shared and context["can_write"]:
            context["change_refusal"] = self.change_refusal(record)
        context.update(
            self.kind.detail_context(record, request=self.request, programme=self.programme)
        )
        context.update(extra)
        return render(self.request, self.kind.detail_template, context, status=status)


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
        try:
            self.kind.delete(record, actor=signed_in(request), version=posted_version(request))
        except VersionConflict:
            messages.error(
                request,
                _("Not deleted: someone changed this record since you opened it. Check it first."),
            )
            return redirect(self.url("detail", record.pk))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("detail", record.pk))
        except (ProtectedError, RestrictedError) as error:
            # e.g. a source that evidence still quotes: those records must let go of it first.
            messages.error(
                request,
                _("Not deleted: %(kinds)s still refer to this one. Unlink them first.")
                % {"kinds": referring_kinds(error)},
            )
            return redirect(self.url("detail", record.pk))
        messages.success(request, _("Deleted: %(record)s.") % {"record": record})
        return redirect(self.url("list"))
