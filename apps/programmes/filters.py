"""FilterSets of the programmes app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q, QuerySet

from apps.assessments.choices import QuadrantChoice
from apps.programmes.choices import Aggregation, Direction, Measure, OutputStatus, ProgrammeStatus
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target


class ProgrammeFilter(filters.FilterSet):
    """Programmes by status, country and period."""

    status = filters.MultipleChoiceFilter(choices=ProgrammeStatus.choices)
    country = filters.CharFilter(lookup_expr="iexact")
    starts_after = filters.DateFilter(field_name="start_date", lookup_expr="gte")
    ends_before = filters.DateFilter(field_name="end_date", lookup_expr="lte")

    class Meta:
        model = Programme
        fields = ["code", "status", "country", "agency", "is_illustrative"]


class ProgrammeScopedFilter(filters.FilterSet):
    """A programme chosen by id (`programme`) or by code (`programme_code`)."""

    programme_code = filters.CharFilter(method="filter_programme_code")

    programme_field = "programme"

    def filter_programme_code(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"{self.programme_field}__code": value})


class OutcomeFilter(ProgrammeScopedFilter):
    """Outcomes of a programme."""

    class Meta:
        model = Outcome
        fields = ["programme", "code", "is_illustrative"]


class OutputFilter(ProgrammeScopedFilter):
    """Outputs by programme, outcome, status, current quadrant, lead and dates."""

    status = filters.MultipleChoiceFilter(choices=OutputStatus.choices)
    quadrant = filters.MultipleChoiceFilter(
        field_name="current_quadrant", choices=QuadrantChoice.choices, method="filter_quadrant"
    )
    borderline = filters.BooleanFilter(field_name="current_borderline")
    starts_after = filters.DateFilter(field_name="start_date", lookup_expr="gte")
    ends_before = filters.DateFilter(field_name="end_date", lookup_expr="lte")

    class Meta:
        model = Output
        fields = ["programme", "outcome", "code", "lead", "status", "is_illustrative"]

    def filter_quadrant(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        # Never-assessed outputs have no current quadrant: they count as unclassified.
        if not value:
            return queryset
        matches = Q(current_quadrant__in=value)
        if QuadrantChoice.UNCLASSIFIED in value:
            matches |= Q(current_quadrant__isnull=True)
        return queryset.filter(matches)


class IndicatorFilter(ProgrammeScopedFilter):
    """Indicators by programme, outcome, output and kind."""

    programme_field = "output__programme"
    programme = filters.NumberFilter(field_name="output__programme")
    outcome = filters.NumberFilter(field_name="output__outcome")
    measure = filters.ChoiceFilter(choices=Measure.choices)
    direction = filters.ChoiceFilter(choices=Direction.choices)
    aggregation = filters.ChoiceFilter(choices=Aggregation.choices)

    class Meta:
        model = Indicator
        fields = ["output", "code", "is_illustrative"]


class TargetFilter(ProgrammeScopedFilter):
    """Period targets by indicator, output, programme and period."""

    programme_field = "indicator__output__programme"
    programme = filters.NumberFilter(field_name="indicator__output__programme")
    output = filters.NumberFilter(field_name="indicator__output")
    period_after = filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_before = filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = Target
        fields = ["indicator"]


class MeasurementFilter(TargetFilter):
    """Measurements by indicator, output, programme and period."""

    class Meta:
        model = Measurement
        fields = ["indicator", "is_illustrative"]
