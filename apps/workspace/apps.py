"""The workspace: the generic machinery over the domain (record kinds, pages, forms, API)."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The order of the navigation bar and of the API's resources.
KIND_MODULES = ("programmes", "stakeholders", "obstacles", "evidence", "assessments")


class WorkspaceConfig(AppConfig):
    """The generic machinery over the domain: record kinds, pages, forms, filters, the API."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.workspace"
    label = "workspace"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        # Each domain's kinds register themselves with apps.workspace.kinds on import.
        for module in KIND_MODULES:
            import_module(f"apps.workspace.{module}.kinds")
