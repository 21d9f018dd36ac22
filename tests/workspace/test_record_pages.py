"""The generic record pages, generated over every kind of record in the registry.

List (filter, search, sort, pages), detail, create (valid and invalid), edit, delete, history and
restore, each as an analyst of the programme; the rows come from `kinds.KINDS`.
Who may not do these things is in `test_record_access.py`; stale edits in
`test_record_conflicts.py`.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils.html import escape

from apps.assessments.services import assessment_create
from apps.workspace.views.records import PAGE_SIZE
from tests.factories import EvidenceFactory, OutputFactory, SourceFactory
from tests.query_counts import RecordQueries
from tests.workspace.kinds import KINDS, SYMBOLIC, kinds, marker
from tests.workspace.pages import form_data, history_count, listed
from tests.workspace.world import Kind, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, outcome, output, cause, alice):
    return World(programme=programme, outcome=outcome, output=output, cause=cause, analyst=alice)


@pytest.fixture
def analyst(client, alice):
    """A browser signed in as Alice, analyst of the programme."""
    client.force_login(alice)
    return client


def edit(client, kind: Kind, world: World, record, value: str):
    """Open the edit page, change the kind's edit field to `value` and save."""
    page = client.get(kind.url(world, "edit", record.pk))
    assert page.status_code == 200
    field = kind.edit[0]
    return client.post(
        kind.url(world, "edit", record.pk), form_data(page.context["form"]) | {field: value}
    )


def shown(record, field: str) -> str:
    return str(getattr(type(record).objects.get(pk=record.pk), field))


# List ---------------------------------------------------------------------------------------


@kinds()
def test_list_page_shows_the_records_of_the_kind_with_a_create_button(kind, world, analyst):
    record = kind.make(world, 0)

    response = analyst.get(kind.url(world, "list"))

    assert response.status_code == 200
    assert record.pk in listed(response)
    assert f'href="{kind.url(world, "detail", record.pk)}"' in response.text
    assert 'data-testid="create-record"' in response.text


@kinds()
def test_list_filter_keeps_only_the_matching_records(kind, world, analyst):
    kept, dropped = kind.make(world, 0), kind.make(world, 1)
    params = kind.filter(kept)

    response = analyst.get(kind.url(world, "list"), params)

    assert response.status_code == 200
    assert set(params) <= set(response.context["filterset"].form.fields)  # offered on the page
    assert kept.pk in listed(response)
    assert dropped.pk not in listed(response)


@kinds()
def test_list_search_finds_the_matching_record_only_whatever_the_case(kind, world, analyst):
    kept, _dropped = kind.make(world, 0), kind.make(world, 1)

    response = analyst.get(kind.url(world, "list"), {"q": marker(0).upper()})

    assert response.status_code == 200
    assert listed(response) == [kept.pk]


@kinds()
def test_list_sorts_by_a_column_both_ways(kind, world, analyst):
    made = [kind.make(world, i).pk for i in range(3)]

    ascending = analyst.get(kind.url(world, "list"), {"o": kind.ordering})
    descending = analyst.get(kind.url(world, "list"), {"o": f"-{kind.ordering}"})

    assert [pk for pk in listed(ascending) if pk in made] == made
    assert [pk for pk in listed(descending) if pk in made] == made[::-1]
    assert "▲" in ascending.text
    assert "▼" in descending.text


def test_list_ignores_an_ordering_that_is_not_a_column(world, analyst):
    kind = KINDS["outputs"]
    kind.make(world, 0)

    response = analyst.get(kind.url(world, "list"), {"o": "programme__memberships__user__password"})

    assert response.status_code == 200
    assert response.context["ordering"] == ""


@kinds()
def test_list_pages_past_25_rows_and_keeps_the_search_in_page_links(kind, world, analyst):
    made = {kind.make(world, i).pk for i in range(PAGE_SIZE + 2)}

    first = analyst.get(kind.url(world, "list"), {"q": "tok"})
    second = analyst.get(kind.url(world, "list"), {"q": "tok", "page": 2})

    assert first.context["page"].paginator.count == PAGE_SIZE + 2
    assert len(listed(first)) == PAGE_SIZE
    assert len(listed(second)) == 2
    assert set(listed(first)) | set(listed(second)) == made
    assert "?q=tok&amp;page=2" in first.text


