"""Background jobs: imports, exports, snapshots, notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs: imports, exports, snapshots, notifications."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.jobs"
    label = "jobs"
    verbose_name = _("Jobs")
