"""Query-count guards: a dashboard page and the endpoints it calls cost the same for 5 outputs as
for 50."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from tests.dashboards.dashboard_data import add_outputs
from tests.dashboards.pages import dashboard_requests, programme_url
from tests.factories import MembershipFactory, ProgrammeFactory
from tests.query_counts import RecordQueries

pytestmark = pytest.mark.django_db


def queries_of(client: Any, url: str) -> int:
    with RecordQueries(connection) as queries:
        response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


# --------------------------------------------------------------------------------------------
# Query-count guards
# --------------------------------------------------------------------------------------------


def test_programme_dashboard_costs_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause
):
    client.force_login(bob)
    add_outputs(programme, 5, cause=cause)
    few = queries_of(client, programme_url(programme))
    add_outputs(programme, 45, cause=cause)

    assert queries_of(client, programme_url(programme)) == few


def test_portfolio_of_two_programmes_costs_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause
):
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="manager")
    client.force_login(bob)
    for each in (programme, second):
        add_outputs(each, 5, cause=cause)
    few = queries_of(client, reverse("portfolio-dashboard"))
    for each in (programme, second):
        add_outputs(each, 45, cause=cause)

    assert queries_of(client, reverse("portfolio-dashboard")) == few


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_the_endpoints_a_dashboard_calls_cost_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause, page
):
    client.force_login(bob)
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="manager")
    scopes = [programme] if page == "programme" else [programme, second]
    requests = dashboard_requests(programme if page == "programme" else None)
    for each in scopes:
        add_outputs(each, 5, cause=cause)
    few = {name: queries_of(client, url) for name, url in requests.items()}
    for each in scopes:
        add_outputs(each, 45, cause=cause)

    assert {name: queries_of(client, url) for name, url in requests.items()} == few
