"""The obstacle-cause taxonomy and the obstacle register."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.assessments.matland import ITEM_CODES
from apps.core.models import (
    DateRangeModel,
    ProvenanceModel,
    TitledModel,
    VersionedModel,
    title_language_field,
    title_translation_field,
)
from apps.core.validators import one_to_five
from apps.obstacles.choices import Dimension, Manifestation, ObstacleStatus


def validate_item_codes(value: object) -> None:
    """Accept a list of Matland rubric item codes (A1…A6, C1…C5)."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Give a list of rubric item codes, e.g. ["A1", "C4"].'))
    unknown = sorted(set(value) - set(ITEM_CODES))
    if unknown:
        raise ValidationError(
            _("Unknown rubric items: %(items)s."), params={"items": ", ".join(unknown)}
        )


def validate_string_list(value: object) -> None:
    """Accept a list of short strings."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Give a list of codes, e.g. ["SM2", "E1"].'))


class ObstacleCause(VersionedModel):
    """A cause of implementation trouble from implementation theory (staff-maintained)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    frameworks = models.JSONField(
        _("framework references"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_(
            "Sabatier–Mazmanian (SM1–SM5), Van Meter & Van Horn (VMVH1–6), Edwards (E1–4)."
        ),
    )
    dimension = models.CharField(_("Matland dimension"), max_length=16, choices=Dimension.choices)
    items = models.JSONField(
        _("rubric items"),
        default=list,
        blank=True,
        validators=[validate_item_codes],
        help_text=_("The assessment items this cause bears on."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obstacle cause")
        verbose_name_plural = _("obstacle causes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="obstaclecause_dimension_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The cause's name in the active language."""
        return self.name_id if (get_language() or "en").startswith("id") else self.name_en


class Obstacle(DateRangeModel, TitledModel, VersionedModel, ProvenanceModel):
    """Something that hinders implementation, typed by cause and linked to what it hinders."""

    date_ranges = (("identified_on", "resolved_on"),)

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="obstacles",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=300)
    title_language = title_language_field()
    title_translation = title_translation_field()
    description = models.TextField(_("description"), blank=True)
    cause = models.ForeignKey(
        ObstacleCause, on_delete=models.PROTECT, related_name="obstacles", verbose_name=_("cause")
    )
    manifestation = models.CharField(
        _("manifestation"),
        max_length=32,
        choices=Manifestation.choices,
        default=Manifestation.OTHER,
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"),
        null=True,
        blank=True,
        validators=one_to_five,
        help_text=_("1 (minor) to 5 (blocking); blank when not known."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ObstacleStatus.choices, default=ObstacleStatus.OPEN
    )
    identified_on = models.DateField(_("identified on"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_obstacles",
        verbose_name=_("owner"),
    )
    mitigation_plan = models.TextField(_("mitigation plan"), blank=True)
    outputs = models.ManyToManyField(
        "programmes.Output", blank=True, related_name="obstacles", verbose_name=_("outputs")
    )
    stakeholders = models.ManyToManyField(
        "stakeholders.Stakeholder",
        blank=True,
        related_name="obstacles",
        verbose_name=_("stakeholders"),
    )
    evidence = models.ManyToManyField(
        "evidence.Evidence", blank=True, related_name="obstacles", verbose_name=_("evidence")
    )
    history = HistoricalRecords(m2m_fields=[outputs, stakeholders, evidence])

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["programme__code", "-severity", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="obstacle_title_unique_in_programme"
            ),
            models.CheckConstraint(
                condition=Q(severity__isnull=True) | Q(severity__gte=1, severity__lte=5),
                name="obstacle_severity_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(identified_on__isnull=True)
                | Q(resolved_on__isnull=True)
                | Q(resolved_on__gte=F("identified_on")),
                name="obstacle_resolved_not_before_identified",
                violation_error_message=_(
                    "An obstacle cannot be resolved before it was identified."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ObstacleStatus.values)
                & Q(manifestation__in=Manifestation.values),
                name="obstacle_choices_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title
