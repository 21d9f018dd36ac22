"""Forms of the stakeholders app."""

from __future__ import annotations

from apps.stakeholders.models import Involvement, Stakeholder
from apps.workspace.forms import RecordForm

PROVENANCE = ["is_illustrative", "provenance_note", "sources"]


class StakeholderForm(RecordForm):
    """A stakeholder (shared by all programmes)."""

    class Meta(RecordForm.Meta):
        model = Stakeholder
        fields = [
            "name", "acronym", "kind", "level", "country", "parent", "website", "notes",
            *PROVENANCE,
        ]  # fmt: skip


class InvolvementForm(RecordForm):
    """A stakeholder's part in an output of the programme (or the programme as a whole)."""

    scoped_fields = {"output": "programme"}

    class Meta(RecordForm.Meta):
        model = Involvement
        fields = [
            "stakeholder", "output", "role", "influence", "interest", "stance", "notes",
            *PROVENANCE,
        ]  # fmt: skip
