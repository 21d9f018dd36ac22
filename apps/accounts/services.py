"""Writes of users and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from apps.accounts.models import Membership
from apps.core.services import record_create
from apps.programmes.models import Programme


def membership_set(
    *, user: Any, programme: Programme, role: str, actor: Any | None = None
) -> Membership:
    """Give a user a role in a programme, replacing any role they held there."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().filter(user=user, programme=programme).first()
        )
        if membership is None:
            return record_create(
                Membership, actor=actor, fields={"user": user, "programme": programme, "role": role}
            )
        if membership.role != role:
            membership.role = role
            if actor is not None:
                membership._history_user = actor
            membership.full_clean()
            membership.save()
        return membership


def membership_remove(*, user: Any, programme: Programme, actor: Any | None = None) -> bool:
    """Take a user's role in a programme away; False when they had none."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, programme=programme).first()
        if membership is None:
            return False
        if actor is not None:
            membership._history_user = actor
        membership.delete()
        return True


def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> Any:
    """Create a user with a hashed password."""
    user = get_user_model()(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
