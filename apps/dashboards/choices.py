"""Named values of the dashboards' own figures: indicator bands and why an output is unplaced."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.programmes.progress import Band


class BandChoice(models.TextChoices):
    """An indicator's band (apps.programmes.progress.Band, pure and unlabelled) with its name."""

    NOT_DUE = Band.NOT_DUE.value, _("Not due")
    BELOW = Band.BELOW.value, _("Below plan")
    ON_TRACK = Band.ON_TRACK.value, _("On track")
    ABOVE = Band.ABOVE.value, _("Above plan")


class UnclassifiedReason(models.TextChoices):
    """Why the matrix cannot place an output."""

    NEVER_ASSESSED = "never_assessed", _("never assessed")
    # Classification only refuses when a dimension has fewer than 3 answered items.
    TOO_FEW_ANSWERS = "too_few_answers", _("fewer than three answers on a dimension")