@kinds()
def test_list_page_costs_the_same_queries_for_5_and_50_rows(kind, world, analyst):
    url = kind.url(world, "list")
    for i in range(5):
        kind.make(world, i)
    analyst.get(url)  # warm up: one-off lookups (content types, sessions) are not per row
    with RecordQueries(connection) as small:
        assert analyst.get(url).status_code == 200
    for i in range(5, 50):
        kind.make(world, i)
    with RecordQueries(connection) as large:
        assert analyst.get(url).status_code == 200

    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_outputs_list_filters_by_current_quadrant_and_borderline(world, analyst, alice):
    kind = KINDS["outputs"]
    symbolic, never_assessed = kind.make(world, 0), kind.make(world, 1)
    assessment_create(actor=alice, output=symbolic, assessed_on=symbolic.start_date, items=SYMBOLIC)

    by_quadrant = analyst.get(kind.url(world, "list"), {"quadrant": "symbolic"})
    unclassified = analyst.get(kind.url(world, "list"), {"quadrant": "unclassified"})
    not_borderline = analyst.get(kind.url(world, "list"), {"borderline": "false"})

    assert by_quadrant.status_code == 200
    assert listed(by_quadrant) == [symbolic.pk]
    assert never_assessed.pk in listed(unclassified)
    assert symbolic.pk not in listed(unclassified)
    assert symbolic.pk in listed(not_borderline)


# Detail -------------------------------------------------------------------------------------


@kinds()
def test_detail_page_shows_the_record_with_links_to_edit_and_history(kind, world, analyst):
    record = kind.make(world, 0)

    response = analyst.get(kind.url(world, "detail", record.pk))

    assert response.status_code == 200
    assert escape(str(record)) in response.text
    assert 'data-testid="edit-record"' in response.text
    assert kind.url(world, "history", record.pk) in response.text


# Create -------------------------------------------------------------------------------------


@kinds()
def test_create_page_shows_an_empty_form(kind, world, analyst):
    response = analyst.get(kind.url(world, "create"))

    assert response.status_code == 200
    assert 'data-testid="record-form"' in response.text
    assert "version" not in response.context["form"].fields


