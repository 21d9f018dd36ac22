"""Choices of the accounts app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do in one programme (DESIGN section 5)."""

    ANALYST = "analyst", _("Analyst")
    MANAGER = "manager", _("Manager")
    VIEWER = "viewer", _("Viewer")


WRITE_ROLES = frozenset({Role.ANALYST})
READ_ROLES = frozenset({Role.ANALYST, Role.MANAGER, Role.VIEWER})


class Language(models.TextChoices):
    """Languages of the user interface."""

    ENGLISH = "en", _("English")
    INDONESIAN = "id", _("Indonesian")
