"""The permission matrix's actors and methods: who calls the API, and with which operation.

The actors are the people and tokens of one programme ("this programme", built fresh for every
cell as a `World`) and one outsider, an analyst of another programme.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import ApiToken
from apps.accounts.services import api_token_create, api_token_revoke
from apps.programmes.models import Programme
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    UserFactory,
)

# --------------------------------------------------------------------------------------------
# The world of one cell: this programme, built fresh, and its analyst when a cell needs one
# --------------------------------------------------------------------------------------------


class World:
    """This programme, and on demand its analyst (who also owns the API tokens of the matrix)."""

    def __init__(self) -> None:
        self.programme: Programme = ProgrammeFactory()

    @functools.cached_property
    def analyst(self) -> Any:
        user = UserFactory()
        MembershipFactory(user=user, programme=self.programme, role="analyst")
        return user

    def outcome(self) -> Any:
        return OutcomeFactory(programme=self.programme)

    def output(self) -> Any:
        return OutputFactory(outcome=self.outcome())

    def indicator(self) -> Any:
        return IndicatorFactory(output=self.output())


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------


class Token(enum.Enum):
    READ = "read"
    READ_WRITE = "read_write"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Actor:
    """Someone calling the API; token actors are API tokens of this programme's analyst."""

    name: str
    role: str | None = None  # role in this programme
    elsewhere: bool = False  # analyst of another programme (and no role in this one)
    staff: bool = False
    token: Token | None = None
    anonymous: bool = False

    @property
    def refused_credentials(self) -> bool:
        return self.token in (Token.EXPIRED, Token.REVOKED)

    @property
    def read_only_token(self) -> bool:
        return self.token is Token.READ

    @property
    def reads_programme(self) -> bool:
        return self.staff or self.role is not None

    @property
    def writes_programme(self) -> bool:
        return self.staff or self.role == "analyst"

    @property
    def writes_shared(self) -> bool:
        return self.staff or self.role == "analyst" or self.elsewhere

    @property
    def owns_tokens(self) -> bool:
        """The analyst of this programme owns the tokens of the matrix (and the target token)."""
        return self.role == "analyst"

    def sign_in(self, client: APIClient, world: World) -> Any:
        """Give the client this actor's credentials; the user they act as (None if nobody)."""
        if self.anonymous:
            return None
        if self.token is not None:
            user = world.analyst
            token, secret = api_token_create(
                user=user, name=f"{self.name} token", read_only=self.token is Token.READ
            )
            if self.token is Token.EXPIRED:
                ApiToken.objects.filter(pk=token.pk).update(
                    expires_at=timezone.now() - timedelta(minutes=1)
                )
            elif self.token is Token.REVOKED:
                api_token_revoke(token=token)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
            return user
        if self.role == "analyst":
            user = world.analyst
        else:
            user = UserFactory(is_staff=self.staff)
            if self.role is not None:
                MembershipFactory(user=user, programme=world.programme, role=self.role)
            if self.elsewhere:
                MembershipFactory(user=user, programme=ProgrammeFactory(), role="analyst")
        client.force_login(user)
        return user


ACTORS = [
    Actor("anonymous", anonymous=True),
    Actor("viewer", role="viewer"),
    Actor("manager", role="manager"),
    Actor("analyst", role="analyst"),
    Actor("analyst_other", elsewhere=True),
    Actor("staff", staff=True),
    Actor("token_read", role="analyst", token=Token.READ),
    Actor("token_read_write", role="analyst", token=Token.READ_WRITE),
    Actor("token_expired", role="analyst", token=Token.EXPIRED),
    Actor("token_revoked", role="analyst", token=Token.REVOKED),
]


# --------------------------------------------------------------------------------------------
# Methods
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """One operation of a viewset: its HTTP verb, its route and the status of its success."""

    label: str
    verb: str
    action: str
    detail: bool
    success: int

    @property
    def writes(self) -> bool:
        return self.verb not in ("get", "head", "options")


LIST = Method("LIST", "get", "list", detail=False, success=200)
CREATE = Method("POST", "post", "create", detail=False, success=201)
RETRIEVE = Method("GET", "get", "retrieve", detail=True, success=200)
UPDATE = Method("PUT", "put", "update", detail=True, success=200)
PARTIAL_UPDATE = Method("PATCH", "patch", "partial_update", detail=True, success=200)
DESTROY = Method("DELETE", "delete", "destroy", detail=True, success=204)
METHODS = [LIST, CREATE, RETRIEVE, UPDATE, PARTIAL_UPDATE, DESTROY]
