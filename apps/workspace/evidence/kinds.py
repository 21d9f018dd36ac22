"""The record kinds of sources and evidence (shared by all programmes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.evidence import services
from apps.evidence.models import Evidence, Source
from apps.workspace.evidence import filters, forms, serializers
from apps.workspace.kinds import Column, RecordKind, SearchField, register


@register
class SourceKind(RecordKind[Source]):
    """What facts rest on: documents, datasets, laws, interviews."""

    key = "sources"
    model = Source
    programme_path = None
    form_class = forms.SourceForm
    filterset_class = filters.SourceFilter
    serializer_class = serializers.SourceSerializer
    create_service = staticmethod(services.source_create)
    update_service = staticmethod(services.source_update)
    columns = (
        Column(_("Title"), "display_title", link=True, ordering="title"),
        Column(_("Key"), "key", ordering="key"),
        Column(_("Kind"), "kind", ordering="kind"),
        Column(_("Author"), "author", ordering="author"),
        Column(_("Published on"), "published_on", ordering="published_on"),
        Column(_("Illustrative"), "is_illustrative"),
    )
    search_fields = (
        SearchField("key", 10),
        SearchField("title", 50),
        SearchField("title_translation", 50),
        SearchField("author", 100),
        SearchField("citation", 200),
        SearchField("note", 300),
    )
    ordering = ("title",)
    api_ordering = ("title",)
    api_ordering_fields = ("title", "published_on", "kind")
    api_description = (
        "Sources: every signed-in user reads them; analysts of any programme edit them."
    )


@register
class EvidenceKind(RecordKind[Evidence]):
    """Excerpts of sources that support or contest a claim."""

    key = "evidence"
    model = Evidence
    programme_path = None
    form_class = forms.EvidenceForm
    filterset_class = filters.EvidenceFilter
    serializer_class = serializers.EvidenceSerializer
    create_service = staticmethod(services.evidence_create)
    update_service = staticmethod(services.evidence_update)
    columns = (
        Column(_("Excerpt"), "excerpt", link=True),
        Column(_("Source"), "source", ordering="source__title"),
        Column(_("Stance"), "stance", ordering="stance"),
        Column(_("Page"), "page"),
    )
    search_fields = (
        SearchField("excerpt", 50),
        SearchField("source__title", 100),
        SearchField("note", 300),
    )
    select_related = ("source",)
    ordering = ("source__title", "id")
    api_ordering = ("source__title", "id")
    api_ordering_fields = ("id", "stance")
    api_description = (
        "Evidence excerpts: every signed-in user reads them; analysts of any programme edit them."
    )
