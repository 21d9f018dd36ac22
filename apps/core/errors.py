"""The answers to errors: a page in the site's style and the reader's language, JSON under the
API, each naming the request id a user can quote to support (config/urls.py's handlers and
settings.CSRF_FAILURE_VIEW)."""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template import loader
from django.utils.translation import gettext as _

from apps.core.middleware import current_request_id

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait after a database or broker outage: a restart or failover
# of PostgreSQL takes a few seconds, and Django reconnects on the next request.
RETRY_AFTER_SECONDS = 30

# The last resort when even the error page cannot be rendered (a broken template, say).
_BARE_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><h1>{title}</h1><p>Reference: {request_id}</p></body></html>"
)


def _answer(
    request: HttpRequest,
    *,
    status: int,
    template: str,
    detail: str,
    context: dict[str, Any] | None = None,
    database_free: bool = False,
) -> HttpResponse:
    """JSON `{"detail", "request_id"}` under the API, the template everywhere else.

    A `database_free` page is rendered without the request, so that no context processor (the
    signed-in user, the navigation's programmes) queries a database that may be the very cause
    of the error; the page then shows no user menu.
    """
    request_id = current_request_id.get()
    if request.path.startswith(settings.API_PATH_PREFIX):
        return JsonResponse({"detail": detail, "request_id": request_id}, status=status)
    page_context = {"request_id": request_id, "status": status, **(context or {})}
    if not database_free:
        return HttpResponse(loader.render_to_string(template, page_context, request), status=status)
    page: str
    try:
        page = loader.render_to_string(template, page_context)
    except Exception:
        logger.exception("The %s page could not be rendered", status)
        page = _BARE_PAGE.format(title=f"{status} · Pantau", request_id=request_id)
    return HttpResponse(page, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a request Django refused before any view (an unknown host, a malformed body)."""
    return _answer(request, status=400, template="400.html", detail=_("Bad request."))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403: the user's role does not allow what was asked."""
    detail = _("You do not have permission to perform this action.")
    return _answer(request, status=403, template="403.html", detail=detail)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: no such page, or one the user may not know exists. The reason is not shown."""
    return _answer(request, status=404, template="404.html", detail=_("Not found."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form sent without a valid CSRF token: most often a page left open past the end
    of its session, or a sign-in in another tab. Reloading the page (or signing in again)
    gives a fresh token; without cookies no token can work, which the page then says."""
    detail = _("The form had expired. Reload the page and send it again.")
    context = {"cookie_missing": reason == REASON_NO_CSRF_COOKIE}
    return _answer(request, status=403, template="403_csrf.html", detail=detail, context=context)


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an unhandled error: 503 with Retry-After when the database is unreachable,
    500 otherwise; the page is rendered without touching the database."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    if unavailable:
        detail = _("The service is unavailable for a moment; retry later.")
    else:
        detail = _("Something went wrong on our side. The error has been logged.")
    response = _answer(
        request,
        status=503 if unavailable else 500,
        template="503.html" if unavailable else "500.html",
        detail=detail,
        database_free=True,
    )
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
