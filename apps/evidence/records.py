"""The workspace pages of sources and evidence."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core.records import Column, RecordSpec, register
from apps.evidence import filters, forms, services
from apps.evidence.models import Evidence, Source

SOURCES = register(
    RecordSpec(
        key="sources",
        model=Source,
        form_class=forms.SourceForm,
        filterset_class=filters.SourceFilter,
        columns=(
            Column(_("Title"), "title", link=True, ordering="title"),
            Column(_("Key"), "key", ordering="key"),
            Column(_("Kind"), "kind", ordering="kind"),
            Column(_("Author"), "author", ordering="author"),
            Column(_("Published on"), "published_on", ordering="published_on"),
            Column(_("Illustrative"), "is_illustrative"),
        ),
        create_service=services.source_create,
        update_service=services.source_update,
        instance_kwarg="source",
        programme_path=None,
        search_fields=("key", "title", "author", "citation", "note"),
        default_ordering=("title",),
    )
)

EVIDENCE = register(
    RecordSpec(
        key="evidence",
        model=Evidence,
        form_class=forms.EvidenceForm,
        filterset_class=filters.EvidenceFilter,
        columns=(
            Column(_("Excerpt"), "excerpt", link=True),
            Column(_("Source"), "source", ordering="source__title"),
            Column(_("Stance"), "stance", ordering="stance"),
            Column(_("Page"), "page"),
        ),
        create_service=services.evidence_create,
        update_service=services.evidence_update,
        instance_kwarg="evidence",
        programme_path=None,
        search_fields=("excerpt", "note", "source__title"),
        select_related=("source",),
        default_ordering=("source__title", "id"),
    )
)
