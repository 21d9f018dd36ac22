"""Health of the services Pantau depends on: the database and the Celery broker."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class Check:
    """The outcome of probing one dependency."""

    name: str
    ok: bool
    detail: str


def check_database() -> Check:
    """Run a trivial query on the default database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "down"; the detail says which
        return Check("database", False, f"{type(error).__name__}: {error}")
    return Check("database", True, connection.vendor)


def check_broker(timeout: float = 2.0) -> Check:
    """Connect to the Celery broker, or report eager mode when none is configured."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return Check("broker", True, "eager (no broker configured; tasks run in-process)")
    from config.celery import app

    try:
        # Celery prefers an environment variable over its config; the settings are what we report.
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception as error:  # the broker client raises many kinds; all mean "down"
        return Check("broker", False, f"{type(error).__name__}: {error}")
    return Check("broker", True, conn.transport_cls)
