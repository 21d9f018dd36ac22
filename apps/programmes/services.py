"""Writes of programmes and their results frameworks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.models import TitleLanguage
from apps.core.outbox import outbox_emit
from apps.core.services import (
    editable_fields,
    provenance,
    record_create,
    update_from_payload,
)
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
from apps.programmes.payloads import (
    IndicatorChanges,
    MeasurementChanges,
    OutcomeChanges,
    OutputChanges,
    ProgrammeChanges,
    TargetChanges,
)

if TYPE_CHECKING:
    # Annotations only: accounts and stakeholders sit above programmes in the layers.
    from apps.accounts.models import User
    from apps.stakeholders.models import Stakeholder

# Published after commit when a programme's thresholds change; the assessments app subscribes
# and reclassifies the programme's assessments (programmes cannot import assessments).
THRESHOLDS_CHANGED = "programme.thresholds_changed"


def programme_create(
    *,
    actor: User | None = None,
    code: str,
    title: str,
    title_language: str = TitleLanguage.ENGLISH,
    title_translation: str = "",
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
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "code": code,
        "title": title,
        "title_language": title_language,
        "title_translation": title_translation,
        "country": country,
        "agency": agency,
        "start_date": start_date,
        "end_date": end_date,
        "signed_on": signed_on,
        "description": description,
        "budget": budget,
        "currency": currency,
        "status": status,
        "ambiguity_threshold": ambiguity_threshold,
        "conflict_threshold": conflict_threshold,
        **cited,
    }
    return record_create(Programme, actor=actor, fields=fields, m2m=links)


def programme_update(
    *,
    programme: Programme,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[ProgrammeChanges],
) -> Programme:
    """Change a programme; new thresholds reclassify its assessments after commit."""
    with transaction.atomic():
        # Compare with the stored thresholds, not the caller's copy, which may be out of date.
        old = (
            Programme.objects.filter(pk=programme.pk)
            .values_list("ambiguity_threshold", "conflict_threshold")
            .first()
        )
        updated = update_from_payload(
            programme, actor=actor, version=version, payload=ProgrammeChanges, changes=changes
        )
        if (updated.ambiguity_threshold, updated.conflict_threshold) != old:
            outbox_emit(topic=THRESHOLDS_CHANGED, payload={"programme_id": updated.pk})
    return updated


def outcome_create(
    *,
    actor: User | None = None,
    programme: Programme,
    code: str,
    title: str,
    title_language: str = TitleLanguage.ENGLISH,
    title_translation: str = "",
    description: str = "",
    order: int = 0,
    is_illustrative: bool = False,
    provenance_note: str = "",
    sources: Iterable[Source] = (),
) -> Outcome:
    """Create an outcome (sub-programme) of a programme."""
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "programme": programme,
        "code": code,
        "title": title,
        "title_language": title_language,
        "title_translation": title_translation,
        "description": description,
        "order": order,
        **cited,
    }
    return record_create(Outcome, actor=actor, fields=fields, m2m=links)


def outcome_update(
    *,
    outcome: Outcome,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[OutcomeChanges],
) -> Outcome:
    """Change an outcome."""
    return update_from_payload(
        outcome, actor=actor, version=version, payload=OutcomeChanges, changes=changes
    )


def output_create(
    *,
    actor: User | None = None,
    outcome: Outcome,
    code: str,
    title: str,
    title_language: str = TitleLanguage.ENGLISH,
    title_translation: str = "",
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
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "programme": outcome.programme,
        "outcome": outcome,
        "code": code,
        "title": title,
        "title_language": title_language,
        "title_translation": title_translation,
        "description": description,
        "lead": lead,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
        "budget_planned": budget_planned,
        "budget_spent": budget_spent,
        **cited,
    }
    return record_create(Output, actor=actor, fields=fields, m2m=links)


def output_update(
    *,
    output: Output,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[OutputChanges],
) -> Output:
    """Change an output; it may move to another outcome of the same programme only."""
    outcome = changes.get("outcome")
    if outcome is not None and outcome.programme_id != output.programme_id:
        raise ValidationError({"outcome": _("An output can only move within its programme.")})
    return update_from_payload(
        output, actor=actor, version=version, payload=OutputChanges, changes=changes
    )


def _indicator_rules(values: dict[str, Any]) -> None:
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
    actor: User | None = None,
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
    cited, links = provenance(
        is_illustrative=is_illustrative, provenance_note=provenance_note, sources=sources
    )
    fields = {
        "output": output,
        "code": code,
        "name": name,
        "unit": unit,
        "measure": measure,
        "direction": direction,
        "aggregation": aggregation,
        "baseline_value": baseline_value,
        "baseline_date": baseline_date,
        "target_value": target_value,
        "target_date": target_date,
        "means_of_verification": means_of_verification,
        "data_source": data_source,
        **cited,
    }
    _indicator_rules(fields)
    return record_create(Indicator, actor=actor, fields=fields, m2m=links)


def indicator_update(
    *,
    indicator: Indicator,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[IndicatorChanges],
) -> Indicator:
    """Change an indicator, checking the same rules as on creation."""
    rule_fields = editable_fields(IndicatorChanges) - {"sources"}
    stored = {name: getattr(indicator, name) for name in rule_fields}
    _indicator_rules(stored | dict(changes))
    return update_from_payload(
        indicator, actor=actor, version=version, payload=IndicatorChanges, changes=changes
    )


def target_create(
    *,
    actor: User | None = None,
    indicator: Indicator,
    period_start: date,
    period_end: date,
    value: Decimal,
) -> Target:
    """Set a target for one period of an indicator."""
    fields = {
        "indicator": indicator,
        "period_start": period_start,
        "period_end": period_end,
        "value": value,
    }
    return record_create(Target, actor=actor, fields=fields)


def target_update(
    *,
    target: Target,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[TargetChanges],
) -> Target:
    """Change a period target."""
    return update_from_payload(
        target, actor=actor, version=version, payload=TargetChanges, changes=changes
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
    actor: User | None = None,
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
    fields = {
        "indicator": indicator,
        "period_start": period_start,
        "period_end": period_end,
        "value": value,
        "narrative": narrative,
        "note": note,
        "evidence": evidence,
        "is_illustrative": is_illustrative,
    }
    if actor is not None and actor.is_authenticated:
        fields["recorded_by"] = actor
    return record_create(Measurement, actor=actor, fields=fields)


def measurement_update(
    *,
    measurement: Measurement,
    actor: User | None = None,
    version: int | None = None,
    **changes: Unpack[MeasurementChanges],
) -> Measurement:
    """Correct a measurement."""
    _measurement_rules(
        measurement.indicator,
        changes.get("value", measurement.value),
        changes.get("narrative", measurement.narrative),
    )
    return update_from_payload(
        measurement, actor=actor, version=version, payload=MeasurementChanges, changes=changes
    )
