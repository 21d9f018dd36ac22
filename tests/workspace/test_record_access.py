"""Who may see and change which records in the workspace (DESIGN section 5), for every kind.

Programme records: a signed-out visitor is sent to log in; a user without a role in the
programme, or with a role only in another one, gets 404 on every page; viewers and managers
read (200, with no edit controls) and are refused every write (403, nothing changed).
Shared records (stakeholders, sources, evidence): every signed-in user reads them, analysts of
any programme write them, everyone else is refused the writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from apps.workspace.views.base import record_url
from tests.factories import MembershipFactory, ObstacleFactory, ProgrammeFactory, UserFactory
from tests.workspace.kinds import KINDS, PROGRAMME_KINDS, SHARED_KINDS, kinds
from tests.workspace.pages import history_count
from tests.workspace.world import Kind, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, outcome, output, cause, alice):
    return World(programme=programme, outcome=outcome, output=output, cause=cause, analyst=alice)


@dataclass(frozen=True)
class Page:
    """One request a record page answers: what it does to the record, and whether it writes."""

    action: str
    method: str
    writes: bool


READS = [Page("list", "get", False), Page("detail", "get", False), Page("history", "get", False)]
WRITES = [
    Page("create", "get", True),
    Page("create", "post", True),
    Page("edit", "get", True),
    Page("edit", "post", True),
    Page("delete", "get", True),
    Page("delete", "post", True),
    Page("restore", "post", True),
]
PAGES = READS + WRITES


def request(client, kind: Kind, world: World, record, page: Page, form: dict | None = None):
    """Send the page's request about `record` as a browser would (posting `form`)."""
    if page.action == "restore":
        url = kind.restore_url(world, record, record.history.earliest("history_id"))
    elif page.action in ("list", "create"):
        url = kind.url(world, page.action)
    else:
        url = kind.url(world, page.action, record.pk)
    if page.method == "get":
        return client.get(url)
    return client.post(url, {"version": record.version, **(form or {})})


def actor(role: str, programme):
    """A user holding `role` in the programme ("none": no role anywhere; "elsewhere": an
    analyst of another programme only)."""
    user = UserFactory(username=f"{role}-user")
    if role == "elsewhere":
        MembershipFactory(user=user, programme=ProgrammeFactory(), role="analyst")
    elif role != "none":
        MembershipFactory(user=user, programme=programme, role=role)
    return user


def snapshot(kind: Kind, record) -> tuple[int, int, int]:
    """What a refused write must leave as it was: the rows, the record's version and history."""
    model = kind.declaration.model
    return model.objects.count(), model.objects.get(pk=record.pk).version, history_count(record)


def assert_refused(kind: Kind, world: World, client, record, expected: int) -> None:
    before = snapshot(kind, record)
    form = kind.create(world)
    for page in WRITES:
        response = request(client, kind, world, record, page, form)
        assert response.status_code == expected, (page, response.status_code)
    assert snapshot(kind, record) == before


def assert_reads_without_edit_controls(kind: Kind, world: World, client, record) -> None:
    for page in READS:
        response = request(client, kind, world, record, page)
        assert response.status_code == 200, page
        assert 'data-testid="edit-record"' not in response.text, page
        assert 'data-testid="create-record"' not in response.text, page
        assert "/restore/" not in response.text, page


# Programme records --------------------------------------------------------------------------


@kinds()
def test_signed_out_visitors_are_sent_to_log_in_from_every_page(kind, world, client):
    record = kind.make(world, 0)
    before = snapshot(kind, record)
    form = kind.create(world)

    for page in PAGES:
        response = request(client, kind, world, record, page, form)
        assert response.status_code == 302, page
        assert urlsplit(response["Location"]).path == reverse(settings.LOGIN_URL), page
    assert snapshot(kind, record) == before


@kinds(PROGRAMME_KINDS)
@pytest.mark.parametrize("role", ["none", "elsewhere"])
def test_a_user_without_a_role_in_the_programme_gets_404_on_every_page(kind, world, client, role):
    record = kind.make(world, 0)
    client.force_login(actor(role, world.programme))

    assert_refused(kind, world, client, record, 404)
    for page in READS:
        assert request(client, kind, world, record, page).status_code == 404, page


@kinds(PROGRAMME_KINDS)
@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_viewers_and_managers_read_without_edit_controls_and_are_refused_writes(
    kind, world, client, role
):
    record = kind.make(world, 0)
    client.force_login(actor(role, world.programme))

    assert_reads_without_edit_controls(kind, world, client, record)
    assert_refused(kind, world, client, record, 403)


def test_a_record_of_another_programme_is_404_even_through_the_analysts_own_programme(
    world, client, alice
):
    foreign = ObstacleFactory(programme=ProgrammeFactory(), cause=world.cause)
    spec = KINDS["obstacles"].declaration
    client.force_login(alice)

    assert client.get(record_url(spec, "detail", world.programme, foreign.pk)).status_code == 404
    assert client.get(record_url(spec, "detail", foreign.programme, foreign.pk)).status_code == 404
    assert client.get(record_url(spec, "edit", world.programme, foreign.pk)).status_code == 404


def test_an_unknown_kind_of_record_is_404(world, client, alice):
    client.force_login(alice)

    assert client.get(f"/p/{world.programme.code}/passwords/").status_code == 404
    # A shared kind is not served under a programme, nor a programme kind as shared.
    assert client.get(f"/p/{world.programme.code}/sources/").status_code == 404
    assert client.get("/shared/obstacles/").status_code == 404


# Shared records -----------------------------------------------------------------------------


@kinds(SHARED_KINDS)
@pytest.mark.parametrize("role", ["none", "viewer", "manager"])
def test_shared_records_are_read_by_any_signed_in_user_and_written_by_analysts_only(
    kind, world, client, role
):
    record = kind.make(world, 0)
    client.force_login(actor(role, world.programme))

    assert_reads_without_edit_controls(kind, world, client, record)
    assert_refused(kind, world, client, record, 403)


@kinds(SHARED_KINDS)
def test_an_analyst_of_any_programme_writes_shared_records(kind, world, client):
    record = kind.make(world, 0)
    client.force_login(actor("elsewhere", world.programme))
    model = kind.declaration.model
    data = kind.create(world)
    rows = model.objects.count()

    detail = client.get(kind.url(world, "detail", record.pk))
    created = client.post(kind.url(world, "create"), data)
    deleted = client.post(kind.url(world, "delete", record.pk), {"version": record.version})

    assert 'data-testid="edit-record"' in detail.text
    assert (created.status_code, deleted.status_code) == (302, 302)
    assert model.objects.count() == rows  # one created, one deleted
    assert not model.objects.filter(pk=record.pk).exists()
