"""FilterSets of the assessments app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import QuadrantChoice
from apps.assessments.models import Assessment
from apps.workspace.programmes.filters import ProgrammeScopedFilter


class AssessmentFilter(ProgrammeScopedFilter):
    """Assessments by programme, outcome, output, quadrant, borderline and date."""

    programme_field = "output__programme"
    programme = filters.NumberFilter(field_name="output__programme", label=_("Programme (id)"))
    outcome = filters.NumberFilter(field_name="output__outcome", label=_("Outcome (id)"))
    quadrant = filters.MultipleChoiceFilter(choices=QuadrantChoice.choices, label=_("Quadrant"))
    assessed_after = filters.DateFilter(
        field_name="assessed_on", lookup_expr="gte", label=_("Assessed on or after")
    )
    assessed_before = filters.DateFilter(
        field_name="assessed_on", lookup_expr="lte", label=_("Assessed on or before")
    )

    class Meta:
        model = Assessment
        fields = ["output", "borderline", "is_illustrative", "assessor"]
