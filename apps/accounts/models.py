"""Users and their roles in programmes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
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
