"""FilterSets of the stakeholders app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters

from apps.core.filters import PantauFilterSet
from apps.programmes.filters import ProgrammeScopedFilter
from apps.stakeholders.choices import InvolvementRole, Level, StakeholderKind, Stance
from apps.stakeholders.models import Involvement, Stakeholder


class StakeholderFilter(PantauFilterSet):
    """Stakeholders by kind, level, country, and the programme or output they are involved in."""

    kind = filters.MultipleChoiceFilter(choices=StakeholderKind.choices)
    level = filters.ChoiceFilter(choices=Level.choices)
    country = filters.CharFilter(lookup_expr="iexact")
    programme = filters.NumberFilter(field_name="involvements__programme", distinct=True)
    output = filters.NumberFilter(field_name="involvements__output", distinct=True)

    class Meta:
        model = Stakeholder
        fields = ["acronym", "parent", "is_illustrative"]


class InvolvementFilter(ProgrammeScopedFilter):
    """Involvements by programme, outcome, output, stakeholder, role and stance."""

    role = filters.MultipleChoiceFilter(choices=InvolvementRole.choices)
    stance = filters.MultipleChoiceFilter(choices=Stance.choices)
    outcome = filters.NumberFilter(field_name="output__outcome")
    programme_level = filters.BooleanFilter(field_name="output", lookup_expr="isnull")
    min_influence = filters.NumberFilter(field_name="influence", lookup_expr="gte")
    min_interest = filters.NumberFilter(field_name="interest", lookup_expr="gte")

    class Meta:
        model = Involvement
        fields = ["programme", "output", "stakeholder", "is_illustrative"]
