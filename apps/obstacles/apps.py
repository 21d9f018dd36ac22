"""Obstacle causes and the obstacle register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObstaclesConfig(AppConfig):
    """Obstacle causes and the obstacle register."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.obstacles"
    label = "obstacles"
    verbose_name = _("Obstacles")

    def ready(self) -> None:
        # Register this app's kinds of record with the workspace views.
        from apps.obstacles import records  # noqa: F401
