"""Who may read or write which programme (DESIGN section 5): permissions build on these.

Also the reads of API tokens: a user's own tokens, and the token a request presents; and of
two-factor sign-in: a user's authenticator device, and whether staff must have one.
"""

from __future__ import annotations

import hmac
from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.request import Request

from apps.accounts.choices import READ_ROLES, WRITE_ROLES
from apps.accounts.models import ApiToken, Membership, TwoFactorPolicy, User
from apps.accounts.tokens import hash_token, parse_prefix, password_stamp
from apps.programmes.models import Programme

# Whoever asks: a signed-in user, an anonymous visitor, or nobody (a background job).
AnyUser = User | AnonymousUser | None


def _is_active(user: AnyUser) -> TypeGuard[User]:
    return isinstance(user, User) and user.is_active


def signed_in(request: HttpRequest | Request) -> User:
    """The user of a request that login (or the API's authentication) let through."""
    user = request.user
    if not isinstance(user, User):  # the view's login requirement was left off
        raise PermissionDenied
    return user


def programmes_readable_by(*, user: AnyUser) -> QuerySet[Programme]:
    """Programmes the user holds any role in (all of them for staff; none when signed out)."""
    if not _is_active(user):
        return Programme.objects.none()
    if user.is_staff:
        return Programme.objects.all()
    return Programme.objects.filter(
        memberships__user=user, memberships__role__in=READ_ROLES
    ).distinct()


def programmes_writable_by(*, user: AnyUser) -> QuerySet[Programme]:
    """Programmes the user may change: analyst role, or staff."""
    if not _is_active(user):
        return Programme.objects.none()
    if user.is_staff:
        return Programme.objects.all()
    return Programme.objects.filter(
        memberships__user=user, memberships__role__in=WRITE_ROLES
    ).distinct()


def programme_role(*, user: AnyUser, programme: Programme) -> str | None:
    """The user's role in the programme, or None."""
    if not _is_active(user):
        return None
    return (
        Membership.objects.filter(user=user, programme=programme)
        .values_list("role", flat=True)
        .first()
    )


def can_read_programme(*, user: AnyUser, programme: Programme) -> bool:
    """Whether the user may see the programme and everything in it."""
    return _is_active(user) and (
        user.is_staff or programme_role(user=user, programme=programme) in READ_ROLES
    )


def can_write_programme(*, user: AnyUser, programme: Programme) -> bool:
    """Whether the user may change records of the programme."""
    return _is_active(user) and (
        user.is_staff or programme_role(user=user, programme=programme) in WRITE_ROLES
    )


def can_write_any_programme(*, user: AnyUser) -> bool:
    """Whether the user may change records of some programme: an analyst anywhere, or staff."""
    if not _is_active(user):
        return False
    return user.is_staff or Membership.objects.filter(user=user, role__in=WRITE_ROLES).exists()


def can_write_shared_records(*, user: AnyUser) -> bool:
    """Stakeholders, sources and evidence: analysts of any programme (and staff) edit them."""
    return can_write_any_programme(user=user)


def api_tokens_of(*, user: AnyUser) -> QuerySet[ApiToken]:
    """The user's API tokens, newest first, revoked and expired ones included."""
    if not isinstance(user, User):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def api_token_authenticate(*, token: str) -> ApiToken | None:
    """The working token a client presented, with its user; None when it must be refused.

    Refused: a malformed or unknown token, a wrong secret, a revoked or expired token, any
    token of an inactive user, and a token made before the user's password last changed.
    """
    prefix = parse_prefix(token)
    if prefix is None:
        return None
    presented = hash_token(token)
    candidate = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if candidate is None or not hmac.compare_digest(candidate.key_hash, presented):
        return None
    if not candidate.is_active or not candidate.user.is_active:
        return None
    if not hmac.compare_digest(candidate.password_stamp, password_stamp(candidate.user.password)):
        return None  # made before the user's password last changed
    return candidate


def readable_records(queryset: QuerySet, *, user: AnyUser, programme_path: str) -> QuerySet:
    """Narrow any queryset to records of programmes the user may read.

    `programme_path` leads from the model to its Programme ("output__programme"); empty when
    the queryset holds programmes themselves.
    """
    lookup = f"{programme_path}__in" if programme_path else "pk__in"
    return queryset.filter(**{lookup: programmes_readable_by(user=user).values("pk")})


def totp_device_of(*, user: AnyUser, confirmed: bool | None = True) -> TOTPDevice | None:
    """The user's authenticator app: confirmed (default), unconfirmed (False) or either (None)."""
    if not isinstance(user, User):
        return None
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-pk").first()


def staff_totp_required() -> bool:
    """Whether staff must sign in with a TOTP code (`manage.py require_totp --staff on`)."""
    return TwoFactorPolicy.objects.filter(pk=1, staff_totp_required=True).exists()


def totp_required_for(*, user: AnyUser) -> bool:
    """Whether this user must have a confirmed authenticator app before using Pantau."""
    return _is_active(user) and user.is_staff and staff_totp_required()


def is_verified(user: object) -> bool:
    """Whether this session confirmed a TOTP code (django-otp's OTPMiddleware tells)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())
