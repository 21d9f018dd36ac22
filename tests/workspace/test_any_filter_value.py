"""No value of any filter, search, sort or page parameter of any list is a 500 (issue 9, Input).

A property test over every HTML record list and every API list: whatever text a client puts in
whichever parameter, the answer is a page or a 400, never a server error.
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.workspace.kinds import all_kinds
from apps.workspace.views.base import record_url

pytestmark = pytest.mark.django_db

# Any text, control characters and odd Unicode included, and numbers and dates as text.
VALUES = st.one_of(
    st.text(max_size=24),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(str),
    st.sampled_from(["", "0", "-1", "1e9999", "NaN", "true", "2020-02-30", "%00", "'; --"]),
)


def parameters(kind) -> list[str]:
    return ["q", "search", "o", "ordering", "page", "page_size", *kind.filterset_class.base_filters]


@pytest.fixture
def browser(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_parameter_value_of_any_list_is_a_server_error(browser, programme, output, data):
    kind = data.draw(st.sampled_from(all_kinds()), label="kind")
    name = data.draw(st.sampled_from(parameters(kind)), label="parameter")
    value = data.draw(VALUES, label="value")

    api = browser.get(f"/api/v1/{kind.route}/", {name: value})
    assert api.status_code < 500, (kind.key, name, value, api.content[:300])
    if kind.has_pages:
        page = browser.get(record_url(kind, "list", programme), {name: value})
        assert page.status_code < 500, (kind.key, name, value)
