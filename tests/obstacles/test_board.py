"""The obstacle board: one column per status, filtered like the register, with quick status
changes that carry the version they were read at."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.obstacles.choices import ObstacleStatus
from apps.obstacles.services import obstacle_update
from tests.factories import MembershipFactory, ObstacleCauseFactory, ObstacleFactory, UserFactory

pytestmark = pytest.mark.django_db


def board_url(programme) -> str:
    return reverse("obstacle-board", args=[programme.code])


def status_url(obstacle) -> str:
    return reverse("obstacle-status", args=[obstacle.programme.code, obstacle.pk])


@pytest.fixture
def placed(programme, cause):
    """One obstacle in each status, named after it."""
    return {
        status: ObstacleFactory(
            programme=programme, cause=cause, status=status, title=f"{status} obstacle"
        )
        for status in ObstacleStatus.values
    }


def message_levels(response) -> list[str]:
    return [message.level_tag for message in response.context["messages"]]


def column_titles(response) -> dict[str, list[str]]:
    return {c["status"]: [o.title for o in c["obstacles"]] for c in response.context["columns"]}


def test_board_shows_one_column_per_status_holding_its_obstacles(client, alice, programme, placed):
    client.force_login(alice)

    response = client.get(board_url(programme))

    assert response.status_code == 200
    assert column_titles(response) == {s: [f"{s} obstacle"] for s in ObstacleStatus.values}
    for status in ObstacleStatus.values:
        assert f'id="col-{status}"' in response.text


def test_board_filters_by_cause(client, alice, programme, placed):
    turf = ObstacleCauseFactory(code="TURF", items=["C3"], dimension="conflict")
    ObstacleFactory(programme=programme, cause=turf, title="Turf war")
    client.force_login(alice)

    response = client.get(board_url(programme), {"cause": "TURF"})

    assert column_titles(response) == {s: ["Turf war"] if s == "open" else [] for s in placed}


def test_board_leaves_out_obstacles_of_other_programmes(client, alice, programme, cause):
    ObstacleFactory(cause=cause, title="Not ours")
    client.force_login(alice)

    response = client.get(board_url(programme))

    assert "Not ours" not in response.text


def test_a_quick_status_change_moves_the_obstacle_to_its_new_column(
    client, alice, programme, placed
):
    obstacle = placed["open"]
    client.force_login(alice)

    response = client.post(status_url(obstacle), {"status": "resolved", "version": 1}, follow=True)

    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.version) == ("resolved", 2)
    assert obstacle.resolved_on == timezone.localdate()
    assert obstacle.history.first().history_user == alice
    assert response.redirect_chain[-1][0] == board_url(programme)
    assert "open obstacle" in column_titles(response)["resolved"]
    assert message_levels(response) == ["success"]


def test_a_quick_status_change_from_a_stale_version_is_refused_with_a_message(
    client, alice, programme, placed
):
    obstacle = placed["open"]
    obstacle_update(obstacle=obstacle, actor=alice, version=1, title="Renamed meanwhile")
    client.force_login(alice)

    response = client.post(status_url(obstacle), {"status": "accepted", "version": 1}, follow=True)

    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.version) == ("open", 2)
    assert message_levels(response) == ["error"]
    assert "Not changed" in response.text
    assert obstacle.history.count() == 2


def test_an_unknown_status_is_refused_and_changes_nothing(client, alice, placed):
    obstacle = placed["open"]
    client.force_login(alice)

    response = client.post(status_url(obstacle), {"status": "vanished", "version": 1}, follow=True)

    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.version) == ("open", 1)
    assert message_levels(response) == ["error"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [("/p/{code}/obstacle-board/?cause=GOAL_UNCLEAR", None), ("https://evil.example/", "board")],
)
def test_a_quick_change_returns_to_a_local_next_page_only(
    client, alice, programme, placed, target, expected
):
    client.force_login(alice)
    target = target.format(code=programme.code)

    response = client.post(
        status_url(placed["open"]), {"status": "mitigating", "version": 1, "next": target}
    )

    assert response["Location"] == (board_url(programme) if expected else target)


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_viewers_and_managers_see_the_board_but_get_403_on_a_status_change(
    client, programme, placed, role
):
    user = UserFactory(username=role)
    MembershipFactory(user=user, programme=programme, role=role)
    client.force_login(user)
    obstacle = placed["open"]

    board = client.get(board_url(programme))
    response = client.post(status_url(obstacle), {"status": "resolved", "version": 1})

    assert board.status_code == 200
    assert status_url(obstacle) not in board.text
    assert response.status_code == 403
    obstacle.refresh_from_db()
    assert (obstacle.status, obstacle.version) == ("open", 1)


def test_a_user_without_a_role_gets_404_on_the_board_and_its_changes(client, charlie, placed):
    obstacle = placed["open"]
    client.force_login(charlie)

    assert client.get(board_url(obstacle.programme)).status_code == 404
    assert client.post(status_url(obstacle), {"status": "resolved"}).status_code == 404
    obstacle.refresh_from_db()
    assert obstacle.status == "open"


def test_the_board_needs_a_signed_in_user(client, programme):
    response = client.get(board_url(programme))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
