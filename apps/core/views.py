"""The kernel's pages: the health check, and the answer to an unhandled error."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.health import check_broker, check_database
from apps.core.middleware import current_request_id


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


# Seconds a client is asked to wait after a database or broker outage: a restart or failover
# of PostgreSQL takes a few seconds, and Django reconnects on the next request.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an unhandled error: 503 with Retry-After when the database is unreachable,
    500 otherwise; JSON under the API, a page (rendered without touching the database) elsewhere.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith(settings.API_PATH_PREFIX):
        detail = (
            _("The service is unavailable for a moment; retry later.")
            if unavailable
            else _("Something went wrong on our side. The error has been logged.")
        )
        body = {"detail": str(detail), "request_id": current_request_id.get()}
        response: HttpResponse = JsonResponse(body, status=status)
    else:
        page = loader.get_template("503.html" if unavailable else "500.html").render({})
        response = HttpResponse(page, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
