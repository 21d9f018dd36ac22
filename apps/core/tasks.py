"""Background work of the kernel: dispatching outbox events, clearing the database cache."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.cache import caches
from django.db import OperationalError

from apps.core.cache import DatabaseCache
from apps.core.outbox import outbox_dispatch, outbox_pending

# An event younger than this is still on its way through the after-commit dispatch.
SWEEP_GRACE = timedelta(minutes=1)


# The outcome of a dispatch is kept on the event's row, so no result is stored (nor is the result
# store needed to enqueue one).
@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    ignore_result=True,
)
def dispatch_outbox_event(event_id: int) -> bool:
    """Run the handlers of one outbox event; idempotent, a dispatched event is a no-op."""
    return outbox_dispatch(event_id=event_id)


@shared_task(acks_late=True, ignore_result=True)
def dispatch_pending_outbox_events() -> int:
    """Hand every event still waiting (e.g. after a broker outage) to its dispatch task."""
    pending = outbox_pending(older_than=SWEEP_GRACE)
    for event_id in pending:
        dispatch_outbox_event.delay(event_id)
    return len(pending)


@shared_task(ignore_result=True)
def purge_expired_cache_entries() -> int:
    """Delete the database cache's expired rows (nothing to do when the cache is Redis)."""
    backend = caches["default"]
    return backend.purge_expired() if isinstance(backend, DatabaseCache) else 0
