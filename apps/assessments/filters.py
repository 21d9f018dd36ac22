"""FilterSets of the assessments app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters

from apps.assessments.choices import QuadrantChoice
from apps.assessments.models import Assessment
from apps.programmes.filters import ProgrammeScopedFilter


class AssessmentFilter(ProgrammeScopedFilter):
    """Assessments by programme, outcome, output, quadrant, borderline and date."""

    programme_field = "output__programme"
    programme = filters.NumberFilter(field_name="output__programme")
    outcome = filters.NumberFilter(field_name="output__outcome")
    quadrant = filters.MultipleChoiceFilter(choices=QuadrantChoice.choices)
    assessed_after = filters.DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = filters.DateFilter(field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = Assessment
        fields = ["output", "borderline", "is_illustrative", "assessor"]
