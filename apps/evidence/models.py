"""Sources and the evidence excerpts drawn from them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import (
    TitledModel,
    VersionedModel,
    title_language_field,
    title_translation_field,
)
from apps.evidence.choices import SourceKind, Stance


class Source(TitledModel, VersionedModel):
    """A document, dataset or interview that facts in Pantau rest on."""

    key = models.SlugField(
        _("citation key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Short stable key, e.g. bnn-survey-2021."),
    )
    title = models.CharField(_("title"), max_length=500)
    title_language = title_language_field()
    title_translation = title_translation_field()
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    author = models.CharField(_("author"), max_length=300, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    note = models.TextField(_("note"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title


class Evidence(VersionedModel):
    """An excerpt of a source that backs or contests an obstacle, assessment or figure."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("source")
    )
    excerpt = models.TextField(_("excerpt"))
    page = models.CharField(_("page"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    stance = models.CharField(
        _("stance"), max_length=16, choices=Stance.choices, default=Stance.SUPPORTS
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["source__title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stance__in=Stance.values), name="evidence_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        excerpt = self.excerpt if len(self.excerpt) <= 60 else self.excerpt[:57] + "…"
        return f"{self.source}: {excerpt}"

    @property
    def is_illustrative(self) -> bool:
        """Evidence is only as factual as its source."""
        return self.source.is_illustrative
