"""The workspace-wide search page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.accounts.selectors import signed_in
from apps.workspace.search import site_search
from apps.workspace.views.base import record_url


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Records of every kind that match the words, among those the user may read."""
    query = request.GET.get("q", "").strip()
    groups = [
        {
            "kind": kind,
            "results": [
                (record, record_url(kind, "detail", kind.programme_of(record), record.pk))
                for record in records
            ],
        }
        for kind, records in site_search(user=signed_in(request), query=query)
    ]
    return render(request, "workspace/search.html", {"query": query, "groups": groups})
