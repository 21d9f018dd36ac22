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


def test_the_programme_page_stays_the_same_size_however_many_obstacles_there_are(
    client, bob, programme, cause
):
    """Reproduced (issue 9, 12): every obstacle was listed, 283 of them made a 135 KB page."""
    from tests.factories import InvolvementFactory, ObstacleFactory

    client.force_login(bob)
    url = f"/p/{programme.code}/"

    def page_with(obstacles: int) -> bytes:
        for _ in range(obstacles - programme.obstacles.count()):
            ObstacleFactory(programme=programme, cause=cause, severity=2)
            InvolvementFactory(programme=programme, output=None)
        return client.get(url).content

    small, large = page_with(12), page_with(60)

    assert len(large) - len(small) < 200  # only the counts' digits differ
    assert b"All 60 obstacles in the register" in large
    assert b"All 60 stakeholders of the whole programme" in large


def test_the_programme_page_shows_the_most_pressing_obstacles_first(client, bob, programme, cause):
    from tests.factories import ObstacleFactory

    for number in range(12):
        ObstacleFactory(programme=programme, cause=cause, severity=1, title=f"Minor {number:02}")
    ObstacleFactory(programme=programme, cause=cause, severity=5, title="Blocking")
    ObstacleFactory(programme=programme, cause=cause, severity=5, title="Gone", status="resolved")
    client.force_login(bob)

    shown = [o.title for o in client.get(f"/p/{programme.code}/").context["obstacles"]]

    assert shown[0] == "Blocking"
    assert "Gone" not in shown
    assert len(shown) == 10
