"""Forms of the evidence app."""

from __future__ import annotations

from apps.core.forms import RecordForm
from apps.evidence.models import Evidence, Source


class SourceForm(RecordForm):
    """A source (shared by all programmes)."""

    class Meta(RecordForm.Meta):
        model = Source
        fields = [
            "key", "title", "kind", "author", "published_on", "url", "citation", "note",
            "is_illustrative",
        ]  # fmt: skip


class EvidenceForm(RecordForm):
    """An excerpt of a source."""

    class Meta(RecordForm.Meta):
        model = Evidence
        fields = ["source", "excerpt", "page", "note", "stance"]
