"""What every request and response goes through: the request id, the query-string check,
security headers."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.signals import request_finished
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every answer, with
    CONTENT_SECURITY_POLICY_RELAXED_ADDITIONS on the pages under the RELAXED_PATHS only.

    A view may still adjust its own policy with django-csp's decorators; a view that set the
    header itself keeps it.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        relaxed = request.path.startswith(settings.CONTENT_SECURITY_POLICY_RELAXED_PATHS)
        if relaxed and not report_only:
            additions: dict[str, list[str]] = {}
            for source in (settings.CONTENT_SECURITY_POLICY_RELAXED_ADDITIONS, parts.update or {}):
                for directive, values in source.items():
                    additions.setdefault(directive, []).extend(values)
            parts.update = additions
        return parts


# C0 control characters and DEL, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    """Whether a text holds a character no person types (NUL, escape, DEL, …)."""
    return CONTROL_CHARACTERS.search(text) is not None


class ControlCharactersMiddleware:
    """Refuse a request whose query string holds control characters, with 400 naming them.

    No filter, search or page number has any use for them, and some databases refuse them with
    an error (PostgreSQL on NUL) that would otherwise surface as a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = sorted(
            {
                name
                for name, values in request.GET.lists()
                for text in (name, *values)
                if has_control_characters(text)
            }
        )
        if not refused:
            return self.get_response(request)
        message = _("Control characters are not allowed.")
        if request.path.startswith(settings.API_PATH_PREFIX):
            return JsonResponse({name: [str(message)] for name in refused}, status=400)
        context = {
            "parameters": refused,
            "reason": message,
            "status": 400,
            "request_id": current_request_id.get(),
        }
        page = render_to_string("400.html", context, request=request)
        return HttpResponseBadRequest(page)


# The id of the request being answered, for every log line written while answering it.
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")
# An id a proxy in front of Pantau may pass on; anything else is replaced by a fresh one.
FORWARDED_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Give every log record the id of the request it was written for (`-` outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class RequestIdMiddleware:
    """Name each request: X-Request-ID from the proxy if well-formed, else a new one; the id is
    in the response's X-Request-ID header and in every log line written meanwhile."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if FORWARDED_REQUEST_ID.match(offered) else uuid.uuid4().hex
        # Kept until the response is finished: Django logs a 4xx or 5xx after the middleware.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _forget_request_id(**kwargs: object) -> None:
    current_request_id.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="pantau-forget-request-id")


class PrivacyHeadersMiddleware:
    """No cache may keep what a signed-in user or an API client was shown; no page may use the
    camera, microphone, location or payment features of the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = bool(user is not None and user.is_authenticated) or request.path.startswith(
            settings.API_PATH_PREFIX
        )
        if personal and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
