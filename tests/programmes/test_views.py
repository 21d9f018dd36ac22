"""The first read-only pages: programme list and programme page, with role-based visibility."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.assessments.services import assessment_create
from tests.factories import MembershipFactory, OutcomeFactory, OutputFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_pages_require_login(client, programme):
    for url in (reverse("home"), reverse("programme-detail", args=[programme.code])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_home_lists_only_programmes_the_user_holds_a_role_in(client, alice, programme):
    elsewhere = ProgrammeFactory(title="Somebody else's programme")
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert programme.title in response.text
    assert elsewhere.title not in response.text


def test_programme_page_is_404_for_a_user_without_a_role(client, charlie, programme):
    client.force_login(charlie)
    assert client.get(reverse("programme-detail", args=[programme.code])).status_code == 404


def test_programme_page_shows_outputs_with_their_current_quadrant(client, bob, output, alice):
    assessment_create(
        actor=alice,
        output=output,
        assessed_on=output.start_date,
        items={"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2},
    )
    client.force_login(bob)
    response = client.get(reverse("programme-detail", args=[output.programme.code]))
    assert response.status_code == 200
    assert output.title in response.text
    assert "Symbolic implementation" in response.text


def test_illustrative_records_are_labelled(client, bob, outcome):
    OutputFactory(outcome=outcome, title="A made-up output", is_illustrative=True)
    client.force_login(bob)
    response = client.get(reverse("programme-detail", args=[outcome.programme.code]))
    assert "badge-illustrative" in response.text


def _queries_for_programme_page(client, user, programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programme-detail", args=[programme.code]))
    assert response.status_code == 200
    return len(queries)


def test_programme_page_costs_the_same_queries_for_5_and_50_outputs(client, charlie):
    counts = []
    for size in (5, 50):
        programme = ProgrammeFactory()
        MembershipFactory(user=charlie, programme=programme, role="viewer")
        outcome = OutcomeFactory(programme=programme)
        OutputFactory.create_batch(size, outcome=outcome)
        client.force_login(charlie)
        counts.append(_queries_for_programme_page(client, charlie, programme))
    assert counts[0] == counts[1]
