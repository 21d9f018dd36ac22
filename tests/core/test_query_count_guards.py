"""The query-count guards count record reads, not the once-a-minute bookkeeping writes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.test_session_timeouts import age_session
from tests.query_counts import RecordQueries

pytestmark = pytest.mark.django_db


def test_a_session_noted_again_after_a_minute_does_not_change_a_guards_count(
    client, alice, programme
):
    # A slow machine: the guard's second measurement comes more than a minute after the first.
    client.force_login(alice)
    url = reverse("programme-detail", args=[programme.code])
    with RecordQueries(connection) as first:
        assert client.get(url).status_code == 200
    age_session(client, started=10 * 60, seen=2 * 60)

    with CaptureQueriesContext(connection) as everything, RecordQueries(connection) as second:
        assert client.get(url).status_code == 200

    session_writes = [q for q in everything.captured_queries if "django_session" in q["sql"]]
    assert any(q["sql"].startswith("UPDATE") for q in session_writes)
    assert len(second) == len(first)
