"""API viewsets of the cause taxonomy and the obstacle register."""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from apps.core.api.viewsets import ProgrammeScopedViewSet
from apps.obstacles import filters, services
from apps.obstacles.api import serializers
from apps.obstacles.models import Obstacle, ObstacleCause


class ObstacleCauseViewSet(viewsets.ReadOnlyModelViewSet):
    """The obstacle-cause taxonomy (read-only; staff maintain it in the admin)."""

    queryset = ObstacleCause.objects.all()
    serializer_class = serializers.ObstacleCauseSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.ObstacleCauseFilter
    filter_backends = [*ProgrammeScopedViewSet.filter_backends]
    search_fields = ["code", "name_en", "name_id"]
    ordering_fields = ["code", "dimension"]
    ordering = ["code"]


class ObstacleViewSet(ProgrammeScopedViewSet):
    """The obstacle register of the programmes the user reads."""

    queryset = Obstacle.objects.select_related("cause", "owner", "programme").prefetch_related(
        "outputs", "stakeholders", "evidence", "sources"
    )
    serializer_class = serializers.ObstacleSerializer
    filterset_class = filters.ObstacleFilter
    search_fields = ["title", "description", "mitigation_plan"]
    ordering_fields = ["severity", "status", "identified_on", "title"]
    ordering = ["programme__code", "-severity", "title"]
    create_service = staticmethod(services.obstacle_create)
    update_service = staticmethod(services.obstacle_update)
    instance_kwarg = "obstacle"
