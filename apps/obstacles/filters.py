"""FilterSets of the obstacles app, shared by the HTML register and the API viewsets."""

from __future__ import annotations

import django_filters as filters

from apps.obstacles.choices import Dimension, Manifestation, ObstacleStatus
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.filters import ProgrammeScopedFilter


class ObstacleCauseFilter(filters.FilterSet):
    """Causes by Matland dimension."""

    dimension = filters.ChoiceFilter(choices=Dimension.choices)

    class Meta:
        model = ObstacleCause
        fields = ["code"]


class ObstacleFilter(ProgrammeScopedFilter):
    """Obstacles by programme, cause, dimension, manifestation, severity, status and links."""

    cause = filters.CharFilter(field_name="cause__code")
    dimension = filters.MultipleChoiceFilter(
        field_name="cause__dimension", choices=Dimension.choices
    )
    manifestation = filters.MultipleChoiceFilter(choices=Manifestation.choices)
    status = filters.MultipleChoiceFilter(choices=ObstacleStatus.choices)
    severity = filters.NumberFilter()
    min_severity = filters.NumberFilter(field_name="severity", lookup_expr="gte")
    output = filters.NumberFilter(field_name="outputs", distinct=True)
    outcome = filters.NumberFilter(field_name="outputs__outcome", distinct=True)
    stakeholder = filters.NumberFilter(field_name="stakeholders", distinct=True)
    identified_after = filters.DateFilter(field_name="identified_on", lookup_expr="gte")
    identified_before = filters.DateFilter(field_name="identified_on", lookup_expr="lte")

    class Meta:
        model = Obstacle
        fields = ["programme", "owner", "is_illustrative"]
