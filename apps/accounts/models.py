"""Users, their roles in programmes and their API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.accounts.choices import Language, Role
from apps.core.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in to Pantau."""

    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]


class Membership(TimeStampedModel):
    """A user's role in one programme."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("programme"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["programme__code", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="membership_one_role_per_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme} ({self.get_role_display()})"


class ApiToken(TimeStampedModel):
    """A user's personal API token: only its prefix and hash are stored (DESIGN section 5)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the tool that uses it.")
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=16,
        unique=True,
        db_index=True,
        editable=False,
        help_text=_("The public part of the token, used to find it; not a secret."),
    )
    key_hash = models.CharField(
        _("key hash"),
        max_length=64,
        editable=False,
        help_text=_("SHA-256 of the whole token; the token itself is never stored."),
    )
    read_only = models.BooleanField(
        _("read-only"),
        default=True,
        help_text=_("A read-only token may only read (GET, HEAD, OPTIONS)."),
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    password_stamp = models.CharField(
        _("password stamp"),
        max_length=64,
        editable=False,
        help_text=_(
            "A keyed fingerprint of the user's password when the token was made: after a "
            "password change, by the user or by staff, the token stops working."
        ),
    )
    # The hashes stay out of history: one copy of them is one too many already.
    history = HistoricalRecords(excluded_fields=["key_hash", "password_stamp"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_unique_name_per_user_unless_revoked",
                violation_error_message=_("You already have a token with this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user}, pantau_{self.prefix}_…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        """Neither revoked nor expired (whether its user may still sign in is checked apart)."""
        return self.revoked_at is None and not self.is_expired


class TwoFactorPolicy(models.Model):
    """Site-wide two-factor rules: one row, changed by `manage.py require_totp`."""

    staff_totp_required = models.BooleanField(
        _("TOTP required for staff"),
        default=False,
        help_text=_(
            "Staff must confirm an authenticator app before they may use any page; a staff "
            "user without one is sent to enrolment after signing in."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("two-factor policy")
        verbose_name_plural = _("two-factor policy")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="two_factor_policy_single_row")
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
