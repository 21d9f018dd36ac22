"""Aggregates for managers' dashboards."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Aggregates for managers' dashboards."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")
