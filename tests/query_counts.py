"""Counting a block's queries for the query-count guards, without the cache's own.

The API's rate limits count each call in the cache, which is a table of the database unless
CACHE_URL names Redis; the first call of each rate window costs a query more than the next.
The guards are about the queries that read records, so the cache table's are left out, and so
are savepoints (the cache's writes open them; record reads never do).

Two writes happen at most once a minute whatever the data: a signed-in session's latest-request
time (SessionTimeoutMiddleware) and a token's `last_used_at`. A guard whose two measurements are
more than a minute apart (a slow machine) would count one of them on one side only, so those
UPDATEs are left out too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import ApiToken

BOOKKEEPING_WRITES = (
    f'UPDATE "{Session._meta.db_table}"',
    f'UPDATE "{ApiToken._meta.db_table}" SET "last_used_at"',
)


class RecordQueries(CaptureQueriesContext):
    """`CaptureQueriesContext` of the default connection, minus the cache table's queries,
    savepoints and the once-a-minute bookkeeping writes."""

    def __init__(self, connection: Any = connection) -> None:
        super().__init__(connection)

    @property
    def captured_queries(self) -> list[dict[str, str]]:
        return [
            query
            for query in super().captured_queries
            if settings.CACHE_TABLE not in query["sql"]
            and "SAVEPOINT" not in query["sql"]
            and not query["sql"].startswith(BOOKKEEPING_WRITES)
        ]
