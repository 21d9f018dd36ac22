"""Reads of assessments."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery

from apps.assessments.models import Assessment
from apps.core.fields import QuantizedDecimalField
from apps.programmes.models import Output

CURRENT_FIELDS = ("quadrant", "ambiguity", "conflict", "borderline", "assessed_on")


def _latest_for_output() -> QuerySet[Assessment]:
    return Assessment.objects.filter(output=OuterRef("pk")).order_by("-assessed_on", "-created_at")


def _output_field(name: str) -> models.Field:
    field = Assessment._meta.get_field(name)
    assert isinstance(field, models.Field)
    if isinstance(field, models.DecimalField):
        return QuantizedDecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places
        )
    return field


def outputs_with_current_assessment(outputs: QuerySet[Output]) -> QuerySet[Output]:
    """Annotate each output with its latest assessment's figures (`current_quadrant`, …)."""
    latest = _latest_for_output()
    return outputs.annotate(
        current_assessment_id=Subquery(latest.values("pk")[:1]),
        **{
            f"current_{name}": Subquery(latest.values(name)[:1], output_field=_output_field(name))
            for name in CURRENT_FIELDS
        },
    )


def assessment_current(*, output: Output) -> Assessment | None:
    """The output's latest assessment, or None when it was never assessed."""
    return output.assessments.order_by("-assessed_on", "-created_at").first()
