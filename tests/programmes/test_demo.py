"""manage.py seed_demo: demo users per role and illustrative data, idempotent and labelled."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from apps.accounts.models import Membership, User
from apps.assessments.models import Assessment
from apps.jobs.demo import DEMO_PASSWORD
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output, Programme
from apps.stakeholders.models import Involvement

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("load_reference", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_needs_the_reference_programme_first():
    with pytest.raises(CommandError, match="load_reference"):
        call_command("seed_demo", stdout=StringIO())


def test_one_demo_user_per_role_can_log_in_and_credentials_are_printed(seeded):
    programme = Programme.objects.get(code="IDN-CP-2017")
    roles = dict(
        Membership.objects.filter(programme=programme).values_list("user__username", "role")
    )
    assert roles == {"analyst": "analyst", "manager": "manager", "viewer": "viewer"}
    assert User.objects.get(username="admin").is_staff
    for username in ("analyst", "manager", "viewer", "admin"):
        request = RequestFactory().post("/accounts/login/")
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None
        assert username in seeded
    assert DEMO_PASSWORD in seeded


def test_everything_seed_demo_adds_is_labelled_illustrative(seeded):
    assert Assessment.objects.count() > 0
    assert not Assessment.objects.filter(is_illustrative=False).exists()
    scored = Involvement.objects.filter(influence__isnull=False)
    assert scored.exists()
    assert not scored.filter(is_illustrative=False).exists()
    with_severity = Obstacle.objects.filter(severity__isnull=False)
    assert with_severity.exists()
    assert not with_severity.filter(is_illustrative=False).exists()
    linked = Obstacle.objects.filter(outputs__isnull=False).distinct()
    assert not linked.filter(is_illustrative=False).exists()


def test_sourced_records_are_left_as_the_reference_made_them(seeded):
    sourced_output = Output.objects.get(code="2.1")
    assert not sourced_output.is_illustrative
    assert sourced_output.status == "not_started"
    assert sourced_output.version == 1
    thesis_obstacles = Obstacle.objects.filter(sources__key="thesis")
    assert thesis_obstacles.count() == 7
    assert not thesis_obstacles.filter(severity__isnull=False).exists()


def test_demo_assessments_reach_every_quadrant(seeded):
    quadrants = set(Assessment.objects.values_list("quadrant", flat=True))
    assert quadrants == {"administrative", "political", "experimental", "symbolic", "unclassified"}
    assert Assessment.objects.filter(borderline=True).exists()


def test_running_seed_demo_again_changes_nothing(seeded):
    def snapshot():
        return {
            model.__name__: sorted(model.objects.values_list("pk", "version"))
            for model in (Assessment, Obstacle, Involvement, Output)
        } | {"memberships": Membership.objects.count(), "users": User.objects.count()}

    before = snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == before
