"""FilterSets of the evidence app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters

from apps.core.filters import PantauFilterSet
from apps.evidence.choices import SourceKind, Stance
from apps.evidence.models import Evidence, Source


class SourceFilter(PantauFilterSet):
    """Sources by kind, label and publication date."""

    kind = filters.MultipleChoiceFilter(choices=SourceKind.choices)
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")

    class Meta:
        model = Source
        fields = ["key", "is_illustrative"]


class EvidenceFilter(PantauFilterSet):
    """Evidence by source, stance and what it backs."""

    stance = filters.ChoiceFilter(choices=Stance.choices)
    source_kind = filters.ChoiceFilter(field_name="source__kind", choices=SourceKind.choices)
    obstacle = filters.NumberFilter(field_name="obstacles", distinct=True)
    assessment = filters.NumberFilter(field_name="assessments", distinct=True)

    class Meta:
        model = Evidence
        fields = ["source"]
