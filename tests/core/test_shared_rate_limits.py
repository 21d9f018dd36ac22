"""API rate limits hold across every process that serves the site (issue 9, S4 and 13).

Reproduced before, on gunicorn with 2 workers: the documented 1200/min per token let 2,070 calls
through in 60 s, and the anonymous 60/min first answered 429 at call 111: each worker counted in
its own memory. The counts now live in one store for all processes: the database cache by
default, Redis when CACHE_URL names it (as compose does).
"""

from __future__ import annotations

import collections
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from apps.accounts.services import api_token_create
from tests.private_services import (
    answers,
    free_port,
    gunicorn,
    server_environment,
    start,
    stop,
    wait_until,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

RATE = 10
CALLS = 40


def serve_and_count(
    env: dict[str, str], headers: dict[str, str]
) -> tuple[collections.Counter, set]:
    """Make CALLS calls, 8 at a time, each on a new connection, to a 2-worker gunicorn; count
    the answers and the workers that served them."""
    port = free_port()
    # Sync workers, each connection closed after its call, so the calls spread over both.
    server = start(gunicorn(port, "--workers", "2", "--access-logfile", "-",
                            "--access-logformat", "worker=%(p)s"), env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    statuses: collections.Counter = collections.Counter()
    try:
        wait_until(lambda: answers(f"{base}/healthz"), "gunicorn to serve")
        # The calls take a second or two; they must not straddle the end of a rate window (a
        # minute, from the minute), after which counting starts again.
        if time.time() % 60 > 45:
            time.sleep(60.5 - time.time() % 60)

        def call(_: int) -> int:
            return requests.get(
                f"{base}/api/v1/outputs/",
                headers=headers | {"Connection": "close", "Accept": "application/json"},
                timeout=30,
            ).status_code

        # Several calls at once, so both workers are busy.
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses.update(pool.map(call, range(CALLS)))
    finally:
        logs = stop(server)
    workers = {line for line in logs.splitlines() if line.startswith("worker=")}
    print(logs[-3000:])  # shown by pytest only when the test fails
    return statuses, workers


@pytest.mark.parametrize("store", ["database", "redis"])
def test_a_token_gets_its_rate_and_no_more_however_many_workers_serve_it(alice, store):
    _, secret = api_token_create(user=alice, name="busy", read_only=True)
    cache = {"database": "", "redis": "redis://127.0.0.1:6379/5"}[store]
    env = server_environment(CACHE_URL=cache, THROTTLE_TOKEN=f"{RATE}/minute")

    statuses, workers = serve_and_count(env, {"Authorization": f"Bearer {secret}"})

    assert len(workers) == 2, "both workers must have served calls for the test to mean anything"
    assert statuses == {200: RATE, 429: CALLS - RATE}


def test_an_anonymous_client_gets_its_rate_and_no_more_across_workers():
    env = server_environment(CACHE_URL="", THROTTLE_ANON=f"{RATE}/minute")

    statuses, workers = serve_and_count(env, {})

    assert len(workers) == 2
    assert statuses == {401: RATE, 429: CALLS - RATE}
