"""What every generic record page shares: the kind, the programme and the record from the URL.

Querysets are scoped to the programme in the URL (404 without a role there); writes need the
analyst role (403 otherwise), or for shared records the analyst role in any programme.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.selectors import (
    can_write_programme,
    can_write_shared_records,
    programmes_readable_by,
    signed_in,
)
from apps.core.models import VersionedModel
from apps.programmes.models import Programme
from apps.workspace.forms import RecordForm
from apps.workspace.kinds import RecordKind, kind_for

Crumbs = list[tuple[str, str | None]]


def record_url(
    kind: RecordKind[Any], action: str, programme: Programme | None = None, pk: Any = None
) -> str:
    """The URL of a workspace page of a record kind (list, create) or of one record."""
    kwargs: dict[str, Any] = {"record": kind.key}
    if pk is not None:
        kwargs["pk"] = pk
    if kind.shared:
        return reverse(f"shared-{action}", kwargs=kwargs)
    assert programme is not None, "a programme's record pages need the programme"
    return reverse(f"record-{action}", kwargs={"code": programme.code, **kwargs})


def readable_programme(request: HttpRequest, code: str) -> Programme:
    """The programme in the URL, if the user holds a role in it; 404 otherwise (no hint)."""
    return get_object_or_404(programmes_readable_by(user=request.user), code=code)


class RecordView(LoginRequiredMixin, View):
    """Resolves the kind, the programme and (for one record) the record from the URL."""

    kind: RecordKind[Any]
    programme: Programme | None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        kind = kind_for(kwargs.get("record", ""))
        if kind is None or not kind.has_pages or kind.shared != ("code" not in kwargs):
            raise Http404(_("No such kind of record."))
        self.kind = kind
        self.programme = None if kind.shared else readable_programme(request, kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    # Scope and rights -----------------------------------------------------------------------

    def scoped(self) -> QuerySet:
        rows = self.kind.queryset()
        if self.programme is None:
            return rows
        return self.kind.in_programme(rows, self.programme)

    def get_record(self) -> VersionedModel:
        return get_object_or_404(self.scoped(), pk=self.kwargs["pk"])

    @property
    def can_write(self) -> bool:
        if self.programme is None:
            return can_write_shared_records(user=self.request.user)
        return can_write_programme(user=self.request.user, programme=self.programme)

    def require_write(self) -> None:
        if not self.can_write:
            raise PermissionDenied(_("Your role does not allow changes here."))

    def change_refusal(self, record: Model) -> str | None:
        """Why the user may not change this record although they may write here (a shared
        record that other programmes use has stewards), or None."""
        return self.kind.check_update(user=signed_in(self.request), record=record)

    def refuse_change(self, record: Model, *, not_done: str | None = None) -> HttpResponse | None:
        """The answer to an edit the record's stewards keep: back to the record, whose page says
        why; `not_done` ("Not saved.") is shown when the user had sent a change."""
        if self.change_refusal(record) is None:
            return None
        if not_done:
            messages.error(self.request, not_done)
        return redirect(self.url("detail", record.pk))

    # URLs and page context ------------------------------------------------------------------

    def url(self, action: str, pk: Any = None) -> str:
        return record_url(self.kind, action, self.programme, pk)

    def crumbs(self, record: Model | None = None, last: str | None = None) -> Crumbs:
        crumbs: Crumbs = []
        if self.programme is not None:
            crumbs.append(
                (self.programme.code, reverse("programme-detail", args=[self.programme.code]))
            )
        parent = self.kind.parent_crumb(record, programme=self.programme) if record else None
        # The results framework reads programme → sub-programme → output.
        crumbs.append(parent or (self.kind.label, self.url("list")))
        if record is not None:
            crumbs.append((str(record), self.url("detail", record.pk)))
        if last:
            crumbs.append((last, None))
        else:
            crumbs[-1] = (crumbs[-1][0], None)
        return crumbs

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "programme": self.programme,
            "can_write": self.can_write,
            "list_url": self.url("list"),
            "create_url": self.url("create"),
            **extra,
        }

    def form(
        self,
        *,
        data: Any = None,
        instance: Model | None = None,
        kind: RecordKind[Any] | None = None,
    ) -> RecordForm:
        """The form of this page's kind, or of `kind` (a record of another kind made here)."""
        kind = kind or self.kind
        form_class = kind.form_class
        assert form_class is not None, f"{kind.key} records have no form"
        extra = kind.form_kwargs(
            request=self.request, programme=self.programme, instance=instance, data=data
        )
        form = form_class(
            data=data, instance=instance, programme=self.programme, user=self.request.user, **extra
        )
        if instance is not None and instance.pk:
            # A record never moves to another parent.
            for name in kind.fixed_on_update:
                form.fields.pop(name, None)
        return form
