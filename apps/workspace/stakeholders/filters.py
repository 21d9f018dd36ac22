"""FilterSets of the stakeholders app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from apps.programmes.models import Output, Programme
from apps.stakeholders.choices import InvolvementRole, Level, StakeholderKind, Stance
from apps.stakeholders.models import Involvement, Stakeholder
from apps.workspace.filters import PantauFilterSet
from apps.workspace.programmes.filters import ProgrammeScopedFilter


class StakeholderFilter(PantauFilterSet):
    """Stakeholders by kind, level, country, and the programme or output they are involved in."""

    kind = filters.MultipleChoiceFilter(choices=StakeholderKind.choices, label=_("Kind"))
    level = filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    country = filters.CharFilter(lookup_expr="iexact", label=_("Country"))
    # Choices, narrowed to the records the user reads: naming another programme's is a 400.
    programme = filters.ModelChoiceFilter(
        field_name="involvements__programme",
        queryset=Programme.objects.all(),
        distinct=True,
        label=_("Programme (id)"),
    )
    output = filters.ModelChoiceFilter(
        field_name="involvements__output",
        queryset=Output.objects.all(),
        distinct=True,
        label=_("Output (id)"),
    )

    class Meta:
        model = Stakeholder
        fields = ["acronym", "parent", "is_illustrative"]


class InvolvementFilter(ProgrammeScopedFilter):
    """Involvements by programme, outcome, output, stakeholder, role and stance."""

    role = filters.MultipleChoiceFilter(choices=InvolvementRole.choices, label=_("Role"))
    stance = filters.MultipleChoiceFilter(choices=Stance.choices, label=_("Stance"))
    outcome = filters.NumberFilter(field_name="output__outcome", label=_("Outcome (id)"))
    programme_level = filters.BooleanFilter(
        field_name="output", lookup_expr="isnull", label=_("Programme as a whole")
    )
    min_influence = filters.NumberFilter(
        field_name="influence", lookup_expr="gte", label=_("Influence at least")
    )
    min_interest = filters.NumberFilter(
        field_name="interest", lookup_expr="gte", label=_("Interest at least")
    )

    class Meta:
        model = Involvement
        fields = ["programme", "output", "stakeholder", "is_illustrative"]
