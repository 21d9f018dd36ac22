"""The conflict screen's many-to-many rows (issue 10, 2): linked records by name, and a row is
marked changed only on the side whose set of linked records differs from the one the user
opened.

Run for every kind whose edit form links records (an obstacle's outputs, stakeholders, evidence
and sources; an assessment's evidence; the sources of outcomes, outputs, indicators,
stakeholders and involvements). Some of these links are kept in the record's history
(django-simple-history's `m2m_fields`), the sources are not: for those the screen compares
with what the form showed when the user opened it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.db.models import Model

from apps.evidence.models import Evidence, Source
from apps.programmes.models import Output
from apps.stakeholders.models import Stakeholder
from tests.factories import (
    EvidenceFactory,
    OutputFactory,
    SourceFactory,
    StakeholderFactory,
)
from tests.workspace.kinds import ALL_KINDS, kinds
from tests.workspace.pages import form_data
from tests.workspace.world import Kind, World

pytestmark = pytest.mark.django_db


def linking_kinds() -> list[Kind]:
    """The kinds whose edit form has a many-to-many field."""
    return [kind for kind in ALL_KINDS if many_fields(kind)]


def many_fields(kind: Kind) -> list[str]:
    form = kind.declaration.form_class
    model = kind.declaration.model
    return [
        name
        for name in form._meta.fields
        if getattr(model._meta.get_field(name), "many_to_many", False)
    ]


def linkable(world: World, model: type[Model], i: int) -> Model:
    """The i-th record a many-to-many field of the kind can point at, named after i."""
    if model is Output:
        return OutputFactory(outcome=world.outcome, code=f"7.{i}", title=f"Linked output {i}")
    if model is Stakeholder:
        return StakeholderFactory(name=f"Linked agency {i}", acronym=f"LA{i}")
    if model is Evidence:
        return EvidenceFactory(excerpt=f"Linked excerpt {i}")
    if model is Source:
        return SourceFactory(key=f"linked-{i}", title=f"Linked source {i}")
    raise AssertionError(f"no linkable {model.__name__} in this test")


class Scene:
    """A record linked to two records on each many-to-many field, opened by Alice and Dana."""

    def __init__(self, kind: Kind, world: World, client: Any, alice: Any, dana: Any) -> None:
        self.kind, self.world = kind, world
        self.record = kind.make(world, 0)
        self.fields = many_fields(kind)
        self.linked: dict[str, list[Model]] = {}
        for n, name in enumerate(self.fields):
            model = self.record._meta.get_field(name).related_model
            self.linked[name] = [linkable(world, model, 10 * n + i) for i in range(3)]
            getattr(self.record, name).set(self.linked[name][:2])
        self.url = kind.url(world, "edit", self.record.pk)
        self.alices = self._browser(client, alice)
        self.danas = self._browser(client.__class__(), dana)
        self.alices_form = self._open(self.alices)
        self.danas_form = self._open(self.danas)

    @staticmethod
    def _browser(client: Any, user: Any) -> Any:
        client.force_login(user)
        return client

    def _open(self, client: Any) -> dict[str, Any]:
        page = client.get(self.url)
        assert page.status_code == 200
        posted = form_data(page.context["form"])
        for name in posted:  # what form_data posts, the page holds (the opened values' copy too)
            assert f'name="{name}"' in page.text, name
        return posted

    def relinked(self) -> dict[str, list[int]]:
        """Every many-to-many field pointing at the second and third records instead."""
        return {name: [item.pk for item in records[1:]] for name, records in self.linked.items()}

    def conflict(self, *, dana_posts: dict[str, Any], alice_posts: dict[str, Any]) -> Any:
        field, theirs, mine = self.kind.edit
        first = self.danas.post(self.url, self.danas_form | {field: theirs} | dana_posts)
        assert first.status_code == 302, (
            getattr(first, "context", None) and first.context["form"].errors
        )
        second = self.alices.post(self.url, self.alices_form | {field: mine} | alice_posts)
        assert second.status_code == 409
        return second

    def rows(self, response: Any) -> dict[str, dict[str, Any]]:
        labels = {
            str(self.kind.declaration.form_class.base_fields[name].label or name).lower(): name
            for name in self.fields
        }
        return {
            labels[str(row["label"]).lower()]: row
            for row in response.context["rows"]
            if str(row["label"]).lower() in labels
        }

    def names(self, name: str, records: slice) -> str:
        return "; ".join(sorted(str(record) for record in self.linked[name][records]))


@pytest.fixture
def scene(kind, world, client, alice, dana) -> Scene:
    return Scene(kind, world, client, alice, dana)


@kinds(linking_kinds())
def test_links_neither_side_touched_are_not_shown_as_a_conflict(kind, scene):
    response = scene.conflict(dana_posts={}, alice_posts={})

    assert scene.rows(response) == {}
    assert "Historical" not in response.text


# Who relinks every many-to-many field: Dana (saved first: "theirs") or Alice ("yours").
RELINKED_BY = {"dana": (True, False), "alice": (False, True)}


@pytest.mark.parametrize("relinker", RELINKED_BY)
@kinds(linking_kinds())
def test_changed_links_show_the_records_by_name_marked_on_the_changing_side(kind, scene, relinker):
    relinked = scene.relinked()
    response = scene.conflict(
        dana_posts=relinked if relinker == "dana" else {},
        alice_posts=relinked if relinker == "alice" else {},
    )

    rows = scene.rows(response)
    assert set(rows) == set(scene.fields)
    opened, changed = scene.names, lambda name: scene.names(name, slice(1, 3))
    for name, row in rows.items():
        theirs = changed(name) if relinker == "dana" else opened(name, slice(0, 2))
        yours = changed(name) if relinker == "alice" else opened(name, slice(0, 2))
        assert (row["before"], row["theirs"], row["yours"]) == (
            opened(name, slice(0, 2)),
            theirs,
            yours,
        ), name
        assert (row["they_changed"], row["you_changed"]) == RELINKED_BY[relinker], name
    assert "Historical" not in response.text


def test_every_many_to_many_field_of_an_edit_form_is_covered():
    covered = {(kind.key, name) for kind in linking_kinds() for name in many_fields(kind)}
    expected = {
        (kind.key, name)
        for kind in ALL_KINDS
        for name, field in kind.declaration.form_class.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField)
    }
    assert covered == expected
    assert {("obstacles", "outputs"), ("obstacles", "evidence"), ("assessments", "evidence")} <= (
        covered
    )


@kinds([kind for kind in linking_kinds() if kind.key in ("obstacles", "assessments")])
def test_the_history_page_names_the_linked_records_of_a_change(kind, scene):
    name = next(field for field in scene.fields if field != "sources")
    getattr(scene.record, name).add(scene.linked[name][2])

    page = scene.alices.get(scene.kind.url(scene.world, "history", scene.record.pk))

    label = str(scene.record._meta.get_field(name).verbose_name)
    latest = next(row for row in page.context["changes"][0]["diff"] if row["field"] == label)
    assert (latest["old"], latest["new"]) == (
        scene.names(name, slice(0, 2)),
        scene.names(name, slice(0, 3)),
    )
    assert "{'" not in page.text
