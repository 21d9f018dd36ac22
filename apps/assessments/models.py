"""Matland ambiguity–conflict assessments of outputs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.assessments.choices import ItemScore, QuadrantChoice
from apps.assessments.matland import ITEM_CODES
from apps.core.models import VersionedModel


def _item_field(code: str) -> models.PositiveSmallIntegerField:
    # The item's code is its name in every language (A1 … C5); its text lives in matland.py.
    return models.PositiveSmallIntegerField(
        format_lazy("{}", code), null=True, blank=True, choices=ItemScore.choices
    )


def _note_field(code: str) -> models.CharField:
    return models.CharField(format_lazy("{} {}", code, _("note")), max_length=1000, blank=True)


class Assessment(VersionedModel):
    """One output scored on the Matland rubric at one date; quadrant and scores are derived."""

    output = models.ForeignKey(
        "programmes.Output",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("output"),
    )
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("assessor"),
    )
    a1 = _item_field("A1")
    a1_note = _note_field("A1")
    a2 = _item_field("A2")
    a2_note = _note_field("A2")
    a3 = _item_field("A3")
    a3_note = _note_field("A3")
    a4 = _item_field("A4")
    a4_note = _note_field("A4")
    a5 = _item_field("A5")
    a5_note = _note_field("A5")
    a6 = _item_field("A6")
    a6_note = _note_field("A6")
    c1 = _item_field("C1")
    c1_note = _note_field("C1")
    c2 = _item_field("C2")
    c2_note = _note_field("C2")
    c3 = _item_field("C3")
    c3_note = _note_field("C3")
    c4 = _item_field("C4")
    c4_note = _note_field("C4")
    c5 = _item_field("C5")
    c5_note = _note_field("C5")
    summary = models.TextField(_("summary"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    evidence = models.ManyToManyField(
        "evidence.Evidence", blank=True, related_name="assessments", verbose_name=_("evidence")
    )

    # Derived by apps.assessments.services from the items and the programme's thresholds.
    ambiguity = models.DecimalField(
        _("ambiguity"), max_digits=5, decimal_places=4, null=True, blank=True, editable=False
    )
    conflict = models.DecimalField(
        _("conflict"), max_digits=5, decimal_places=4, null=True, blank=True, editable=False
    )
    quadrant = models.CharField(
        _("quadrant"),
        max_length=16,
        choices=QuadrantChoice.choices,
        default=QuadrantChoice.UNCLASSIFIED,
        editable=False,
        db_index=True,
    )
    borderline = models.BooleanField(_("borderline"), default=False, editable=False)

    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["output__programme__code", "output__code", "-assessed_on"]
        get_latest_by = ["assessed_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "assessed_on"],
                name="assessment_one_per_output_and_date",
                violation_error_message=_("This output already has an assessment on that date."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{code.lower()}__isnull": True})
                    | Q(**{f"{code.lower()}__lte": 2}),
                    name=f"assessment_{code.lower()}_0_to_2",
                )
                for code in ITEM_CODES
            ],
            models.CheckConstraint(
                condition=(Q(ambiguity__isnull=True) | Q(ambiguity__gte=0, ambiguity__lte=1))
                & (Q(conflict__isnull=True) | Q(conflict__gte=0, conflict__lte=1)),
                name="assessment_scores_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=Q(quadrant__in=QuadrantChoice.values), name="assessment_quadrant_valid"
            ),
        ]

    def __str__(self) -> str:
        # The date in the user's format: the name shows in messages, titles and breadcrumbs.
        return (
            f"{self.output.code} @ {date_format(self.assessed_on)}: {self.get_quadrant_display()}"
        )

    def item_answers(self) -> dict[str, int | None]:
        """The eleven rubric answers keyed by item code."""
        return {code: getattr(self, code.lower()) for code in ITEM_CODES}
