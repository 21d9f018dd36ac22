"""Sign-in slowdowns that a stranger cannot turn into a lock-out of someone else.

Three guards, each counting failed sign-ins in the shared cache (settings.CACHES):

- django-axes locks out a *username + client address* pair after `AXES_FAILURE_LIMIT` failures.
  A stranger who guesses at `manager` locks out only themselves: the real manager, from their
  own address, is not touched.
- Per *username*, from any address: after `LOGIN_USERNAME_FREE_FAILURES` failures each further
  attempt must wait twice as long as the one before, up to `LOGIN_USERNAME_MAX_DELAY` seconds.
  This slows guessing spread over many addresses; it never locks, and a browser the user has
  signed in with before (it carries a signed *device cookie* naming the user) skips it.
- Per *client address*, over all usernames: after `LOGIN_ADDRESS_FREE_FAILURES` failures, the
  same doubling up to `LOGIN_ADDRESS_MAX_DELAY` seconds. This slows one address trying many
  accounts. A success does not reset it, so a guesser cannot clear it with an account of their own.

The client address comes from `apps.core.clients.client_address`, which trusts X-Forwarded-For
only as far as `TRUSTED_PROXY_HOPS`. Counts are forgotten `AXES_COOLOFF_TIME` after the last
failure. If the cache fails, sign-in goes on unguarded by these two (django-axes keeps its
counts in the database) and a warning is logged.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from apps.core.cache import count_hit
from apps.core.clients import client_address

logger = logging.getLogger(__name__)

DEVICE_COOKIE = "pantau_device"
DEVICE_SALT = "pantau.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 60 * 60
DEVICE_MAX_USERS = 5  # a shared office computer remembers a few users, not every one


@dataclass(frozen=True)
class Slowdown:
    """Growing delays between attempts once more than `free` attempts have failed."""

    scope: str
    free: int
    max_delay: int  # seconds

    def _key(self, ident: str) -> str:
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        return f"pantau:login:{self.scope}:{digest}"

    def _window(self) -> int:
        return int(settings.AXES_COOLOFF_TIME.total_seconds())

    def failures(self, ident: str) -> int:
        return int(cache.get(self._key(ident), 0))

    def delay_after(self, failures: int) -> int:
        """Seconds between attempts after this many failures (0: no wait)."""
        if failures < self.free:
            return 0
        return min(2 ** (failures - self.free), self.max_delay)

    def wait(self, ident: str) -> int:
        """0 if an attempt may go ahead now (and it takes the next slot), else seconds to wait."""
        delay = self.delay_after(self.failures(ident))
        if not delay:
            return 0
        slot = self._key(ident) + ":slot"
        now = time.time()
        # One attempt per delay: the first to add the slot goes ahead, atomically in the store.
        if cache.add(slot, now + delay, timeout=delay):
            return 0
        opens = cache.get(slot)
        return max(math.ceil(float(opens) - now), 1) if opens is not None else 1

    def failed(self, ident: str) -> None:
        key = self._key(ident)
        count_hit(key, timeout=self._window())
        cache.touch(key, timeout=self._window())  # forgotten a window after the last failure

    def forget(self, ident: str) -> None:
        cache.delete_many([self._key(ident), self._key(ident) + ":slot"])


def _username_guard() -> Slowdown:
    return Slowdown(
        "user", free=settings.LOGIN_USERNAME_FREE_FAILURES,
        max_delay=settings.LOGIN_USERNAME_MAX_DELAY,
    )  # fmt: skip


def _address_guard() -> Slowdown:
    return Slowdown(
        "addr", free=settings.LOGIN_ADDRESS_FREE_FAILURES,
        max_delay=settings.LOGIN_ADDRESS_MAX_DELAY,
    )  # fmt: skip


def _normal(username: str) -> str:
    return username.strip().casefold()


def known_device_users(request: HttpRequest) -> list[str]:
    """The usernames that have signed in with this browser before (from its device cookie)."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return []
    try:
        users = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return []
    return [user for user in users if isinstance(user, str)] if isinstance(users, list) else []


def sign_in_wait(request: HttpRequest, username: str) -> int:
    """Seconds this client must wait before trying to sign in as `username` (0: go ahead)."""
    try:
        wait = _address_guard().wait(client_address(request))
        if wait:
            return wait
        if _normal(username) in known_device_users(request):
            return 0
        return _username_guard().wait(_normal(username))
    except Exception as error:  # each cache backend raises its own connection errors
        logger.warning("sign-in slowdown not applied: the cache failed (%s)", error)
        return 0


def sign_in_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                   **kwargs: Any) -> None:  # fmt: skip
    """Django's `user_login_failed`: count the failure for the username and the address."""
    username = credentials.get("username")
    if request is None or not isinstance(username, str):
        return
    try:
        _username_guard().failed(_normal(username))
        _address_guard().failed(client_address(request))
    except Exception as error:
        logger.warning("sign-in failure not counted: the cache failed (%s)", error)


def sign_in_succeeded(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Django's `user_logged_in`: the username's count starts again; the device is remembered."""
    if request is None:
        return
    username = _normal(user.get_username())
    try:
        _username_guard().forget(username)
    except Exception as error:
        logger.warning("sign-in count not reset: the cache failed (%s)", error)
    users = [username] + [known for known in known_device_users(request) if known != username]
    request.device_cookie = signing.dumps(users[:DEVICE_MAX_USERS], salt=DEVICE_SALT)  # type: ignore[attr-defined]


def remember_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Send the device cookie that a sign-in during this request made, if any."""
    value = getattr(request, "device_cookie", None)
    if value:
        response.set_cookie(
            DEVICE_COOKIE, value, max_age=DEVICE_MAX_AGE, secure=settings.SESSION_COOKIE_SECURE,
            httponly=True, samesite="Lax",
        )  # fmt: skip
    return response
