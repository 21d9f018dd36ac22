"""FilterSets of the programmes app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.assessments.choices import QuadrantChoice
from apps.programmes.choices import Aggregation, Direction, Measure, OutputStatus, ProgrammeStatus
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.workspace.filters import PantauFilterSet


class ProgrammeFilter(PantauFilterSet):
    """Programmes by status, country and period."""

    status = filters.MultipleChoiceFilter(choices=ProgrammeStatus.choices, label=_("Status"))
    country = filters.CharFilter(lookup_expr="iexact", label=_("Country"))
    starts_after = filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Starts on or after")
    )
    ends_before = filters.DateFilter(
        field_name="end_date", lookup_expr="lte", label=_("Ends on or before")
    )

    class Meta:
        model = Programme
        fields = ["code", "status", "country", "agency", "is_illustrative"]


class ProgrammeScopedFilter(PantauFilterSet):
    """A programme chosen by id (`programme`) or by code (`programme_code`)."""

    programme_code = filters.CharFilter(method="filter_programme_code", label=_("Programme code"))

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

    status = filters.MultipleChoiceFilter(
        choices=OutputStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    quadrant = filters.MultipleChoiceFilter(
        field_name="current_quadrant",
        choices=QuadrantChoice.choices,
        method="filter_quadrant",
        label=_("Current quadrant"),
        widget=forms.CheckboxSelectMultiple,
    )
    borderline = filters.BooleanFilter(field_name="current_borderline", label=_("Borderline"))
    starts_after = filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("Starts on or after")
    )
    ends_before = filters.DateFilter(
        field_name="end_date", lookup_expr="lte", label=_("Ends on or before")
    )

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
    programme = filters.NumberFilter(field_name="output__programme", label=_("Programme (id)"))
    outcome = filters.NumberFilter(field_name="output__outcome", label=_("Outcome (id)"))
    measure = filters.ChoiceFilter(choices=Measure.choices, label=_("Measure"))
    direction = filters.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    aggregation = filters.ChoiceFilter(choices=Aggregation.choices, label=_("Aggregation"))

    class Meta:
        model = Indicator
        fields = ["output", "code", "is_illustrative"]


class TargetFilter(ProgrammeScopedFilter):
    """Period targets by indicator, output, programme and period."""

    programme_field = "indicator__output__programme"
    programme = filters.NumberFilter(
        field_name="indicator__output__programme", label=_("Programme (id)")
    )
    output = filters.NumberFilter(field_name="indicator__output", label=_("Output (id)"))
    period_after = filters.DateFilter(
        field_name="period_start", lookup_expr="gte", label=_("Period from")
    )
    period_before = filters.DateFilter(
        field_name="period_end", lookup_expr="lte", label=_("Period until")
    )

    class Meta:
        model = Target
        fields = ["indicator"]


class MeasurementFilter(TargetFilter):
    """Measurements by indicator, output, programme and period."""

    class Meta:
        model = Measurement
        fields = ["indicator", "is_illustrative"]
