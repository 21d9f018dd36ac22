"""The portfolio page reads every programme's headline in one grouped selector.

portfolio_headlines() must give, programme by programme, exactly what headline_figures() gives
for that programme alone, and the page must cost the same fixed number of queries whatever the
number of programmes (it once cost 3 more per programme).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.selectors import programmes_readable_by
from apps.assessments.services import assessment_create
from apps.dashboards.selectors import headline_figures, portfolio_headlines
from apps.obstacles.services import obstacle_create
from apps.programmes.models import Programme
from tests.dashboards.dashboard_data import ITEMS, add_outputs
from tests.dashboards.figures import recorded_on
from tests.dashboards.pages import expected_row, portfolio_rows
from tests.factories import MembershipFactory, OutcomeFactory, OutputFactory, ProgrammeFactory
from tests.query_counts import RecordQueries

pytestmark = pytest.mark.django_db

ON = date(2020, 6, 30)
# The session and its user; the programmes of the table, then their output totals, latest
# assessment dates and severe obstacles, each grouped by programme; the navigation bar's
# programmes. (Read one by one, it was 10 queries for 2 programmes and 64 for 20.)
PORTFOLIO_PAGE_QUERIES = 7


def one_by_one(programmes: list[Programme], on: date | None = None) -> dict[Programme, Any]:
    """Each programme's headline as the programme dashboard's headline endpoint computes it."""
    return {
        programme: headline_figures(programmes=Programme.objects.filter(pk=programme.pk), on=on)
        for programme in programmes
    }


@pytest.fixture
def varied(bob, programme, outcome, cause):
    """Bob reads six programmes unlike each other, and not a seventh full of figures."""
    busy = programme
    statuses = ["on_track", "on_track", "at_risk", "off_track", "completed", "cancelled"]
    for n, status in enumerate(statuses):
        output = OutputFactory(outcome=outcome, status=status)
        if n < 4:
            assessment_create(
                output=output, assessed_on=date(2019, 1 + n, 15), items=ITEMS["political"]
            )
    # Assessed before the date asked about and again after it.
    late = OutputFactory(outcome=outcome, status="not_started")
    assessment_create(output=late, assessed_on=date(2018, 3, 1), items=ITEMS["unclassified"])
    assessment_create(output=late, assessed_on=date(2020, 9, 1), items=ITEMS["symbolic"])
    for severity, status in [
        (5, "open"),
        (4, "mitigating"),
        (4, "resolved"),
        (3, "open"),
        (None, "open"),
        (5, "accepted"),
    ]:
        obstacle_create(
            programme=busy,
            title=f"{severity} {status}",
            cause=cause,
            severity=severity,
            status=status,
        )

    obstacles_only = ProgrammeFactory(code="PRG-OBST")
    obstacle_create(programme=obstacles_only, title="Severe", cause=cause, severity=5)
    cancelled_only = ProgrammeFactory(code="PRG-CANC")
    for _ in range(2):
        OutputFactory(outcome=OutcomeFactory(programme=cancelled_only), status="cancelled")
    never_assessed = ProgrammeFactory(code="PRG-NEVR")
    OutputFactory(outcome=OutcomeFactory(programme=never_assessed), status="on_track")
    assessed_today = ProgrammeFactory(code="PRG-TDAY")
    today_output = OutputFactory(outcome=OutcomeFactory(programme=assessed_today), status="at_risk")
    assessment_create(
        output=today_output, assessed_on=timezone.localdate(), items=ITEMS["administrative"]
    )
    empty = ProgrammeFactory(code="PRG-EMPT")
    for each in (obstacles_only, cancelled_only, never_assessed, assessed_today, empty):
        MembershipFactory(user=bob, programme=each, role="viewer")

    unseen = ProgrammeFactory(code="PRG-UNSN")
    add_outputs(unseen, 3, cause=cause)
    recorded_on(date(2018, 1, 1))  # entered before the date asked about
    return programmes_readable_by(user=bob).order_by("code")


@pytest.mark.parametrize("on", [ON, None], ids=["dated", "today"])
def test_portfolio_headlines_equal_each_programmes_own_headline(varied, on):
    programmes = list(varied)

    grouped = portfolio_headlines(programmes=varied, on=on)

    assert list(grouped) == programmes  # in the queryset's order, every programme once
    assert grouped == one_by_one(programmes, on=on)
    # The fixture is varied enough for the comparison to mean something.
    assert len({str(figures) for figures in grouped.values()}) == len(programmes)
    assert {figures["on_track_percent"] for figures in grouped.values()} >= {None}
    assert "PRG-UNSN" not in {programme.code for programme in grouped}


def test_portfolio_headlines_cost_four_queries_whatever_the_number_of_programmes(
    varied, bob, cause
):
    with CaptureQueriesContext(connection) as six:
        portfolio_headlines(programmes=varied)
    for _ in range(14):
        extra = ProgrammeFactory()
        MembershipFactory(user=bob, programme=extra, role="viewer")
        add_outputs(extra, 1, cause=cause)
    with CaptureQueriesContext(connection) as twenty:
        headlines = portfolio_headlines(programmes=programmes_readable_by(user=bob))

    assert len(headlines) == 20
    assert len(six) == len(twenty) == 4


def page_queries(client: Any) -> tuple[int, Any]:
    with RecordQueries(connection) as queries:
        response = client.get(reverse("portfolio-dashboard"))
    assert response.status_code == 200
    return len(queries), response


def test_the_portfolio_page_costs_the_same_queries_for_2_and_20_programmes(
    client, bob, programme, outcome, cause
):
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="viewer")
    for each in (programme, second):
        add_outputs(each, 2, cause=cause)
    client.force_login(bob)

    two, response = page_queries(client)
    assert len(portfolio_rows(response)) == 2
    for _ in range(18):
        extra = ProgrammeFactory()
        MembershipFactory(user=bob, programme=extra, role="viewer")
        add_outputs(extra, 2, cause=cause)
    twenty, response = page_queries(client)

    assert len(portfolio_rows(response)) == 20
    assert two == twenty
    assert twenty == PORTFOLIO_PAGE_QUERIES


def test_the_portfolio_page_shows_each_programmes_own_headline(client, bob, varied):
    client.force_login(bob)

    _, response = page_queries(client)

    # expected_row() asks headline_figures() for the one programme, as the page once did.
    assert portfolio_rows(response) == [expected_row(programme) for programme in varied]