@kinds()
def test_valid_create_saves_version_1_through_the_service_with_the_user_in_history(
    kind, world, analyst, alice
):
    data = kind.create(world)
    model = kind.declaration.model
    before = set(model.objects.values_list("pk", flat=True))

    response = analyst.post(kind.url(world, "create"), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    created = model.objects.exclude(pk__in=before).get()
    assert response["Location"] == kind.url(world, "detail", created.pk)
    assert created.version == 1
    entry = created.history.earliest("history_id")
    assert (entry.history_type, entry.history_user) == ("+", alice)
    # Links set after the row (an obstacle's outputs) may add a second entry, by the same user.
    assert {e.history_user for e in created.history.all()} == {alice}
    if not kind.shared:
        assert kind.declaration.programme_of(created) == world.programme


@kinds()
def test_invalid_create_answers_400_with_the_field_error_and_saves_nothing(kind, world, analyst):
    data = kind.invalid(world)
    model = kind.declaration.model
    rows, changes = model.objects.count(), model.history.count()

    response = analyst.post(kind.url(world, "create"), data)

    assert response.status_code == 400
    assert f'data-field-error="{kind.invalid_field}"' in response.text
    assert "Nothing was saved" in response.text
    assert (model.objects.count(), model.history.count()) == (rows, changes)


def test_create_page_presets_the_parent_from_the_link(world, analyst):
    kind = KINDS["indicators"]

    response = analyst.get(kind.url(world, "create"), {"output": world.output.pk, "next": "/x/"})

    assert response.context["form"]["output"].value() == str(world.output.pk)
    assert 'name="next" value="/x/"' in response.text


def test_create_returns_to_a_local_next_page(world, analyst):
    kind = KINDS["outcomes"]
    back = f"/p/{world.programme.code}/"

    response = analyst.post(kind.url(world, "create"), kind.create(world) | {"next": back})

    assert response.status_code == 302
    assert response["Location"] == back


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/x"])
def test_create_never_redirects_to_another_site(world, analyst, elsewhere):
    kind = KINDS["outcomes"]

    response = analyst.post(kind.url(world, "create"), kind.create(world) | {"next": elsewhere})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_an_output_of_another_programme_is_not_a_choice_for_an_indicator(world, analyst):
    kind = KINDS["indicators"]
    foreign = OutputFactory()
    data = kind.create(world) | {"output": foreign.pk}

    response = analyst.post(kind.url(world, "create"), data)

    assert response.status_code == 400
    assert 'data-field-error="output"' in response.text
    assert not foreign.indicators.exists()


# Edit ---------------------------------------------------------------------------------------


@kinds()
def test_edit_page_carries_the_version_it_was_read_at(kind, world, analyst):
    record = kind.make(world, 0)

    response = analyst.get(kind.url(world, "edit", record.pk))

    assert response.status_code == 200
    assert response.context["form"]["version"].value() == record.version
    assert f'name="version" value="{record.version}"' in response.text


@kinds()
def test_edit_saves_the_change_and_raises_the_version(kind, world, analyst, alice):
    record = kind.make(world, 0)
    field, value, _ = kind.edit

    response = edit(analyst, kind, world, record, value)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response["Location"] == kind.url(world, "detail", record.pk)
    record.refresh_from_db()
    assert str(getattr(record, field)) == value
    assert record.version == 2
    latest = record.history.first()
    assert (latest.history_type, latest.history_user) == ("~", alice)


# Delete -------------------------------------------------------------------------------------


@kinds()
def test_delete_asks_first_then_removes_the_record(kind, world, analyst, alice):
    record = kind.make(world, 0)

    confirm = analyst.get(kind.url(world, "delete", record.pk))
    response = analyst.post(kind.url(world, "delete", record.pk), {"version": record.version})

    assert confirm.status_code == 200
    assert 'data-testid="confirm-delete"' in confirm.text
    assert response.status_code == 302
    assert response["Location"] == kind.url(world, "list")
    assert not type(record).objects.filter(pk=record.pk).exists()
    gone = type(record).history.filter(id=record.pk).first()
    assert (gone.history_type, gone.history_user) == ("-", alice)


def test_deleting_a_source_that_evidence_quotes_is_refused_with_a_message(world, analyst):
    kind = KINDS["sources"]
    source = SourceFactory(title="Quoted report")
    EvidenceFactory(source=source)

    response = analyst.post(
        kind.url(world, "delete", source.pk), {"version": source.version}, follow=True
    )

    assert response.status_code == 200
    assert type(source).objects.filter(pk=source.pk).exists()
    assert "Not deleted" in response.text


# History and restore ------------------------------------------------------------------------


@kinds()
def test_history_lists_each_change_with_its_user_and_field_diff(kind, world, analyst, alice):
    record = kind.make(world, 0)
    field, value, _ = kind.edit
    before = shown(record, field)
    assert edit(analyst, kind, world, record, value).status_code == 302

    response = analyst.get(kind.url(world, "history", record.pk))

    assert response.status_code == 200
    changes = response.context["changes"]
    assert len(changes) == 2
    assert changes[0]["entry"].history_user == alice
    label = str(kind.declaration.model._meta.get_field(field).verbose_name)
    assert {"field": label, "old": before or "—", "new": value} in changes[0]["diff"]
    assert alice.username in response.text
    assert escape(before) in response.text
    assert escape(value) in response.text


@kinds()
def test_restore_brings_back_old_values_as_a_new_change(kind, world, analyst, alice):
    record = kind.make(world, 0)
    field, value, _ = kind.edit
    original = shown(record, field)
    assert edit(analyst, kind, world, record, value).status_code == 302
    created = record.history.earliest("history_id")

    response = analyst.post(kind.restore_url(world, record, created), {"version": 2})

    assert response.status_code == 302
    assert response["Location"] == kind.url(world, "detail", record.pk)
    record.refresh_from_db()
    assert str(getattr(record, field)) == original
    assert record.version == 3
    assert history_count(record) == 3
    latest = record.history.first()
    assert (latest.history_type, latest.history_user) == ("~", alice)
