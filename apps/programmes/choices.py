"""Choices of the programmes app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    """Where a programme stands in its life."""

    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class OutputStatus(models.TextChoices):
    """Implementation status of an output."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Measure(models.TextChoices):
    """What an indicator measures."""

    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    QUALITATIVE = "qualitative", _("Qualitative")


class Direction(models.TextChoices):
    """Which way an indicator should move."""

    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")


class Aggregation(models.TextChoices):
    """How an indicator's measurements make its actual value."""

    SUM = "sum", _("Sum of periods")
    LATEST = "latest", _("Latest level")
