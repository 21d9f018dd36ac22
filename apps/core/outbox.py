"""The transactional outbox: how a lower layer has work done above it without importing it.

A service writes an event with `outbox_emit` inside its transaction. After commit the event is
handed to a Celery task (`apps.core.tasks.dispatch_outbox_event`), which runs every handler
subscribed to its topic and marks it dispatched. Handlers are registered by the upper layers
(`@subscribe("programme.thresholds_changed")` in their `AppConfig.ready`), so the kernel knows
no app. Handlers must be idempotent: an event whose dispatch failed is dispatched again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.core.models import OutboxEvent

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], object]

_HANDLERS: dict[str, list[Handler]] = defaultdict(list)


def subscribe(topic: str) -> Callable[[Handler], Handler]:
    """Decorator: run the function with the payload of every event of the topic."""

    def register(handler: Handler) -> Handler:
        if handler not in _HANDLERS[topic]:
            _HANDLERS[topic].append(handler)
        return handler

    return register


def handlers_of(topic: str) -> list[Handler]:
    """The handlers subscribed to a topic, in subscription order."""
    return list(_HANDLERS.get(topic, ()))


def outbox_emit(*, topic: str, payload: dict[str, Any]) -> OutboxEvent:
    """Store an event in the caller's transaction; it is dispatched once that commits."""
    event = OutboxEvent.objects.create(topic=topic, payload=payload)

    def enqueue() -> None:
        # Imported here: the task module imports Celery's app, which loads after the models.
        from apps.core.tasks import dispatch_outbox_event

        try:
            dispatch_outbox_event.delay(event.pk)
        except Exception:
            # The change is committed whatever happens here: a broker that cannot be reached (or,
            # in eager mode, a handler that failed) leaves the event pending, and the periodic
            # sweep (or `manage.py dispatch_outbox`) dispatches it later.
            logger.exception("outbox event %s was not dispatched after commit", event.pk)

    transaction.on_commit(enqueue)
    return event


def outbox_dispatch(*, event_id: int) -> bool:
    """Run the handlers of one event and mark it dispatched; False if there was nothing to do.

    The row is locked while its handlers run, so two workers never run the same event at
    once; a handler's error is recorded on the event and raised again for the task to retry.
    """
    failure: Exception | None = None
    with transaction.atomic():
        event = (
            OutboxEvent.objects.select_for_update()
            .filter(pk=event_id, dispatched_at__isnull=True)
            .first()
        )
        if event is None:
            return False
        event.attempts += 1
        try:
            # A savepoint: the handlers' writes go, the record of the attempt stays.
            with transaction.atomic():
                for handler in handlers_of(event.topic):
                    handler(dict(event.payload))
        except Exception as error:  # any handler error: record it, retry later
            failure = error
            event.last_error = f"{type(error).__name__}: {error}"
        else:
            event.dispatched_at = timezone.now()
            event.last_error = ""
        event.save(update_fields=["attempts", "last_error", "dispatched_at"])
    if failure is not None:
        raise failure
    return True


def outbox_pending(*, older_than: timedelta = timedelta(0)) -> list[int]:
    """Ids of events not dispatched yet, created at least `older_than` ago, oldest first."""
    cutoff = timezone.now() - older_than
    return list(
        OutboxEvent.objects.filter(dispatched_at__isnull=True, created_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
