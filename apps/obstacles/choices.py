"""Choices of the obstacles app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """The Matland dimension an obstacle cause mainly raises."""

    AMBIGUITY = "ambiguity", _("Ambiguity")
    CONFLICT = "conflict", _("Conflict")
    RESOURCES = "resources", _("Resources")
    CONTEXT = "context", _("Context")


class Manifestation(models.TextChoices):
    """How an obstacle shows itself in implementation."""

    AMBIGUOUS_INTERPRETATION = "ambiguous_interpretation", _("Ambiguity in policy interpretation")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    LIMITED_RESOURCES = "limited_resources", _("Limited resources")
    MISSING_OPERATIONAL_GUIDELINES = (
        "missing_operational_guidelines",
        _("Lack of clear operational guidelines"),
    )
    OTHER = "other", _("Other")


class ObstacleStatus(models.TextChoices):
    """Where an obstacle stands."""

    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Mitigating")
    RESOLVED = "resolved", _("Resolved")
    ACCEPTED = "accepted", _("Accepted")


ACTIVE_STATUSES = (ObstacleStatus.OPEN, ObstacleStatus.MITIGATING)
