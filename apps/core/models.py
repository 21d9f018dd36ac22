"""Abstract building blocks shared by Pantau's domain models."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """A record that knows when it was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """An editable core record with an optimistic-locking version (DESIGN section 6)."""

    # Every versioned record keeps its history: each concrete model sets
    # `history = HistoricalRecords()` (django-simple-history, which ships no types).
    history: Any

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Raised by one on every change; a write made from an older version is refused."
        ),
    )

    class Meta:
        abstract = True


class ProvenanceModel(models.Model):
    """A record that says what it rests on: sources, or an illustrative label."""

    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("A plausible example resting on no source; always labelled so in the UI."),
    )
    sources = models.ManyToManyField(
        "evidence.Source",
        blank=True,
        related_name="cited_by_%(app_label)s_%(class)s",
        verbose_name=_("sources"),
    )
    provenance_note = models.CharField(
        _("provenance note"),
        max_length=500,
        blank=True,
        help_text=_("What the record rests on beyond its sources, e.g. an assumption."),
    )

    class Meta:
        abstract = True


class TitleLanguage(models.TextChoices):
    """The languages a record's title is written in: the site's two languages."""

    ENGLISH = "en", _("English")
    INDONESIAN = "id", _("Indonesian")


def _language_of(code: str | None) -> str:
    return (code or settings.LANGUAGE_CODE).split("-")[0].lower()


def other_language(language: str) -> str:
    """The site language that is not `language` (the language of a title's translation)."""
    return next(code for code in TitleLanguage.values if code != language)


def title_for_reader(
    *, title: str, title_language: str, title_translation: str, language: str | None = None
) -> str:
    """The title a reader of `language` (the active one by default) sees: the translation when
    it exists and is in that language, else the original."""
    wanted = _language_of(language or get_language())
    if title_translation and wanted == other_language(title_language):
        return title_translation
    return title


def title_language_field() -> models.CharField:
    """The language of a record's title (its original wording); declared beside `title`."""
    return models.CharField(
        _("language of the title"),
        max_length=8,
        choices=TitleLanguage.choices,
        default=TitleLanguage.ENGLISH,
        help_text=_("The language the title was written in: the original wording."),
    )


def title_translation_field() -> models.CharField:
    """The same title in the other language; declared beside `title`."""
    return models.CharField(
        _("title in the other language"),
        max_length=500,
        blank=True,
        help_text=_(
            "The same title in the other language, as a source or an analyst gives it; "
            "blank when there is none (the original is then shown in both languages)."
        ),
    )


class TitledModel(models.Model):
    """A record whose `title` is its original wording, with that wording's language and, where
    a source or an analyst gives one, the same title in the other language.

    The concrete model declares `title`, `title_language = title_language_field()` and
    `title_translation = title_translation_field()` side by side (so forms and record pages
    list them together). Pages, search and the API show `title_in(language)`: the translation
    when the reader's language is the other one and a translation exists, otherwise the
    original.
    """

    title: str
    title_language: str
    title_translation: str

    class Meta:
        abstract = True

    @property
    def title_translation_language(self) -> str:
        """The language of `title_translation`: the site language the original is not in."""
        return other_language(self.title_language)

    def get_title_translation_language_display(self) -> str:
        return str(TitleLanguage(self.title_translation_language).label)

    def title_in(self, language: str | None = None) -> str:
        """The title in `language` (the active one by default), else the original."""
        return title_for_reader(
            title=self.title,
            title_language=self.title_language,
            title_translation=self.title_translation,
            language=language,
        )

    @property
    def display_title(self) -> str:
        """The title in the active language, falling back to the original."""
        return self.title_in()

    @property
    def display_language(self) -> str:
        """The language `display_title` is written in (for the page's `lang` attribute)."""
        if self.title_translation and self.display_title == self.title_translation:
            return self.title_translation_language
        return self.title_language

    def clean(self) -> None:
        super().clean()
        if self.title_translation and self.title_translation.strip() == self.title.strip():
            raise ValidationError(
                {"title_translation": _("Leave this blank when the title is the same.")}
            )


def period_text(start: date, end: date) -> str:
    """A period as the user reads dates: in the active language's format, as templates show
    them ("Jan. 1, 2019 – Dec. 31, 2019", "1 Jan. 2019 – 31 Des. 2019"), never ISO."""
    return f"{date_format(start)} – {date_format(end)}"


class DateRangeModel(models.Model):
    """A record whose date pairs must be in order; the error names the later field.

    The database enforces the same rule with a check constraint; this gives the form or API
    client a message on the field instead of on the record as a whole.
    """

    date_ranges: tuple[tuple[str, str], ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors = {}
        for start, end in self.date_ranges:
            first, last = getattr(self, start), getattr(self, end)
            if first is not None and last is not None and last < first:
                label = getattr(self._meta.get_field(start), "verbose_name", start)
                errors[end] = _("This date must not be before the %(start)s.") % {"start": label}
        if errors:
            raise ValidationError(errors)


class OutboxEvent(models.Model):
    """Something a write did that work above it must follow up, stored in the same transaction.

    A lower layer cannot import the layer that reacts (a new threshold must reclassify the
    programme's assessments, but programmes sit below assessments), so it writes an event; the
    upper layer subscribes to the topic (`apps.core.outbox.subscribe`). The event is dispatched
    after commit, and again by the periodic sweep until its handlers have all run, so a broker
    outage delays the follow-up but never loses it.
    """

    topic = models.CharField(_("topic"), max_length=100, db_index=True)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        ordering = ["pk"]
        indexes = [models.Index(fields=["dispatched_at", "created_at"], name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"
