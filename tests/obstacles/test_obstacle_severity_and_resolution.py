"""An obstacle's severity stays on its 1-5 scale, and its resolution date follows its status."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.obstacles.models import Obstacle
from apps.obstacles.services import obstacle_create, obstacle_update
from tests.obstacles.stored_obstacles import stored

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------------------------
# Severity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("severity", [0, 6])
def test_create_refuses_a_severity_outside_1_to_5(programme, cause, severity):
    with pytest.raises(ValidationError) as error:
        obstacle_create(programme=programme, title="Odd", cause=cause, severity=severity)

    assert "severity" in error.value.message_dict
    assert not Obstacle.objects.exists()


@pytest.mark.parametrize("severity", [1, 5])
def test_create_accepts_the_ends_of_the_severity_scale(programme, cause, severity):
    obstacle = obstacle_create(programme=programme, title="Edge", cause=cause, severity=severity)

    assert stored(obstacle).severity == severity


def test_update_refuses_a_severity_outside_1_to_5_and_keeps_the_version(obstacle):
    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, version=1, severity=6)

    assert "severity" in error.value.message_dict
    row = stored(obstacle)
    assert (row.severity, row.version) == (None, 1)


# --------------------------------------------------------------------------------------------
# Status and resolution date
# --------------------------------------------------------------------------------------------


def test_resolving_without_a_date_fills_in_today(obstacle):
    before = timezone.localdate()
    obstacle_update(obstacle=obstacle, status="resolved")
    after = timezone.localdate()

    assert stored(obstacle).resolved_on in {before, after}


def test_creating_a_resolved_obstacle_without_a_date_fills_in_today(programme, cause):
    before = timezone.localdate()
    obstacle = obstacle_create(programme=programme, title="Done", cause=cause, status="resolved")
    after = timezone.localdate()

    assert stored(obstacle).resolved_on in {before, after}


def test_resolving_with_a_date_keeps_that_date(obstacle):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    assert stored(obstacle).resolved_on == date(2019, 4, 30)


@pytest.mark.parametrize("status", ["open", "mitigating"])
def test_reopening_a_resolved_obstacle_clears_its_resolution_date(obstacle, status):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=obstacle, status=status)

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == (status, None)


def test_accepting_a_resolved_obstacle_keeps_its_resolution_date(obstacle):
    resolved = obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=resolved, status="accepted")

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("accepted", date(2019, 4, 30))


def test_accepting_through_an_instance_read_before_resolution_keeps_the_date(obstacle):
    read_earlier = Obstacle.objects.get(pk=obstacle.pk)
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=read_earlier, status="accepted")

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("accepted", date(2019, 4, 30))


def test_an_unrelated_edit_keeps_the_resolution_date(obstacle):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=obstacle, mitigation_plan="Nothing left to do")

    assert stored(obstacle).resolved_on == date(2019, 4, 30)


def test_create_refuses_a_resolution_before_identification(programme, cause):
    with pytest.raises(ValidationError) as error:
        obstacle_create(
            programme=programme,
            title="Backwards",
            cause=cause,
            status="resolved",
            identified_on=date(2019, 5, 1),
            resolved_on=date(2019, 4, 30),
        )

    assert "must not be before" in " ".join(error.value.message_dict["resolved_on"])
    assert not Obstacle.objects.exists()


def test_update_refuses_a_resolution_before_identification(obstacle):
    obstacle_update(obstacle=obstacle, identified_on=date(2019, 5, 1))

    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    assert "resolved_on" in error.value.message_dict
    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("open", None)


def test_resolution_on_the_day_of_identification_is_accepted(programme, cause):
    obstacle = obstacle_create(
        programme=programme,
        title="Same day",
        cause=cause,
        status="resolved",
        identified_on=date(2019, 5, 1),
        resolved_on=date(2019, 5, 1),
    )

    assert stored(obstacle).resolved_on == date(2019, 5, 1)
