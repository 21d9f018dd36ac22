"""Hand the pending outbox events to their dispatch tasks now (beat does it every minute)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.core.outbox import outbox_pending
from apps.core.tasks import dispatch_outbox_event


class Command(BaseCommand):
    help = (
        "Enqueue every outbox event that has not been dispatched (e.g. after a broker outage); "
        "the periodic task does the same every minute for events older than a minute."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=0,
            metavar="SECONDS",
            help="only events at least this old (default: all)",
        )

    def handle(self, *args: Any, older_than: int, **options: Any) -> None:
        pending = outbox_pending(older_than=timedelta(seconds=older_than))
        for event_id in pending:
            dispatch_outbox_event.delay(event_id)
        self.stdout.write(f"{len(pending)} outbox event(s) enqueued.")
