"""What the update services of programmes and their results frameworks may change.

One TypedDict per entity; `<entity>_update(**changes)` is typed by it, and its keys are the
fields the update accepts (`apps.core.services.editable_fields`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from apps.evidence.models import Evidence, Source
from apps.programmes.models import Outcome

if TYPE_CHECKING:
    # An annotation only: stakeholders sit above programmes in the layers.
    from apps.stakeholders.models import Stakeholder


class ProvenanceChanges(TypedDict, total=False):
    """What every record with provenance lets an update change."""

    is_illustrative: bool
    provenance_note: str
    sources: Iterable[Source]


class ProgrammeChanges(ProvenanceChanges, total=False):
    """What `programme_update` may change."""

    code: str
    title: str
    title_language: str
    title_translation: str
    country: str
    agency: str
    start_date: date
    end_date: date
    signed_on: date | None
    description: str
    budget: Decimal | None
    currency: str
    status: str
    ambiguity_threshold: Decimal
    conflict_threshold: Decimal


class OutcomeChanges(ProvenanceChanges, total=False):
    """What `outcome_update` may change."""

    code: str
    title: str
    title_language: str
    title_translation: str
    description: str
    order: int


class OutputChanges(ProvenanceChanges, total=False):
    """What `output_update` may change."""

    outcome: Outcome
    code: str
    title: str
    title_language: str
    title_translation: str
    description: str
    lead: Stakeholder | None
    start_date: date | None
    end_date: date | None
    status: str
    budget_planned: Decimal | None
    budget_spent: Decimal | None


class IndicatorChanges(ProvenanceChanges, total=False):
    """What `indicator_update` may change."""

    code: str
    name: str
    unit: str
    measure: str
    direction: str
    aggregation: str
    baseline_value: Decimal | None
    baseline_date: date | None
    target_value: Decimal | None
    target_date: date | None
    means_of_verification: str
    data_source: str


class TargetChanges(TypedDict, total=False):
    """What `target_update` may change."""

    period_start: date
    period_end: date
    value: Decimal


class MeasurementChanges(TypedDict, total=False):
    """What `measurement_update` may change."""

    period_start: date
    period_end: date
    value: Decimal | None
    narrative: str
    note: str
    evidence: Evidence | None
    is_illustrative: bool
