"""A real Celery worker, started by the test against Redis, runs the reclassification.

This proves the whole wiring: a service writes an outbox event and enqueues its dispatch after
commit, the broker carries the message, a separate worker process runs the handler on the
committed rows of the same database and writes back, and the event's row records that it ran.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from decimal import Decimal

import pytest
from celery.signals import after_task_publish

from apps.assessments.services import assessment_create
from apps.core.models import OutboxEvent
from apps.programmes.services import programme_update
from tests.private_services import database_url_for_other_processes, start, stop

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _broker_url() -> str:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("the worker test needs CELERY_BROKER_URL pointing at Redis")
    import redis

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis at {broker} is not answering: {error}")
    return broker


@pytest.fixture
def worker_queue(celery_eager):
    """A Celery worker process consuming a queue of its own, for the length of one test."""
    env = os.environ | {
        "DATABASE_URL": database_url_for_other_processes(),
        "CELERY_BROKER_URL": _broker_url(),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "worker-test"),
    }
    queue = f"pantau-test-{uuid.uuid4().hex[:12]}"
    app = celery_eager
    app.conf.task_always_eager = False
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue,
        "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-l", "info", "-n", f"{queue}@%h",
    ]  # fmt: skip
    worker = start(command, env)
    try:
        yield queue
    finally:
        app.conf.task_default_queue = previous_queue
        print(stop(worker)[-3000:])  # shown by pytest only when the test fails


@pytest.fixture
def published_task_ids():
    """Ids of the tasks published while the test runs."""
    ids: list[str] = []

    def remember(sender=None, headers=None, **kwargs):
        ids.append(headers["id"])

    after_task_publish.connect(remember, weak=False)
    yield ids
    after_task_publish.disconnect(remember)


def test_threshold_change_is_reclassified_by_a_real_worker(
    worker_queue, published_task_ids, output, alice
):
    assessment = assessment_create(
        actor=alice,
        output=output,
        assessed_on=output.start_date,
        # Ambiguity 6/12 = 0.5: low under the default threshold, high once it is lowered to 0.4.
        items={"A1": 1, "A2": 1, "A3": 1, "A4": 1, "A5": 1, "A6": 1, "C1": 0, "C2": 0, "C3": 0},
    )
    assert assessment.quadrant == "administrative"

    programme_update(programme=output.programme, actor=alice, ambiguity_threshold=Decimal("0.4"))

    assert len(published_task_ids) == 1, "the outbox event is enqueued once, after commit"
    # The dispatch keeps its outcome on the event's row (its task stores no result).
    event = OutboxEvent.objects.get()
    deadline = time.monotonic() + 60
    while event.dispatched_at is None and time.monotonic() < deadline:
        time.sleep(0.25)
        event.refresh_from_db()
    assert event.dispatched_at is not None, "the worker dispatched the event"
    assert event.attempts == 1
    assessment.refresh_from_db()
    assert assessment.quadrant == "experimental"
    assert assessment.version == 1, "a reclassification does not invalidate analysts' versions"
