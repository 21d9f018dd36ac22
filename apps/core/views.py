"""The kernel's pages: the health check (the answers to errors are in apps.core.errors)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.health import check_broker, check_database


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report database and broker status: 200 when both answer, 503 otherwise.

    Anyone (a load balancer, a container healthcheck) learns whether each part works; only
    staff learn why one does not, since the reason names hosts, ports and drivers.
    """
    checks = [check_database(), check_broker()]
    healthy = all(check.ok for check in checks)
    detailed = bool(getattr(request.user, "is_staff", False))
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {
            check.name: {"ok": check.ok, "detail": check.detail} if detailed else {"ok": check.ok}
            for check in checks
        },
    }
    return JsonResponse(body, status=200 if healthy else 503)
