"""FilterSets of the accounts app."""

from __future__ import annotations

import django_filters as filters

from apps.accounts.choices import Role
from apps.accounts.models import Membership
from apps.workspace.filters import PantauFilterSet


class MembershipFilter(PantauFilterSet):
    """Memberships by programme, user and role."""

    role = filters.ChoiceFilter(choices=Role.choices)
    username = filters.CharFilter(field_name="user__username")
    programme_code = filters.CharFilter(field_name="programme__code")

    class Meta:
        model = Membership
        fields = ["programme", "user"]
