"""Choices of the assessments app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuadrantChoice(models.TextChoices):
    """Matland's four kinds of implementation, plus not enough evidence to say."""

    ADMINISTRATIVE = "administrative", _("Administrative implementation")
    POLITICAL = "political", _("Political implementation")
    EXPERIMENTAL = "experimental", _("Experimental implementation")
    SYMBOLIC = "symbolic", _("Symbolic implementation")
    UNCLASSIFIED = "unclassified", _("Unclassified")


class ItemScore(models.IntegerChoices):
    """The answer to one rubric item; blank means not known."""

    CLEAR = 0, _("0 – clear / agreed")
    PARTLY = 1, _("1 – partly")
    ABSENT = 2, _("2 – absent / contested")
