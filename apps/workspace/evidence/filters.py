"""FilterSets of the evidence app, shared by the HTML lists and the API viewsets."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from apps.assessments.models import Assessment
from apps.evidence.choices import SourceKind, Stance
from apps.evidence.models import Evidence, Source
from apps.obstacles.models import Obstacle
from apps.workspace.filters import PantauFilterSet


class SourceFilter(PantauFilterSet):
    """Sources by kind, label and publication date."""

    kind = filters.MultipleChoiceFilter(choices=SourceKind.choices, label=_("Kind"))
    published_after = filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published on or after")
    )
    published_before = filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published on or before")
    )

    class Meta:
        model = Source
        fields = ["key", "is_illustrative"]


class EvidenceFilter(PantauFilterSet):
    """Evidence by source, stance and what it backs."""

    stance = filters.ChoiceFilter(choices=Stance.choices, label=_("Stance"))
    source_kind = filters.ChoiceFilter(
        field_name="source__kind", choices=SourceKind.choices, label=_("Source kind")
    )
    # Choices, narrowed to the records the user reads: naming another programme's is a 400.
    obstacle = filters.ModelChoiceFilter(
        field_name="obstacles",
        queryset=Obstacle.objects.all(),
        distinct=True,
        label=_("Obstacle (id)"),
    )
    assessment = filters.ModelChoiceFilter(
        field_name="assessments",
        queryset=Assessment.objects.all(),
        distinct=True,
        label=_("Assessment (id)"),
    )

    class Meta:
        model = Evidence
        fields = ["source"]
