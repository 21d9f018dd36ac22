"""Each kind of record is declared once: the workspace and the API search, scope and write alike.

Reproduced from the outside before the redesign: the workspace searched outputs without their
lead's name and indicators without their unit while the API found both, because the two
descriptions of each kind had drifted apart.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.workspace.kinds import all_kinds, page_kinds
from tests.factories import IndicatorFactory, OutputFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drifted(outcome, output):
    """An output led by an agency found only by its name, an indicator found only by its unit."""
    lead = StakeholderFactory(name="Badan Narkotika Nasional", acronym="XYZ")
    return {
        "outputs": OutputFactory(outcome=outcome, title="Port patrols", lead=lead),
        "indicators": IndicatorFactory(output=output, name="Seizures", unit="kilograms"),
    }


def workspace_found(client, programme, key: str, query: str) -> set[int]:
    response = client.get(reverse("record-list", args=[programme.code, key]), {"q": query})
    assert response.status_code == 200
    return {record.pk for record in response.context["page"].object_list}


def api_found(client, key: str, query: str) -> set[int]:
    response = client.get(f"/api/v1/{key}/", {"search": query, "page_size": 200})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(("key", "query"), [("outputs", "narkotika"), ("indicators", "kilogram")])
def test_the_workspace_list_finds_what_the_api_finds(client, alice, programme, drifted, key, query):
    client.force_login(alice)

    in_workspace = workspace_found(client, programme, key, query)

    assert in_workspace == {drifted[key].pk}
    assert in_workspace == api_found(client, key, query)


def test_site_search_finds_an_output_by_its_leads_name(client, alice, drifted):
    client.force_login(alice)

    response = client.get(reverse("search"), {"q": "narkotika"})

    groups = {
        group["kind"].key: [r for r, _ in group["results"]] for group in response.context["groups"]
    }
    assert groups["outputs"] == [drifted["outputs"]]


def test_site_search_ranks_a_code_match_before_a_description_match(client, alice, outcome):
    # The description match is the newer record: recency alone would list it first.
    by_code = OutputFactory(outcome=outcome, code="9.9", title="Border control")
    in_description = OutputFactory(outcome=outcome, code="7.1", description="see 9.9 for context")
    client.force_login(alice)

    response = client.get(reverse("search"), {"q": "9.9"})

    outputs = [r for r, _ in response.context["groups"][0]["results"]]
    assert outputs == [by_code, in_description]


def test_every_word_must_match_somewhere_in_both_searches(client, alice, programme, outcome):
    lead = StakeholderFactory(name="Customs", acronym="DJBC")
    both = OutputFactory(outcome=outcome, title="Harbour patrols", lead=lead)
    OutputFactory(outcome=outcome, title="Harbour study")
    client.force_login(alice)

    assert workspace_found(client, programme, "outputs", "harbour djbc") == {both.pk}
    assert api_found(client, "outputs", "harbour djbc") == {both.pk}


def test_the_workspace_and_the_api_scope_outputs_by_the_same_path(outcome):
    kinds = {kind.key: kind for kind in all_kinds()}

    assert kinds["outputs"].programme_path == "outcome__programme"
    output = OutputFactory(outcome=outcome)
    assert kinds["outputs"].programme_of(output) == outcome.programme


def test_every_kind_with_pages_has_a_form_columns_and_search_fields():
    for kind in page_kinds():
        assert kind.form_class is not None, kind.key
        assert kind.columns, kind.key
        assert kind.search_fields, kind.key
        assert kind.create_service is not None and kind.update_service is not None, kind.key


def test_the_column_map_of_a_kind_names_its_related_records_by_natural_key():
    kinds = {kind.key: kind for kind in all_kinds()}

    columns = {column.header: column for column in kinds["outputs"].exchange_columns()}

    assert columns["outcome"].natural_key == "code"
    assert columns["outcome"].required
    assert columns["lead"].natural_key == "acronym"
    assert columns["sources"].many
    assert "id" not in columns and "version" not in columns and "programme" not in columns
