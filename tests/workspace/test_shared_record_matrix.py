"""The permission matrix of shared records across two programmes (issue 9, S1 and S2).

Stakeholders, sources and evidence excerpts are shared by every programme. Reproduced before:
any analyst of any programme could rewrite a stakeholder, source or excerpt that another
programme relied on (only deletion was guarded). Now a shared record used by programmes is
changed only by its stewards: staff, or a user who may write every programme that uses it.

Every cell builds two programmes, P ("this") and Q ("other"), and one record of the kind in one
of three states: used by no programme, used by P, used by P and Q. Each actor then reads it,
lists and filters its kind, edits it and deletes it; the status and what is stored are checked.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from apps.accounts.services import api_token_create
from apps.programmes.models import Output
from tests.factories import (
    EvidenceFactory,
    InvolvementFactory,
    MembershipFactory,
    ObstacleCauseFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KINDS = {
    "stakeholders": {"field": "notes"},
    "sources": {"field": "note"},
    "evidence": {"field": "note"},
}
STATES = ["unused", "used_by_this", "used_by_both"]


@dataclass(frozen=True)
class Actor:
    name: str
    roles_here: str | None = None  # role in P
    analyst_there: bool = False  # analyst of Q
    staff: bool = False
    token: str | None = None  # "read" or "write": a token of an analyst of P
    anonymous: bool = False
    no_role: bool = False

    @property
    def reads_this(self) -> bool:
        return self.staff or self.roles_here is not None or self.token is not None

    def writes(self, programme: str) -> bool:
        if self.staff:
            return True
        if self.token == "read":
            return False
        if programme == "this":
            return self.roles_here == "analyst" or self.token == "write"
        return self.analyst_there

    @property
    def writes_somewhere(self) -> bool:
        return self.writes("this") or self.writes("there")


ACTORS = [
    Actor("anonymous", anonymous=True),
    Actor("no_role", no_role=True),
    Actor("viewer_here", roles_here="viewer"),
    Actor("manager_here", roles_here="manager"),
    Actor("analyst_here", roles_here="analyst"),
    Actor("analyst_there", analyst_there=True),
    Actor("analyst_both", roles_here="analyst", analyst_there=True),
    Actor("staff", staff=True),
    Actor("token_read_here", token="read"),
    Actor("token_write_here", token="write"),
]


class World:
    """P and Q, each with an output and an obstacle, and a shared record of one kind."""

    def __init__(self, kind: str, state: str) -> None:
        self.this = ProgrammeFactory(code="THIS")
        self.there = ProgrammeFactory(code="THERE")
        cause = ObstacleCauseFactory()
        self.outputs = {
            programme: OutputFactory(outcome=OutcomeFactory(programme=programme))
            for programme in (self.this, self.there)
        }
        self.obstacles = {
            programme: ObstacleFactory(programme=programme, cause=cause)
            for programme in (self.this, self.there)
        }
        self.record = {
            "stakeholders": StakeholderFactory,
            "sources": SourceFactory,
            "evidence": lambda: EvidenceFactory(source=SourceFactory()),
        }[kind]()
        users = {"unused": [], "used_by_this": [self.this], "used_by_both": [self.this, self.there]}
        for programme in users[state]:
            self.use(kind, programme)

    def use(self, kind: str, programme: Any) -> None:
        output, obstacle = self.outputs[programme], self.obstacles[programme]
        if kind == "stakeholders":
            InvolvementFactory(stakeholder=self.record, output=output, programme=programme)
            Output.objects.filter(pk=output.pk).update(lead=self.record)
        elif kind == "sources":
            # Through an excerpt quoting it, which the programme's obstacle cites.
            obstacle.evidence.add(EvidenceFactory(source=self.record))
        else:
            obstacle.evidence.add(self.record)

    def client_of(self, actor: Actor) -> APIClient:
        client = APIClient()
        if actor.anonymous:
            return client
        user = UserFactory(is_staff=actor.staff)
        if actor.roles_here:
            MembershipFactory(user=user, programme=self.this, role=actor.roles_here)
        if actor.analyst_there:
            MembershipFactory(user=user, programme=self.there, role="analyst")
        if actor.token:
            MembershipFactory(user=user, programme=self.this, role="analyst")
            _, secret = api_token_create(user=user, name="matrix", read_only=actor.token == "read")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        else:
            client.force_login(user)
        return client


def using(state: str) -> list[str]:
    return {"unused": [], "used_by_this": ["this"], "used_by_both": ["this", "there"]}[state]


def expected_edit(actor: Actor, state: str) -> int:
    if actor.anonymous:
        return 401
    if not actor.writes_somewhere:
        return 403
    return 200 if all(actor.writes(programme) for programme in using(state)) else 403


def expected_delete(actor: Actor, state: str) -> int:
    if actor.anonymous:
        return 401
    if not actor.writes_somewhere:
        return 403
    return 204 if state == "unused" else 409  # never while anything refers to it


def cells(kinds: Any = KINDS) -> list[Any]:
    return [
        pytest.param(actor, kind, state, id=f"{actor.name}-{kind}-{state}")
        for kind, state, actor in itertools.product(kinds, STATES, ACTORS)
    ]


@pytest.mark.parametrize(("actor", "kind", "state"), cells())
def test_read_and_list(actor: Actor, kind: str, state: str) -> None:
    world = World(kind, state)
    client = world.client_of(actor)

    detail = client.get(f"/api/v1/{kind}/{world.record.pk}/")
    listed = client.get(f"/api/v1/{kind}/", {"page_size": 200})

    if actor.anonymous:
        assert (detail.status_code, listed.status_code) == (401, 401)
        return
    # Shared records are reference data: every signed-in user reads them (docs/api.md).
    assert detail.status_code == 200, detail.content
    assert world.record.pk in [row["id"] for row in listed.json()["results"]]


# The source list has no filter naming a programme's record.
@pytest.mark.parametrize(("actor", "kind", "state"), cells(["stakeholders", "evidence"]))
def test_filter_by_a_record_of_this_programme(actor: Actor, kind: str, state: str) -> None:
    world = World(kind, state)
    client = world.client_of(actor)
    name, value = {
        "stakeholders": ("programme", world.this.pk),
        "evidence": ("obstacle", world.obstacles[world.this].pk),
    }[kind]

    response = client.get(f"/api/v1/{kind}/", {name: value})

    if actor.anonymous:
        assert response.status_code == 401
    elif actor.reads_this:
        assert response.status_code == 200
        found = [row["id"] for row in response.json()["results"]]
        assert (world.record.pk in found) == (state != "unused")
    else:
        assert response.status_code == 400, response.content
        assert name in response.json()


@pytest.mark.parametrize(("actor", "kind", "state"), cells())
def test_edit(actor: Actor, kind: str, state: str) -> None:
    world = World(kind, state)
    client = world.client_of(actor)
    field = KINDS[kind]["field"]
    before = world.record.history.count()

    response = client.patch(f"/api/v1/{kind}/{world.record.pk}/", {field: "changed"}, format="json")

    expected = expected_edit(actor, state)
    assert response.status_code == expected, response.content
    world.record.refresh_from_db()
    if expected == 200:
        assert getattr(world.record, field) == "changed"
        assert world.record.history.count() == before + 1  # every change is in its history
    else:
        assert getattr(world.record, field) != "changed"
        assert world.record.history.count() == before
    if expected == 403 and actor.writes_somewhere and actor.token != "read":
        assert "programme" in response.json()["detail"]


@pytest.mark.parametrize(("actor", "kind", "state"), cells())
def test_delete(actor: Actor, kind: str, state: str) -> None:
    world = World(kind, state)
    client = world.client_of(actor)

    response = client.delete(f"/api/v1/{kind}/{world.record.pk}/")

    expected = expected_delete(actor, state)
    assert response.status_code == expected, response.content
    assert type(world.record).objects.filter(pk=world.record.pk).exists() == (expected != 204)
