"""Writes of programmes and their results frameworks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.services import record_create, record_update
from apps.evidence.models import Evidence, Source
from apps.programmes import progress
from apps.programmes.choices import (
    Aggregation,
    Direction,
    Measure,
    OutputStatus,
    ProgrammeStatus,
)
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Stakeholder

PROVENANCE_FIELDS = ("is_illustrative", "provenance_note")
PROGRAMME_EDITABLE = (
    "code", "title", "country", "agency", "start_date", "end_date", "signed_on", "description",
    "budget", "currency", "status", "ambiguity_threshold", "conflict_threshold",
    *PROVENANCE_FIELDS,
)  # fmt: skip
OUTCOME_EDITABLE = ("code", "title", "description", "order", *PROVENANCE_FIELDS)
OUTPUT_EDITABLE = (
    "outcome", "code", "title", "description", "lead", "start_date", "end_date", "status",
    "budget_planned", "budget_spent", *PROVENANCE_FIELDS,
)  # fmt: skip
INDICATOR_EDITABLE = (
    "code", "name", "unit", "measure", "direction", "aggregation", "baseline_value",
    "baseline_date", "target_value", "target_date", "means_of_verification", "data_source",
    *PROVENANCE_FIELDS,
)  # fmt: skip
TARGET_EDITABLE = ("period_start", "period_end", "value")
MEASUREMENT_EDITABLE = (
    "period_start", "period_end", "value", "narrative", "note", "evidence", "is_illustrative",
)  # fmt: skip


def _sources(sources: Iterable[Source] | None) -> dict[str, Iterable[Source]] | None:
    return None if sources is None else {"sources": sources}


def programme_create(
    *,
    actor: Any | None = None,
    code: str,
    title: str,
    country: str,
    agency: str,
    start_date: date,
    end_date: date,
    signed_on: date | None = None,
    description: str = "",
    budget: Decimal | None = None,
    currency: str = "USD",
    status: str = ProgrammeStatus.ACTIVE,
    ambiguity_threshold: Decimal = Decimal("0.5"),
    conflict_threshold: Decimal = Decimal("0.5"),
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Programme:
    """Create a programme."""
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    return record_create(Programme, actor=actor, fields=fields, m2m={"sources": sources})


def programme_update(
    *,
    programme: Programme,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Programme:
    """Change a programme; new thresholds reclassify its assessments after commit."""
    # Compare with the stored thresholds, not the caller's copy, which may be out of date.
    stored = Programme.objects.filter(pk=programme.pk).values_list(
        "ambiguity_threshold", "conflict_threshold"
    )
    old = stored.first()
    updated = record_update(
        programme,
        actor=actor,
        expected_version=version,
        changes=changes,
        editable=PROGRAMME_EDITABLE,
        m2m=_sources(sources),
    )
    if (updated.ambiguity_threshold, updated.conflict_threshold) != old:
        from apps.assessments.tasks import reclassify_programme_assessments

        transaction.on_commit(lambda: reclassify_programme_assessments.delay(updated.pk))
    return updated


def outcome_create(
    *,
    actor: Any | None = None,
    programme: Programme,
    code: str,
    title: str,
    description: str = "",
    order: int = 0,
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Outcome:
    """Create an outcome (sub-programme) of a programme."""
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    return record_create(Outcome, actor=actor, fields=fields, m2m={"sources": sources})


def outcome_update(
    *,
    outcome: Outcome,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Outcome:
    """Change an outcome."""
    return record_update(
        outcome, actor=actor, expected_version=version, changes=changes,
        editable=OUTCOME_EDITABLE, m2m=_sources(sources),
    )  # fmt: skip


def output_create(
    *,
    actor: Any | None = None,
    outcome: Outcome,
    code: str,
    title: str,
    description: str = "",
    lead: Stakeholder | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    status: str = OutputStatus.NOT_STARTED,
    budget_planned: Decimal | None = None,
    budget_spent: Decimal | None = None,
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Output:
    """Create an output under an outcome (its programme follows the outcome)."""
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    fields["programme"] = outcome.programme
    return record_create(Output, actor=actor, fields=fields, m2m={"sources": sources})


def output_update(
    *,
    output: Output,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Output:
    """Change an output; it may move to another outcome of the same programme only."""
    outcome = changes.get("outcome")
    if outcome is not None and outcome.programme_id != output.programme_id:
        raise ValidationError({"outcome": _("An output can only move within its programme.")})
    return record_update(
        output, actor=actor, expected_version=version, changes=changes,
        editable=OUTPUT_EDITABLE, m2m=_sources(sources),
    )  # fmt: skip


def _indicator_rules(output: Output | None, values: dict[str, Any]) -> None:
    spec = progress.IndicatorSpec(
        aggregation=values["aggregation"],
        direction=values["direction"],
        measure=values["measure"],
        baseline_value=values.get("baseline_value"),
        baseline_date=values.get("baseline_date"),
        target_value=values.get("target_value"),
        target_date=values.get("target_date"),
    )
    problems = progress.validate_spec(spec)
    if problems:
        raise ValidationError({field: _(message) for field, message in problems.items()})


def indicator_create(
    *,
    actor: Any | None = None,
    output: Output,
    code: str,
    name: str,
    unit: str = "",
    measure: str = Measure.NUMBER,
    direction: str = Direction.INCREASE,
    aggregation: str = Aggregation.SUM,
    baseline_value: Decimal | None = None,
    baseline_date: date | None = None,
    target_value: Decimal | None = None,
    target_date: date | None = None,
    means_of_verification: str = "",
    data_source: str = "",
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Indicator:
    """Create an indicator, checking measure, aggregation and direction rules."""
    fields = {k: v for k, v in locals().items() if k not in ("actor", "sources")}
    _indicator_rules(output, fields)
    return record_create(Indicator, actor=actor, fields=fields, m2m={"sources": sources})


def indicator_update(
    *,
    indicator: Indicator,
    actor: Any | None = None,
    version: int | None = None,
    sources: Iterable[Source] | None = None,
    **changes: Any,
) -> Indicator:
    """Change an indicator, checking the same rules as on creation."""
    merged = {name: getattr(indicator, name) for name in INDICATOR_EDITABLE} | changes
    _indicator_rules(indicator.output, merged)
    return record_update(
        indicator, actor=actor, expected_version=version, changes=changes,
        editable=INDICATOR_EDITABLE, m2m=_sources(sources),
    )  # fmt: skip


def target_create(
    *,
    actor: Any | None = None,
    indicator: Indicator,
    period_start: date,
    period_end: date,
    value: Decimal,
) -> Target:
    """Set a target for one period of an indicator."""
    fields = {k: v for k, v in locals().items() if k != "actor"}
    return record_create(Target, actor=actor, fields=fields)


def target_update(
    *, target: Target, actor: Any | None = None, version: int | None = None, **changes: Any
) -> Target:
    """Change a period target."""
    return record_update(
        target, actor=actor, expected_version=version, changes=changes, editable=TARGET_EDITABLE
    )


def _measurement_rules(indicator: Indicator, value: Decimal | None, narrative: str) -> None:
    if indicator.measure == Measure.QUALITATIVE:
        if not narrative.strip():
            raise ValidationError({"narrative": _("A qualitative indicator needs a narrative.")})
    elif value is None:
        raise ValidationError({"value": _("This indicator needs a numeric value.")})
    elif indicator.measure == Measure.PERCENTAGE and not (0 <= value <= 100):
        raise ValidationError({"value": _("A percentage lies between 0 and 100.")})


def measurement_create(
    *,
    actor: Any | None = None,
    indicator: Indicator,
    period_start: date,
    period_end: date,
    value: Decimal | None = None,
    narrative: str = "",
    note: str = "",
    evidence: Evidence | None = None,
    is_illustrative: bool = False,
) -> Measurement:
    """Record what an indicator showed over one period (one measurement per period)."""
    _measurement_rules(indicator, value, narrative)
    fields = {k: v for k, v in locals().items() if k != "actor"}
    if actor is not None and getattr(actor, "is_authenticated", False):
        fields["recorded_by"] = actor
    return record_create(Measurement, actor=actor, fields=fields)


def measurement_update(
    *,
    measurement: Measurement,
    actor: Any | None = None,
    version: int | None = None,
    **changes: Any,
) -> Measurement:
    """Correct a measurement."""
    _measurement_rules(
        measurement.indicator,
        changes.get("value", measurement.value),
        changes.get("narrative", measurement.narrative),
    )
    return record_update(
        measurement, actor=actor, expected_version=version, changes=changes,
        editable=MEASUREMENT_EDITABLE,
    )  # fmt: skip
