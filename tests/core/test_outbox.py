"""The outbox: a lower layer's write asks for work above it without importing it, and the
request survives a failed dispatch until the sweep delivers it.

Reproduced before the redesign: `programmes.services` imported `assessments.tasks` inside a
function (a lazy import no import check sees) and enqueued the task straight after commit, so
a broker outage at that moment lost the reclassification for good.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.assessments.services import assessment_create
from apps.core.models import OutboxEvent
from apps.core.outbox import outbox_dispatch, outbox_emit, subscribe
from apps.core.tasks import dispatch_pending_outbox_events
from apps.programmes.services import THRESHOLDS_CHANGED, programme_update

pytestmark = pytest.mark.django_db

HALF = {"A1": 1, "A2": 1, "A3": 1, "A4": 1, "A5": 1, "A6": 1, "C1": 0, "C2": 0, "C3": 0}


@pytest.fixture
def assessed(alice, output):
    # Ambiguity 6/12 = 0.5: low under the default threshold, high once it is lowered to 0.4.
    return assessment_create(actor=alice, output=output, assessed_on=output.start_date, items=HALF)


def test_new_thresholds_write_an_event_that_reclassifies_after_commit(
    django_capture_on_commit_callbacks, alice, programme, assessed
):
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(programme=programme, actor=alice, ambiguity_threshold=Decimal("0.4"))

    event = OutboxEvent.objects.get()
    assert (event.topic, event.payload) == (THRESHOLDS_CHANGED, {"programme_id": programme.pk})
    assert event.dispatched_at is not None
    assessed.refresh_from_db()
    assert assessed.quadrant == "experimental"


def test_an_event_that_was_never_dispatched_is_delivered_by_the_sweep(alice, programme, assessed):
    # No after-commit callback runs here (the test's transaction never commits): as if the
    # broker had been down when the threshold changed.
    programme_update(programme=programme, actor=alice, ambiguity_threshold=Decimal("0.4"))
    assessed.refresh_from_db()
    assert assessed.quadrant == "administrative"
    OutboxEvent.objects.update(created_at=timezone.now() - timedelta(minutes=5))

    assert dispatch_pending_outbox_events.delay().get() == 1

    assessed.refresh_from_db()
    assert assessed.quadrant == "experimental"
    assert OutboxEvent.objects.get().dispatched_at is not None
    assert dispatch_pending_outbox_events.delay().get() == 0


def test_a_young_event_is_left_to_its_own_dispatch(alice, programme):
    programme_update(programme=programme, actor=alice, conflict_threshold=Decimal("0.3"))

    assert dispatch_pending_outbox_events.delay().get() == 0
    assert OutboxEvent.objects.get().dispatched_at is None


def test_a_failing_handler_leaves_the_event_pending_with_the_error(db):
    calls = []

    @subscribe("test.failing")
    def fail_once(payload):
        calls.append(payload)
        if len(calls) == 1:
            raise RuntimeError("worker lost the database")

    event = outbox_emit(topic="test.failing", payload={"n": 1})

    with pytest.raises(RuntimeError):
        outbox_dispatch(event_id=event.pk)
    event.refresh_from_db()
    assert (event.dispatched_at, event.attempts) == (None, 1)
    assert "worker lost the database" in event.last_error

    assert outbox_dispatch(event_id=event.pk) is True
    assert outbox_dispatch(event_id=event.pk) is False, "a dispatched event runs only once"
    event.refresh_from_db()
    assert (event.attempts, event.last_error) == (2, "")
    assert calls == [{"n": 1}, {"n": 1}]
