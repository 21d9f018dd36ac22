"""Writes of users, memberships, API tokens and two-factor devices."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import ApiToken, Membership, TwoFactorPolicy, User
from apps.accounts.tokens import generate_token, hash_token, password_stamp
from apps.core.services import attach_actor, record_create
from apps.programmes.models import Programme


def membership_set(
    *, user: User, programme: Programme, role: str, actor: User | None = None
) -> Membership:
    """Give a user a role in a programme, replacing any role they held there."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().filter(user=user, programme=programme).first()
        )
        if membership is None:
            return record_create(
                Membership, actor=actor, fields={"user": user, "programme": programme, "role": role}
            )
        if membership.role != role:
            membership.role = role
            attach_actor(membership, actor)
            membership.full_clean()
            membership.save()
        return membership


def membership_remove(*, user: User, programme: Programme, actor: User | None = None) -> bool:
    """Take a user's role in a programme away; False when they had none."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, programme=programme).first()
        if membership is None:
            return False
        attach_actor(membership, actor)
        membership.delete()
        return True


def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user with a hashed password."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


API_TOKEN_MIN_DAYS = 1
API_TOKEN_MAX_DAYS = 365
# last_used_at is written at most this often per token, so a busy client costs no write per call.
API_TOKEN_TOUCH_INTERVAL = timedelta(seconds=60)


def _check_token_actor(*, actor: User | None, owner: User) -> None:
    # Tokens are managed by their owner; staff may step in. No actor: a trusted operator (CLI).
    if actor is not None and actor.pk != owner.pk and not actor.is_staff:
        raise PermissionDenied(_("Only the owner of an API token may manage it."))


def api_token_create(
    *,
    user: User,
    name: str,
    read_only: bool = True,
    expires_in_days: int = 90,
    actor: User | None = None,
) -> tuple[ApiToken, str]:
    """Issue a named API token to a user; the plaintext is returned this once and never stored.

    An expired token that still holds the name is revoked to free it: the name is taken only by
    tokens that still work.
    """
    _check_token_actor(actor=actor, owner=user)
    if not user.is_active:
        raise ValidationError({"user": _("An inactive user cannot be given API tokens.")})
    if (
        isinstance(expires_in_days, bool)
        or not isinstance(expires_in_days, int)
        or not API_TOKEN_MIN_DAYS <= expires_in_days <= API_TOKEN_MAX_DAYS
    ):
        raise ValidationError(
            {
                "expires_in_days": _("A token expires in %(min)d to %(max)d days.")
                % {"min": API_TOKEN_MIN_DAYS, "max": API_TOKEN_MAX_DAYS}
            }
        )
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    duplicate = ValidationError(
        {"name": _("You already have a token named “%(name)s”.") % {"name": name}}
    )
    now = timezone.now()
    plaintext, prefix = generate_token()
    try:
        with transaction.atomic():
            holders = ApiToken.objects.select_for_update().filter(
                user=user, name=name, revoked_at__isnull=True
            )
            for holder in holders:
                if holder.expires_at > now:
                    raise duplicate
                _revoke(holder, actor=actor, now=now)
            token = record_create(
                ApiToken,
                actor=actor,
                fields={
                    "user": user,
                    "name": name,
                    "prefix": prefix,
                    "key_hash": hash_token(plaintext),
                    "password_stamp": password_stamp(user.password),
                    "read_only": bool(read_only),
                    "expires_at": now + timedelta(days=expires_in_days),
                },
            )
    except IntegrityError as error:
        # A concurrent request took the same name between our check and our insert.
        raise duplicate from error
    return token, plaintext


def _revoke(token: ApiToken, *, actor: User | None, now: datetime) -> None:
    token.revoked_at = now
    attach_actor(token, actor)
    token.save(update_fields=["revoked_at", "updated_at"])


def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    """Revoke a token for good; revoking a revoked token changes nothing."""
    _check_token_actor(actor=actor, owner=token.user)
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is None:
            _revoke(current, actor=actor, now=timezone.now())
    return current


def api_token_touch(*, token: ApiToken, now: datetime | None = None) -> None:
    """Record that the token was used, at most once a minute (one UPDATE, no history row)."""
    now = now or timezone.now()
    threshold = now - API_TOKEN_TOUCH_INTERVAL
    if token.last_used_at is not None and token.last_used_at > threshold:
        return
    # The condition is repeated in the UPDATE so that of simultaneous requests only one writes.
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=threshold), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now


def user_set_language(*, user: User, language: str) -> None:
    """Remember the user's interface language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(
            {"language": _("Unknown language: %(language)s.") % {"language": language}}
        )
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


# The answers of a code check: right, wrong, or not checked because the device is throttled.
CODE_ACCEPTED = "accepted"
CODE_WRONG = "wrong"
CODE_THROTTLED = "throttled"
TOTP_DEVICE_NAME = "Authenticator app"


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the user to scan: the one already pending, or a new key.

    Refused while the user has a confirmed one: it must be turned off first.
    """
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user=user)
        if any(device.confirmed for device in devices):
            raise ValidationError(_("Two-factor authentication is already on."))
        pending = devices.filter(confirmed=False).order_by("-pk").first()
        if pending is not None:
            return pending
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_code_check(*, device: TOTPDevice, code: str) -> str:
    """Check a code against the device: CODE_ACCEPTED, CODE_WRONG or CODE_THROTTLED.

    A code is accepted once (a later step only); each wrong code makes the device wait longer
    before it checks another (django-otp's throttling, OTP_TOTP_THROTTLE_FACTOR).
    """
    with transaction.atomic():
        current = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _details = current.verify_is_allowed()
        if not allowed:
            return CODE_THROTTLED
        return CODE_ACCEPTED if current.verify_token(code) else CODE_WRONG


def totp_device_confirm(*, device: TOTPDevice, code: str) -> str:
    """Confirm a pending device with a first code from the app; any older device is removed."""
    with transaction.atomic():
        outcome = totp_code_check(device=device, code=code)
        if outcome == CODE_ACCEPTED:
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
            device.confirmed = True
            TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        return outcome


def totp_devices_remove(*, user: User) -> int:
    """Turn two-factor sign-in off for the user: every authenticator of theirs is deleted."""
    deleted, _per_model = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def staff_totp_require(*, required: bool) -> TwoFactorPolicy:
    """Make TOTP sign-in mandatory for staff, or optional again."""
    policy, _created = TwoFactorPolicy.objects.update_or_create(
        pk=1, defaults={"staff_totp_required": required}
    )
    return policy
