"""Matland ambiguity-conflict assessments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Matland ambiguity-conflict assessments."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # Register this app's kinds of record with the workspace views.
        from apps.assessments import records  # noqa: F401
