"""Request rates: per client address for anonymous calls, per token, per signed-in user.

Rates come from `settings.PANTAU_THROTTLE_RATES`, read on every request (DRF's own throttles
read theirs once at import, which makes them impossible to change at run time or in tests).
The counts live in the default cache, which settings make one store for every process (Redis
or the database), so two workers do not each allow the whole rate. Every throttled response
says where the client stands: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
(seconds until the window ends and the count starts again) and `RateLimit-Policy`
(`<calls>;w=<seconds>`).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import SimpleRateThrottle

from apps.accounts.models import ApiToken
from apps.core.cache import count_hit
from apps.core.clients import client_address

logger = logging.getLogger(__name__)

# The clock the windows are cut from (a test may hold it still inside one window).
clock = time.time


@dataclass(frozen=True)
class RateLimitState:
    """Where one client stands against the rate that applied to its call."""

    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    window: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={self.window}",
        }


class _SettingsRateThrottle(SimpleRateThrottle):
    """A fixed window per client: at most `num_requests` calls in each `duration` seconds.

    Each window's count is one cache key, raised by the cache's atomic increment (Redis's INCR,
    or a locked row of the database cache), so concurrent calls on different workers are all
    counted: DRF's own throttle reads a list of times and writes it back, and two workers doing
    that at once each let a call through uncounted. A call beyond the rate is not counted.
    """

    num_requests: int | None  # both set by SimpleRateThrottle from the rate
    duration: int | None

    def get_rate(self) -> str | None:
        return settings.PANTAU_THROTTLE_RATES.get(self.scope or "")

    def allow_request(self, request: Any, view: Any) -> bool:
        if not self.num_requests or not self.duration:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = clock()
        window = int(now // self.duration)
        self._wait = max(math.ceil((window + 1) * self.duration - now), 1)
        # When the cache cannot be reached the request is let through, with a warning: a rate
        # limit that fails must not take the whole API down with it.
        try:
            count = self._count(f"{key}:{window}")
        except Exception as error:  # each cache backend raises its own connection errors
            logger.warning("rate limit %s not applied: the cache failed (%s)", self.scope, error)
            return True
        allowed = count <= self.num_requests
        # On the Django request, where RateLimitHeadersMiddleware finds it for the response.
        request._request.rate_limit = RateLimitState(
            limit=self.num_requests,
            remaining=max(self.num_requests - count, 0),
            reset=self._wait,
            window=self.duration,
        )
        return allowed

    def _count(self, key: str) -> int:
        """Count a call in the window's key; a call beyond the rate takes its count back."""
        assert self.num_requests is not None and self.duration is not None
        count = count_hit(key, timeout=self.duration + 5)
        if count > self.num_requests:
            cache.decr(key)
        return count

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)


class AnonymousRateThrottle(_SettingsRateThrottle):
    """Anonymous calls, by client address."""

    scope = "anon"

    def get_ident(self, request: Any) -> str:
        # DRF would take X-Forwarded-For as the client sent it, so a client could name a new
        # address on every call and never be throttled.
        return client_address(request._request)

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


class RateLimitHeadersMiddleware:
    """Adds the rate-limit headers to every API response whose call a rate applied to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        state: RateLimitState | None = getattr(request, "rate_limit", None)
        if state is not None:
            for header, value in state.headers().items():
                response.headers.setdefault(header, value)
        return response
