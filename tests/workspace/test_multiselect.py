"""Every many-to-many choice of a record form is one searchable multi-select (issue 10, item 11).

Outputs, stakeholders, evidence and sources were plain Ctrl-click lists. Each is now a plain
`<select multiple>` marked `data-multiselect`, which one script turns into a searchable,
keyboard-driven control (Tom Select, from npm, served by staticfiles) and which stays a working
list without JavaScript. The keyboard use itself is tested in a real browser
(tests/browser/test_multiselect.py).
"""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.staticfiles import finders

from apps.workspace.kinds import page_kinds
from apps.workspace.views.base import record_url
from tests.core.conftest import compiled_catalogue, indonesian_catalogue  # noqa: F401
from tests.factories import EvidenceFactory, OutputFactory, SourceFactory, StakeholderFactory
from tests.workspace.pages import controls, options

pytestmark = pytest.mark.django_db

MULTI_SELECT_KINDS = [
    kind
    for kind in page_kinds()
    if kind.form_class is not None
    and any(
        isinstance(field, forms.ModelMultipleChoiceField)
        for field in kind.form_class.base_fields.values()
    )
]


def many_to_many_fields(kind) -> list[str]:
    return [
        name
        for name, field in kind.form_class.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField)
    ]


@pytest.fixture
def analyst(client, alice):
    client.force_login(alice)
    return client


def test_the_record_forms_with_many_to_many_choices_are_the_expected_ones():
    keys = {kind.key for kind in MULTI_SELECT_KINDS}
    assert {"obstacles", "outputs", "outcomes", "stakeholders", "assessments"} <= keys


@pytest.mark.parametrize("kind", MULTI_SELECT_KINDS, ids=lambda kind: kind.key)
def test_every_many_to_many_choice_of_a_record_form_is_a_searchable_multi_select(
    kind, analyst, programme, output
):
    response = analyst.get(record_url(kind, "create", programme))

    assert response.status_code == 200
    selects = controls(response.text).selects
    for name in many_to_many_fields(kind):
        attrs = selects[name]["attrs"]
        assert "multiple" in attrs, name
        assert "data-multiselect" in attrs, name
        # What the searchable control says, in the page's language, from the server.
        assert attrs["data-multiselect-no-results"] == "No matches", name
    # The one enhancing script and the library come with the form (its widget's media).
    assert "vendor/tom-select/js/tom-select.popular.min.js" in response.text
    assert "js/multiselect.js" in response.text
    assert "vendor/tom-select/css/tom-select.bootstrap5.min.css" in response.text


# The Indonesian catalogue compiled for the test session, not a .mo left in the work tree.
@pytest.mark.usefixtures("indonesian_catalogue")
def test_the_multi_select_speaks_indonesian_on_an_indonesian_page(
    analyst, alice, programme, output
):
    alice.language = "id"
    alice.save(update_fields=["language"])

    response = analyst.get(record_url(page_kinds_by_key()["obstacles"], "create", programme))

    attrs = controls(response.text).selects["outputs"]["attrs"]
    assert attrs["data-multiselect-no-results"] == "Tidak ada yang cocok"


def test_a_preselected_output_is_selected_in_the_plain_list_without_javascript(
    analyst, programme, output
):
    other = OutputFactory(outcome=output.outcome, code="9.9", title="Another output")
    kind = page_kinds_by_key()["obstacles"]

    response = analyst.get(record_url(kind, "create", programme), {"outputs": output.pk})

    chosen = {value for value, _label, selected in options(response.text, "outputs") if selected}
    assert chosen == {str(output.pk)}
    labels = {value: label for value, label, _ in options(response.text, "outputs")}
    assert labels[str(other.pk)] == "9.9 Another output"
    # Without JavaScript the plain list says how to choose several.
    assert "Hold Ctrl" in response.text


def test_stakeholders_and_evidence_are_named_in_full_among_the_choices(analyst, programme):
    StakeholderFactory(acronym="BNN", name="Badan Narkotika Nasional")
    excerpt = "Coordination between the agencies is weak and their mandates overlap. " * 2
    evidence = EvidenceFactory(source=SourceFactory(title="Thesis"), excerpt=excerpt.strip())
    kind = page_kinds_by_key()["obstacles"]

    response = analyst.get(record_url(kind, "create", programme))

    stakeholders = [label for _value, label, _ in options(response.text, "stakeholders")]
    assert "BNN – Badan Narkotika Nasional" in stakeholders
    labels = {value: label for value, label, _ in options(response.text, "evidence")}
    assert labels[str(evidence.pk)] == f"Thesis: {excerpt.strip()}"


def test_the_multi_select_library_is_served_by_staticfiles():
    for path in (
        "vendor/tom-select/js/tom-select.popular.min.js",
        "vendor/tom-select/css/tom-select.bootstrap5.min.css",
        "js/multiselect.js",
        "css/forms.css",
    ):
        assert finders.find(path), path


def page_kinds_by_key():
    return {kind.key: kind for kind in page_kinds()}
