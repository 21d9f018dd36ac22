"""Sources and the evidence drawn from them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Sources and the evidence drawn from them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.evidence"
    label = "evidence"
    verbose_name = _("Evidence")
