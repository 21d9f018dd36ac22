"""Choices of the evidence app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    """What kind of document a source is."""

    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    THESIS = "thesis", _("Thesis")
    DATASET = "dataset", _("Dataset")
    INTERVIEW = "interview", _("Interview")
    LAW = "law", _("Law")


class Stance(models.TextChoices):
    """Whether an excerpt supports or contests what it is attached to."""

    SUPPORTS = "supports", _("Supports")
    CONTESTS = "contests", _("Contests")
