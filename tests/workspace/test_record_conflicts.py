"""Conflict-safe editing in the browser (DESIGN section 6), for every kind of record.

Two people open the same record at the same version and both save: the second gets a 409 page
that shows the other person's value beside theirs and saves nothing of theirs, until they choose
"Save my version over theirs". Deletes and restores from a stale version are refused too.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from tests.workspace.kinds import kinds
from tests.workspace.pages import form_data, form_with, history_count
from tests.workspace.world import Kind, World

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_edit(client: Client, kind: Kind, world: World, record) -> dict:
    page = client.get(kind.url(world, "edit", record.pk))
    assert page.status_code == 200
    return form_data(page.context["form"])


@kinds()
def test_the_second_of_two_edits_from_one_version_gets_409_and_saves_nothing(
    kind, world, alice, dana
):
    record = kind.make(world, 0)
    field, theirs, mine = kind.edit
    alices, danas = browser(alice), browser(dana)
    alices_form, danas_form = (open_edit(c, kind, world, record) for c in (alices, danas))
    url = kind.url(world, "edit", record.pk)

    first = danas.post(url, danas_form | {field: theirs})
    second = alices.post(url, alices_form | {field: mine})

    assert first.status_code == 302
    assert second.status_code == 409
    assert 'data-testid="conflict"' in second.text
    assert escape(theirs) in second.text
    assert escape(mine) in second.text
    assert "dana" in second.text
    label = str(kind.declaration.model._meta.get_field(field).verbose_name)
    row = next(row for row in second.context["rows"] if str(row["label"]).lower() == label)
    assert (row["theirs"], row["yours"], row["they_changed"]) == (theirs, mine, True)
    record.refresh_from_db()
    assert (str(getattr(record, field)), record.version) == (theirs, 2)
    assert history_count(record) == 2


@kinds()
def test_save_my_version_over_theirs_posts_mine_at_the_current_version(kind, world, alice, dana):
    record = kind.make(world, 0)
    field, theirs, mine = kind.edit
    alices, danas = browser(alice), browser(dana)
    alices_form, danas_form = (open_edit(c, kind, world, record) for c in (alices, danas))
    url = kind.url(world, "edit", record.pk)
    assert danas.post(url, danas_form | {field: theirs}).status_code == 302
    conflict = alices.post(url, alices_form | {field: mine})

    action, fields = form_with(conflict.text, "keep-mine")
    response = alices.post(action, fields)

    assert action == url
    assert fields["version"] == ["2"]
    assert response.status_code == 302
    record.refresh_from_db()
    assert (str(getattr(record, field)), record.version) == (mine, 3)
    assert record.history.first().history_user == alice


@kinds()
def test_stale_delete_and_restore_are_refused_and_change_nothing(kind, world, alice, dana):
    record = kind.make(world, 0)
    field, theirs, _ = kind.edit
    alices, danas = browser(alice), browser(dana)
    created = record.history.earliest("history_id")
    url = kind.url(world, "edit", record.pk)
    assert (
        danas.post(url, open_edit(danas, kind, world, record) | {field: theirs}).status_code == 302
    )

    deleted = alices.post(kind.url(world, "delete", record.pk), {"version": 1}, follow=True)
    restored = alices.post(kind.restore_url(world, record, created), {"version": 1}, follow=True)

    assert "Not deleted" in deleted.text
    assert "Not restored" in restored.text
    record.refresh_from_db()
    assert (str(getattr(record, field)), record.version) == (theirs, 2)
    assert history_count(record) == 2
