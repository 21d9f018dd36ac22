"""Cross-cutting views."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.accounts.selectors import readable_records
from apps.core.health import check_broker, check_database
from apps.core.record_views import record_url
from apps.core.records import REGISTRY

SEARCH_LIMIT = 10


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report database and broker status: 200 when both answer, 503 otherwise."""
    checks = [check_database(), check_broker()]
    healthy = all(check.ok for check in checks)
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {check.name: {"ok": check.ok, "detail": check.detail} for check in checks},
    }
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Records of every kind that match the words, among those the user may read."""
    query = request.GET.get("q", "").strip()
    groups = []
    if len(query) >= 2:
        for spec in REGISTRY.values():
            if not spec.search_fields:
                continue
            rows = spec.queryset()
            if not spec.shared:
                rows = readable_records(
                    rows, user=request.user, programme_path=spec.programme_path
                ).select_related(spec.programme_path)
            found = list(spec.search(rows, query).order_by("-updated_at")[:SEARCH_LIMIT])
            if found:
                groups.append(
                    {
                        "spec": spec,
                        "results": [
                            (
                                record,
                                record_url(spec, "detail", spec.programme_of(record), record.pk),
                            )
                            for record in found
                        ],
                    }
                )
    return render(request, "core/search.html", {"query": query, "groups": groups})
