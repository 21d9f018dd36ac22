"""Choices of the stakeholders app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderKind(models.TextChoices):
    """What sort of organisation a stakeholder is."""

    GOVERNMENT = "government", _("Government")
    UN_AGENCY = "un_agency", _("UN agency")
    DONOR = "donor", _("Donor")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE = "private", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    INTERNATIONAL = "international", _("International organisation")


class Level(models.TextChoices):
    """At which level a stakeholder acts."""

    INTERNATIONAL = "international", _("International")
    NATIONAL = "national", _("National")
    SUBNATIONAL = "subnational", _("Subnational")


class InvolvementRole(models.TextChoices):
    """The part a stakeholder plays in an output or programme."""

    LEAD = "lead", _("Lead")
    IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
    DONOR = "donor", _("Donor")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    OVERSIGHT = "oversight", _("Oversight")
    CONSULTED = "consulted", _("Consulted")


class Stance(models.TextChoices):
    """How a stakeholder stands towards an output."""

    CHAMPION = "champion", _("Champion")
    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    SCEPTIC = "sceptic", _("Sceptic")
    OPPONENT = "opponent", _("Opponent")
