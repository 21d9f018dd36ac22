"""Two-factor sign-in: the half-finished sign-in between the password and the code, the
enrolment QR code, and wrong codes counted as failed logins."""

from __future__ import annotations

import io
import time
from base64 import b32encode
from dataclasses import dataclass

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User

# Session key of a sign-in whose password was right and whose code is still to come.
PENDING = "pantau_sign_in_pending"


@dataclass(frozen=True)
class PendingSignIn:
    """A user who gave the right password and now owes a code."""

    user: User
    backend: str
    next_url: str


def pending_start(request: HttpRequest, *, user: User, backend: str, next_url: str) -> None:
    """Remember, in the still anonymous session, whose code the next step asks for."""
    request.session.cycle_key()  # a fresh key for the signed-in session-to-be
    request.session[PENDING] = {
        "user": user.pk,
        "backend": backend,
        # A password change between the two steps ends the half-finished sign-in.
        "hash": user.get_session_auth_hash(),
        "at": time.time(),
        "next": next_url,
    }


def pending_of(request: HttpRequest) -> PendingSignIn | None:
    """The session's half-finished sign-in, unless it is too old or its user changed."""
    state = request.session.get(PENDING)
    if not isinstance(state, dict):
        return None
    if time.time() - float(state.get("at", 0)) > settings.SIGN_IN_CODE_TIMEOUT:
        pending_end(request)
        return None
    user_id = state.get("user")
    if not isinstance(user_id, int):
        pending_end(request)
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.get_session_auth_hash() != state.get("hash"):
        pending_end(request)
        return None
    return PendingSignIn(
        user=user, backend=str(state.get("backend", "")), next_url=str(state.get("next", ""))
    )


def pending_end(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def lockout_response(request: HttpRequest, *, user: User) -> HttpResponse | None:
    """django-axes' lockout page when this username and address are locked out, else None."""
    credentials = _credentials(user)
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return get_lockout_response(request, None, credentials)


def code_failed(request: HttpRequest, *, user: User) -> None:
    """Count a wrong code (or, when turning two-factor off, a wrong password) as a failed login:
    django-axes locks the username and address out after AXES_FAILURE_LIMIT failures, passwords
    and codes together."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def secret_text(device: TOTPDevice) -> str:
    """The device's key as authenticator apps take it typed in: base32, in groups of four."""
    encoded = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def qr_code_svg(device: TOTPDevice, *, title: str) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code (no inline style, no data: URI)."""
    code = segno.make(device.config_url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, scale=5, border=4, title=title, svgclass="qr-code")
    # segno writes the markup itself from the address and our title (XML-escaped): safe to embed.
    return mark_safe(out.getvalue().decode("utf-8"))
