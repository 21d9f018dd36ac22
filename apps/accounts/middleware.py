"""Per request, for a signed-in user: the session's timeouts, the staff's second factor, and
the user's own language."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.accounts import selectors
from apps.accounts.authentication import ApiTokenAuthentication


class UserLanguageMiddleware:
    """Activate the language saved on the user (after LocaleMiddleware and authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


# Session keys of the timeout: when this browser session began, and its latest request.
STARTED_AT = "pantau_session_started_at"
SEEN_AT = "pantau_session_seen_at"
# The latest-request time is written at most this often, not on every request.
SEEN_AT_PRECISION = 60


def session_started(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """At login (Django's `user_logged_in`): start the session's clocks.

    Done at login, where the session is saved anyway, so that no later request has to write it
    just to start them.
    """
    now = time.time()
    request.session[STARTED_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Sign a browser session out after `SESSION_IDLE_TIMEOUT` seconds without a request, and
    after `SESSION_COOKIE_AGE` seconds in all however busy it is (after authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and user is not None and user.is_authenticated:
            now = time.time()
            started = session.setdefault(STARTED_AT, now)
            seen = session.setdefault(SEEN_AT, now)
            idle, lived = now - seen, now - started
            if idle > settings.SESSION_IDLE_TIMEOUT or lived > settings.SESSION_COOKIE_AGE:
                # The request goes on signed out: pages send it to the login page.
                logout(request)
            elif idle > SEEN_AT_PRECISION:
                session[SEEN_AT] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """While TOTP is required for staff, a staff session that has not confirmed a code reaches
    only the enrolment page (and logging out): every other page sends it there, and the API
    refuses it with 403. API tokens are a separate credential and pass untouched.

    After django-otp's OTPMiddleware and the session timeouts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and not selectors.is_verified(user)
            and not self._exempt(request)
            and selectors.staff_totp_required()
        ):
            if request.path.startswith(settings.API_PATH_PREFIX):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication first: staff need it.")},
                    status=403,
                )
            target = reverse("two-factor-setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path in {reverse("two-factor-setup"), reverse("logout"), reverse("language")}:
            return True
        # A request with an API token is the token's: DRF never looks at its session.
        scheme = request.headers.get("Authorization", "").split(" ", 1)[0].lower().encode()
        return request.path.startswith(settings.API_PATH_PREFIX) and scheme in (
            ApiTokenAuthentication.keywords
        )
