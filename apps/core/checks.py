"""System checks of the kernel's settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def visibility_outlasts_tasks(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Redis must not hand out a task again while its first run may still be going."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    if visibility <= settings.CELERY_TASK_TIME_LIMIT:
        return [
            Error(
                f"CELERY_VISIBILITY_TIMEOUT ({visibility} s) must exceed CELERY_TASK_TIME_LIMIT "
                f"({settings.CELERY_TASK_TIME_LIMIT} s): a task still running would be handed "
                "to a second worker.",
                id="pantau.E001",
            )
        ]
    return []
