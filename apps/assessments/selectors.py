"""Reads of assessments."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery

from apps.assessments.models import Assessment
from apps.core.fields import QuantizedDecimalField
from apps.programmes.models import Output

CURRENT_FIELDS = ("quadrant", "ambiguity", "conflict", "borderline", "assessed_on")


def latest_assessments_of_output(*, on: date | None = None) -> QuerySet[Assessment]:
    """The assessments of OuterRef("pk"), the current one first; only those made by `on` if given.

    "Current": the latest `assessed_on`, then the latest created. Ordered explicitly: the
    model's default ordering joins programmes_output, which would capture the outer alias.
    """
    assessments = Assessment.objects.filter(output=OuterRef("pk"))
    if on is not None:
        assessments = assessments.filter(assessed_on__lte=on)
    return assessments.order_by("-assessed_on", "-created_at")


def _output_field(name: str) -> models.Field:
    field = Assessment._meta.get_field(name)
    assert isinstance(field, models.Field)
    if isinstance(field, models.DecimalField):
        return QuantizedDecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places
        )
    return field


def outputs_with_current_assessment(
    outputs: QuerySet[Output], *, on: date | None = None
) -> QuerySet[Output]:
    """Annotate each output with its latest assessment's figures (`current_quadrant`, …).

    With `on`: the latest assessment made on or before that date, by the same rule.
    """
    latest = latest_assessments_of_output(on=on)
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
