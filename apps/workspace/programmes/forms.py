"""Forms of the programmes app (the workspace's create and edit pages)."""

from __future__ import annotations

from apps.programmes.models import Indicator, Measurement, Outcome, Output, Target
from apps.workspace.forms import RecordForm

PROVENANCE = ["is_illustrative", "provenance_note", "sources"]


class OutcomeForm(RecordForm):
    """A sub-programme."""

    class Meta(RecordForm.Meta):
        model = Outcome
        fields = [
            "code", "title", "title_language", "title_translation", "description", "order",
            *PROVENANCE,
        ]  # fmt: skip


class OutputForm(RecordForm):
    """An output of the programme."""

    scoped_fields = {"outcome": "programme"}

    class Meta(RecordForm.Meta):
        model = Output
        fields = [
            "outcome", "code", "title", "title_language", "title_translation", "description",
            "lead", "status", "start_date", "end_date", "budget_planned", "budget_spent",
            *PROVENANCE,
        ]  # fmt: skip


class IndicatorForm(RecordForm):
    """An indicator of an output."""

    scoped_fields = {"output": "programme"}

    class Meta(RecordForm.Meta):
        model = Indicator
        fields = [
            "output", "code", "name", "unit", "measure", "direction", "aggregation",
            "baseline_value", "baseline_date", "target_value", "target_date",
            "means_of_verification", "data_source", *PROVENANCE,
        ]  # fmt: skip


class TargetForm(RecordForm):
    """A target for one period of an indicator."""

    scoped_fields = {"indicator": "output__programme"}

    class Meta(RecordForm.Meta):
        model = Target
        fields = ["indicator", "period_start", "period_end", "value"]


class MeasurementForm(RecordForm):
    """What an indicator showed over one period."""

    scoped_fields = {"indicator": "output__programme"}

    class Meta(RecordForm.Meta):
        model = Measurement
        fields = [
            "indicator", "period_start", "period_end", "value", "narrative", "note", "evidence",
            "is_illustrative",
        ]  # fmt: skip
