"""A yes/no filter left unset reads "Any" on every list page (issue 10, item 12): it keeps every
row, so "Unknown", Django's word for it, said the wrong thing."""

from __future__ import annotations

import pytest
from django_filters import BooleanFilter

from apps.workspace.kinds import page_kinds
from apps.workspace.views.base import record_url
from tests.workspace.pages import controls, options

pytestmark = pytest.mark.django_db

WITH_YES_NO_FILTERS = [
    kind
    for kind in page_kinds()
    if any(isinstance(f, BooleanFilter) for f in kind.filterset_class.base_filters.values())
]


@pytest.mark.parametrize("kind", WITH_YES_NO_FILTERS, ids=lambda kind: kind.key)
def test_every_unset_yes_no_filter_of_a_list_reads_any(kind, client, alice, programme):
    client.force_login(alice)

    response = client.get(record_url(kind, "list", programme))

    yes_no = [
        name
        for name, select in controls(response.text).selects.items()
        if [o["value"] for o in select["options"]] == ["unknown", "true", "false"]
    ]
    assert yes_no
    for name in yes_no:
        assert options(response.text, name)[0] == ("unknown", "Any", True), name
    if "is_illustrative" in kind.filterset_class.base_filters:
        assert options(response.text, "is_illustrative")[1:] == [
            ("true", "Illustrative only", False),
            ("false", "Sourced only", False),
        ]
