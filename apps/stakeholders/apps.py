"""Stakeholders and their involvement in outputs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    """Stakeholders and their involvement in outputs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.stakeholders"
    label = "stakeholders"
    verbose_name = _("Stakeholders")
