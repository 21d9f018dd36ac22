"""The portfolio dashboard's headline table: one row per programme the user reads."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.dashboards.dashboard_data import add_outputs
from tests.dashboards.pages import expected_row, portfolio_rows, programme_url
from tests.factories import MembershipFactory, OutputFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------------------------
# The portfolio's headline table
# --------------------------------------------------------------------------------------------


@pytest.fixture
def portfolio(programme, outcome, bob, cause):
    """Bob manages `programme` and views `second`; `unseen` is a programme he holds no role in."""
    second = ProgrammeFactory(code="PRG-B", title="Second programme")
    MembershipFactory(user=bob, programme=second, role="viewer")
    unseen = ProgrammeFactory(code="PRG-UNSEEN", title="Unseen programme")
    add_outputs(programme, 5, cause=cause)
    add_outputs(second, 3, cause=cause)
    add_outputs(unseen, 4, cause=cause)
    OutputFactory(outcome=second.outcomes.get(), status="on_track")  # never assessed
    return SimpleNamespace(readable=[programme, second], unseen=unseen)


def test_portfolio_lists_only_the_users_programmes_with_their_headline_figures(
    client, bob, portfolio
):
    client.force_login(bob)

    response = client.get(reverse("portfolio-dashboard"))

    assert portfolio_rows(response) == [
        expected_row(programme) for programme in sorted(portfolio.readable, key=lambda p: p.code)
    ]
    assert portfolio.unseen.code not in response.text
    for programme in portfolio.readable:
        assert f'href="{programme_url(programme)}"' in response.text


def test_portfolio_of_a_user_without_roles_lists_no_programme(client, charlie, portfolio):
    client.force_login(charlie)

    response = client.get(reverse("portfolio-dashboard"))

    assert portfolio_rows(response) == [["You hold no role in any programme yet."]]
