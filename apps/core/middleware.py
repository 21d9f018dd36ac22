"""What every request and response goes through: the query-string check, security headers."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _


class ContentSecurityPolicyMiddleware:
    """Send Pantau's Content-Security-Policy (no inline scripts) unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(settings.CONTENT_SECURITY_POLICY_RELAXED_PATHS)
            response["Content-Security-Policy"] = (
                settings.CONTENT_SECURITY_POLICY_RELAXED
                if relaxed
                else settings.CONTENT_SECURITY_POLICY
            )
        return response


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
        page = render_to_string(
            "400.html", {"parameters": refused, "reason": message}, request=request
        )
        return HttpResponseBadRequest(page)
