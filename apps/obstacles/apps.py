"""Obstacle causes and the obstacle register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObstaclesConfig(AppConfig):
    """Obstacle causes and the obstacle register."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.obstacles"
    label = "obstacles"
    verbose_name = _("Obstacles")
