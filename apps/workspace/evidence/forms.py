"""Forms of the evidence app."""

from __future__ import annotations

from apps.evidence.models import Evidence, Source
from apps.workspace.forms import RecordForm


class SourceForm(RecordForm):
    """A source (shared by all programmes)."""

    class Meta(RecordForm.Meta):
        model = Source
        fields = [
            "key", "title", "title_language", "title_translation", "kind", "author", "published_on",
            "url", "citation", "note", "is_illustrative",
        ]  # fmt: skip


class EvidenceForm(RecordForm):
    """An excerpt of a source."""

    class Meta(RecordForm.Meta):
        model = Evidence
        fields = ["source", "excerpt", "page", "note", "stance"]
