"""Stakeholders and their involvement in programmes and outputs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import ProvenanceModel, VersionedModel
from apps.core.validators import iso_alpha3, one_to_five
from apps.stakeholders.choices import InvolvementRole, Level, StakeholderKind, Stance


class Stakeholder(VersionedModel, ProvenanceModel):
    """An organisation or unit with a part in implementation; shared across programmes."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=StakeholderKind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    country = models.CharField(_("country"), max_length=3, blank=True, validators=[iso_alpha3])
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent organisation"),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["acronym", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="stakeholder_name_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=StakeholderKind.values) & Q(level__in=Level.values),
                name="stakeholder_choices_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name


class Involvement(VersionedModel, ProvenanceModel):
    """A stakeholder's role, influence, interest and stance in an output (or a whole programme)."""

    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="involvements",
        verbose_name=_("stakeholder"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="involvements",
        verbose_name=_("programme"),
    )
    output = models.ForeignKey(
        "programmes.Output",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="involvements",
        verbose_name=_("output"),
        help_text=_("Blank when the stakeholder is involved in the programme as a whole."),
    )
    role = models.CharField(_("role"), max_length=24, choices=InvolvementRole.choices)
    influence = models.PositiveSmallIntegerField(
        _("influence"), null=True, blank=True, validators=one_to_five, help_text=_("1 (low) to 5")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), null=True, blank=True, validators=one_to_five, help_text=_("1 (low) to 5")
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["programme__code", "output__code", "stakeholder__acronym"]
        constraints = [
            models.UniqueConstraint(
                fields=["stakeholder", "output", "role"],
                condition=Q(output__isnull=False),
                name="involvement_unique_in_output",
            ),
            models.UniqueConstraint(
                fields=["stakeholder", "programme", "role"],
                condition=Q(output__isnull=True),
                name="involvement_unique_in_programme",
            ),
            models.CheckConstraint(
                condition=(Q(influence__isnull=True) | Q(influence__gte=1, influence__lte=5))
                & (Q(interest__isnull=True) | Q(interest__gte=1, interest__lte=5)),
                name="involvement_scores_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(role__in=InvolvementRole.values)
                & (Q(stance="") | Q(stance__in=Stance.values)),
                name="involvement_choices_valid",
            ),
        ]

    def __str__(self) -> str:
        where = self.output.code if self.output is not None else self.programme.code
        return f"{self.stakeholder} – {where} ({self.get_role_display()})"
