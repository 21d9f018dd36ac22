"""Request rates: per client address for anonymous calls, per token, per signed-in user.

Rates come from `settings.PANTAU_THROTTLE_RATES`, read on every request (DRF's own throttles
read theirs once at import, which makes them impossible to change at run time or in tests).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from apps.accounts.models import ApiToken

logger = logging.getLogger(__name__)


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return settings.PANTAU_THROTTLE_RATES.get(self.scope or "")

    def allow_request(self, request: Any, view: Any) -> bool:
        # The counts live in the shared cache (Redis in production). When it cannot be reached
        # the request is let through, with a warning: a rate limit that fails must not take the
        # whole API down with it.
        try:
            return super().allow_request(request, view)
        except Exception as error:  # each cache backend raises its own connection errors
            logger.warning("rate limit %s not applied: the cache failed (%s)", self.scope, error)
            return True


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Anonymous calls, by client address."""

    scope = "anon"

    def get_ident(self, request: Any) -> str:
        if api_settings.NUM_PROXIES is not None:
            return super().get_ident(request)
        # With NUM_PROXIES unset DRF takes X-Forwarded-For as the client sent it, so a client
        # could name a new address on every call and never be throttled. Trust only the hop
        # our own proxy appends (BEHIND_TLS_PROXY), else the address of the connection.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if settings.SECURE_PROXY_SSL_HEADER and forwarded:
            return forwarded.split(",")[-1].strip()
        return request.META.get("REMOTE_ADDR", "")

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(_SettingsRateThrottle):
    """Calls made with an API token, per token."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}


class SessionUserRateThrottle(_SettingsRateThrottle):
    """Calls made from a signed-in browser session, per user."""

    scope = "user"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
