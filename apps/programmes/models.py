"""Programmes and their results frameworks: outcomes, outputs, indicators, targets, measurements."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import (
    DateRangeModel,
    ProvenanceModel,
    TitledModel,
    VersionedModel,
    period_text,
    title_language_field,
    title_translation_field,
)
from apps.core.numbers import measured_value_text
from apps.core.validators import iso_alpha3, unit_interval
from apps.programmes import progress
from apps.programmes.choices import (
    Aggregation,
    Direction,
    Measure,
    OutputStatus,
    ProgrammeStatus,
)


class _Digits(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Digits = {"max_digits": 16, "decimal_places": 2}
VALUE: _Digits = {"max_digits": 20, "decimal_places": 4}


def _ends_after_start(prefix: str, start: str, end: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=f"{prefix}_{end}_not_before_{start}",
        violation_error_message=_("The end date must not be before the start date."),
    )


class Programme(DateRangeModel, TitledModel, VersionedModel, ProvenanceModel):
    """A country or regional programme whose implementation Pantau tracks."""

    date_ranges = (("start_date", "end_date"),)

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_language = title_language_field()
    title_translation = title_translation_field()
    country = models.CharField(_("country"), max_length=3, validators=[iso_alpha3])
    agency = models.CharField(_("agency"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(
        _("budget"), **MONEY, null=True, blank=True, help_text=_("Blank means unknown, not zero.")
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    status = models.CharField(
        _("status"), max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    ambiguity_threshold = models.DecimalField(
        _("ambiguity threshold"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.5"),
        validators=unit_interval,
        help_text=_("An ambiguity score strictly above this is high."),
    )
    conflict_threshold = models.DecimalField(
        _("conflict threshold"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.5"),
        validators=unit_interval,
        help_text=_("A conflict score strictly above this is high."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]
        constraints = [
            _ends_after_start("programme", "start_date", "end_date"),
            models.CheckConstraint(
                condition=Q(ambiguity_threshold__gte=0, ambiguity_threshold__lte=1)
                & Q(conflict_threshold__gte=0, conflict_threshold__lte=1),
                name="programme_thresholds_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="programme_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProgrammeStatus.values), name="programme_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.display_title}"


class Outcome(TitledModel, VersionedModel, ProvenanceModel):
    """A sub-programme or pillar of a programme, grouping its outputs."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=32)
    title = models.CharField(_("title"), max_length=300)
    title_language = title_language_field()
    title_translation = title_translation_field()
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["programme__code", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="outcome_code_unique_in_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_title}"


class Output(DateRangeModel, TitledModel, VersionedModel, ProvenanceModel):
    """A deliverable of an outcome: the unit Pantau assesses on the Matland matrix."""

    date_ranges = (("start_date", "end_date"),)

    # Denormalised from the outcome so the code can be unique per programme in the database.
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="outputs",
        editable=False,
        verbose_name=_("programme"),
    )
    # PROTECT: removing a sub-programme must never take its outputs with it (no data lost).
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, related_name="outputs", verbose_name=_("outcome")
    )
    code = models.CharField(_("code"), max_length=32)
    title = models.CharField(_("title"), max_length=300)
    title_language = title_language_field()
    title_translation = title_translation_field()
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "stakeholders.Stakeholder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_outputs",
        verbose_name=_("lead stakeholder"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutputStatus.choices, default=OutputStatus.NOT_STARTED
    )
    budget_planned = models.DecimalField(_("planned budget"), **MONEY, null=True, blank=True)
    budget_spent = models.DecimalField(_("spent budget"), **MONEY, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["programme__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="output_code_unique_in_programme"
            ),
            _ends_after_start("output", "start_date", "end_date"),
            models.CheckConstraint(
                condition=(Q(budget_planned__isnull=True) | Q(budget_planned__gte=0))
                & (Q(budget_spent__isnull=True) | Q(budget_spent__gte=0)),
                name="output_budgets_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OutputStatus.values), name="output_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_title}"


class Indicator(DateRangeModel, VersionedModel, ProvenanceModel):
    """A measurable sign of an output's progress, with baseline and life-of-output target."""

    # Today's figures, when a selector computed them (`indicators_with_progress`).
    figures: progress.Progress

    date_ranges = (("baseline_date", "target_date"),)

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("output")
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    measure = models.CharField(
        _("measure"), max_length=16, choices=Measure.choices, default=Measure.NUMBER
    )
    direction = models.CharField(
        _("direction"), max_length=16, choices=Direction.choices, default=Direction.INCREASE
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    baseline_value = models.DecimalField(_("baseline value"), **VALUE, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), **VALUE, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["output__programme__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["output", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=~Q(measure=Measure.PERCENTAGE) | Q(aggregation=Aggregation.LATEST),
                name="indicator_percentage_uses_latest",
                violation_error_message=_("A percentage indicator must use the latest level."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True)
                | Q(target_value__isnull=True)
                | Q(direction=Direction.INCREASE, target_value__gt=F("baseline_value"))
                | Q(direction=Direction.DECREASE, target_value__lt=F("baseline_value")),
                name="indicator_target_on_direction_side",
                violation_error_message=_(
                    "The target must lie above the baseline for an increasing indicator "
                    "and below it for a decreasing one."
                ),
            ),
            _ends_after_start("indicator", "baseline_date", "target_date"),
            models.CheckConstraint(
                condition=Q(measure__in=Measure.values)
                & Q(direction__in=Direction.values)
                & Q(aggregation__in=Aggregation.values),
                name="indicator_choices_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        # The same rules as the database constraints, reported on the field they concern.
        super().clean()
        try:
            spec = progress.IndicatorSpec(
                aggregation=self.aggregation,
                direction=self.direction,
                measure=self.measure,
                baseline_value=self.baseline_value,
                baseline_date=self.baseline_date,
                target_value=self.target_value,
                target_date=self.target_date,
            )
        except ValueError:
            return  # an invalid choice: its field already carries the error
        problems = progress.validate_spec(spec)
        problems.pop("target_date", None)  # DateRangeModel reports that one already
        if problems:
            raise ValidationError({field: gettext(text) for field, text in problems.items()})


class Target(DateRangeModel, VersionedModel):
    """An optional target for one period of an indicator."""

    date_ranges = (("period_start", "period_end"),)

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("target value"), **VALUE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"], name="target_one_per_period"
            ),
            _ends_after_start("target", "period_start", "period_end"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator.code} {period_text(self.period_start, self.period_end)}: "
            f"{measured_value_text(self.value, self.indicator.measure)}"
        )


class Measurement(DateRangeModel, VersionedModel):
    """What an indicator showed over one period."""

    date_ranges = (("period_start", "period_end"),)

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,  # deleting an indicator must not delete what was measured
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), **VALUE, null=True, blank=True)
    narrative = models.TextField(
        _("narrative"), blank=True, help_text=_("The finding, for a qualitative indicator.")
    )
    note = models.TextField(_("note"), blank=True)
    evidence = models.ForeignKey(
        "evidence.Evidence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("evidence"),
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="measurement_one_per_indicator_period",
                violation_error_message=_(
                    "This indicator already has a measurement for the period."
                ),
            ),
            _ends_after_start("measurement", "period_start", "period_end"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(narrative=""),
                name="measurement_has_value_or_narrative",
                violation_error_message=_(
                    "Give a value, or a narrative for a qualitative indicator."
                ),
            ),
        ]

    def __str__(self) -> str:
        shown = (
            measured_value_text(self.value, self.indicator.measure)
            if self.value is not None
            else self.narrative[:40]
        )
        return f"{self.indicator.code} {period_text(self.period_start, self.period_end)}: {shown}"
