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
        # Subscribe to the outbox topics of the layers below (a programme's new thresholds).
        from apps.assessments import handlers  # noqa: F401
