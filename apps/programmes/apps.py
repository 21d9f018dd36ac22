"""Programmes and their results frameworks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Programmes and their results frameworks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.programmes"
    label = "programmes"
    verbose_name = _("Programmes")
