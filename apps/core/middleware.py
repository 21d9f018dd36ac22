"""Response headers every page gets."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
