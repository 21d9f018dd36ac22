"""The workspace pages of the obstacle register."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core.records import Column, RecordSpec, register
from apps.obstacles import filters, forms, services
from apps.obstacles.models import Obstacle

OBSTACLES = register(
    RecordSpec(
        key="obstacles",
        model=Obstacle,
        form_class=forms.ObstacleForm,
        filterset_class=filters.ObstacleFilter,
        columns=(
            Column(_("Title"), "title", link=True, ordering="title"),
            Column(_("Cause"), "cause", ordering="cause__code"),
            Column(_("Dimension"), "cause.dimension", ordering="cause__dimension"),
            Column(_("Manifestation"), "manifestation", ordering="manifestation"),
            Column(_("Severity"), "severity", ordering="severity"),
            Column(_("Status"), "status", ordering="status"),
        ),
        create_service=services.obstacle_create,
        update_service=services.obstacle_update,
        instance_kwarg="obstacle",
        search_fields=("title", "description", "mitigation_plan"),
        select_related=("cause", "owner", "programme"),
        prefetch_related=("outputs", "sources", "stakeholders", "evidence"),
        default_ordering=("status", "-severity", "title"),
    )
)
