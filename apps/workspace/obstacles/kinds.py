"""The record kinds of the obstacle register and its cause taxonomy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.obstacles import services
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.workspace.kinds import Column, RecordKind, SearchField, register
from apps.workspace.obstacles import filters, forms, serializers


@register
class ObstacleCauseKind(RecordKind[ObstacleCause]):
    """The obstacle-cause taxonomy: read by all; staff maintain it in the admin."""

    key = "obstacle-causes"
    api_name = "obstacle-cause"
    model = ObstacleCause
    programme_path = None
    has_pages = False
    read_only = True
    filterset_class = filters.ObstacleCauseFilter
    serializer_class = serializers.ObstacleCauseSerializer
    search_fields = (
        SearchField("code", 10),
        SearchField("name_en", 50),
        SearchField("name_id", 50),
    )
    api_ordering = ("code",)
    api_ordering_fields = ("code", "dimension")
    api_description = "The obstacle-cause taxonomy (read-only; staff maintain it in the admin)."


@register
class ObstacleKind(RecordKind[Obstacle]):
    """The obstacle register of a programme."""

    key = "obstacles"
    model = Obstacle
    form_class = forms.ObstacleForm
    filterset_class = filters.ObstacleFilter
    serializer_class = serializers.ObstacleSerializer
    create_service = staticmethod(services.obstacle_create)
    update_service = staticmethod(services.obstacle_update)
    fixed_on_update = ("programme",)
    columns = (
        Column(_("Title"), "display_title", link=True, ordering="title"),
        Column(_("Cause"), "cause", ordering="cause__code"),
        Column(_("Dimension"), "cause.dimension", ordering="cause__dimension"),
        Column(_("Manifestation"), "manifestation", ordering="manifestation"),
        Column(_("Severity"), "severity", ordering="severity"),
        Column(_("Status"), "status", ordering="status"),
    )
    search_fields = (
        SearchField("title", 10),
        SearchField("title_translation", 10),
        SearchField("description", 200),
        SearchField("mitigation_plan", 300),
    )
    select_related = ("cause", "owner", "programme")
    prefetch_related = ("outputs", "sources", "stakeholders", "evidence")
    ordering = ("status", "-severity", "title")
    api_ordering = ("programme__code", "-severity", "title")
    api_ordering_fields = ("severity", "status", "identified_on", "title")
    api_description = "The obstacle register of the programmes the user reads."
