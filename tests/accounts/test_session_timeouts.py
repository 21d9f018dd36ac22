"""Browser sessions end after 30 minutes idle and after 12 hours in all (issue 9, 9).

Reproduced before: sessions lasted 14 days with no idle timeout.
"""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from apps.accounts.middleware import SEEN_AT, STARTED_AT

pytestmark = pytest.mark.django_db


def age_session(client, *, started: float, seen: float) -> None:
    session = client.session
    session[STARTED_AT] = time.time() - started
    session[SEEN_AT] = time.time() - seen
    session.save()


@pytest.fixture
def signed_in(client, alice, programme):
    client.force_login(alice)
    assert client.get(reverse("programme-detail", args=[programme.code])).status_code == 200
    return client


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(signed_in, programme):
    age_session(signed_in, started=40 * 60, seen=31 * 60)

    response = signed_in.get(reverse("programme-detail", args=[programme.code]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in signed_in.session


def test_a_busy_session_ends_after_its_absolute_lifetime(signed_in, programme):
    age_session(signed_in, started=12 * 60 * 60 + 60, seen=10)

    response = signed_in.get(reverse("programme-detail", args=[programme.code]))

    assert response.status_code == 302


def test_a_session_in_use_stays_signed_in_and_its_last_request_is_noted(signed_in, programme):
    age_session(signed_in, started=2 * 60 * 60, seen=29 * 60)

    response = signed_in.get(reverse("programme-detail", args=[programme.code]))

    assert response.status_code == 200
    assert time.time() - signed_in.session[SEEN_AT] < 5


def test_the_timeouts_come_from_the_settings(signed_in, programme, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    age_session(signed_in, started=120, seen=90)

    assert signed_in.get(reverse("programme-detail", args=[programme.code])).status_code == 302


def test_the_session_cookie_lasts_twelve_hours_not_fourteen_days(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
