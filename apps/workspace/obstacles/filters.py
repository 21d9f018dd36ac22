"""FilterSets of the obstacles app, shared by the HTML register and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.obstacles.choices import Dimension, Manifestation, ObstacleStatus
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Outcome, Output
from apps.stakeholders.models import Stakeholder
from apps.workspace.filters import PantauFilterSet
from apps.workspace.programmes.filters import ProgrammeScopedFilter


class ObstacleCauseFilter(PantauFilterSet):
    """Causes by Matland dimension."""

    dimension = filters.ChoiceFilter(choices=Dimension.choices, label=_("Dimension"))

    class Meta:
        model = ObstacleCause
        fields = ["code"]


class ObstacleFilter(ProgrammeScopedFilter):
    """Obstacles by programme, cause, dimension, manifestation, severity, status and links."""

    cause = filters.ModelChoiceFilter(
        field_name="cause",
        to_field_name="code",
        queryset=ObstacleCause.objects.all(),
        label=_("Cause"),
    )
    dimension = filters.MultipleChoiceFilter(
        field_name="cause__dimension",
        choices=Dimension.choices,
        label=_("Matland dimension"),
        widget=forms.CheckboxSelectMultiple,
    )
    manifestation = filters.MultipleChoiceFilter(
        choices=Manifestation.choices, label=_("Manifestation"), widget=forms.CheckboxSelectMultiple
    )
    status = filters.MultipleChoiceFilter(
        choices=ObstacleStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    severity = filters.NumberFilter(label=_("Severity"))
    min_severity = filters.NumberFilter(
        field_name="severity", lookup_expr="gte", label=_("Severity at least")
    )
    output = filters.ModelChoiceFilter(
        field_name="outputs", queryset=Output.objects.all(), distinct=True, label=_("Output")
    )
    outcome = filters.ModelChoiceFilter(
        field_name="outputs__outcome",
        queryset=Outcome.objects.all(),
        distinct=True,
        label=_("Sub-programme"),
    )
    stakeholder = filters.ModelChoiceFilter(
        field_name="stakeholders",
        queryset=Stakeholder.objects.all(),
        distinct=True,
        label=_("Stakeholder"),
    )
    identified_after = filters.DateFilter(
        field_name="identified_on", lookup_expr="gte", label=_("Identified on or after")
    )
    identified_before = filters.DateFilter(
        field_name="identified_on", lookup_expr="lte", label=_("Identified on or before")
    )

    class Meta:
        model = Obstacle
        fields = ["programme", "owner", "is_illustrative"]
