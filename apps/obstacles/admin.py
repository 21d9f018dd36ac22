"""Admin of the cause taxonomy and the obstacle register."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.obstacles.models import Obstacle, ObstacleCause

TRACKING = ("version", "created_at", "updated_at")


@admin.register(ObstacleCause)
class ObstacleCauseAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "name_id", "dimension")
    list_filter = ("dimension",)
    search_fields = ("code", "name_en", "name_id")
    readonly_fields = TRACKING


@admin.register(Obstacle)
class ObstacleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "programme", "cause", "manifestation", "severity", "status")
    list_filter = ("programme", "status", "severity", "manifestation", "cause__dimension", "cause")
    search_fields = ("title", "description", "mitigation_plan")
    autocomplete_fields = ["programme", "cause", "owner", "outputs", "stakeholders", "evidence"]
    readonly_fields = TRACKING
    filter_horizontal = ("sources",)
