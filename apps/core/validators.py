"""Field validators shared by several apps."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

iso_alpha3 = RegexValidator(
    r"^[A-Z]{3}$", _("Enter an ISO 3166 alpha-3 country code in capitals, e.g. IDN.")
)
one_to_five = [MinValueValidator(1), MaxValueValidator(5)]
unit_interval = [MinValueValidator(0), MaxValueValidator(1)]
