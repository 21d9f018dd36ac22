"""The database cache, with an increment that holds under concurrency, and its clean-up.

Django's database cache increments by reading the value and writing it back, so two processes
counting the same key at once can both write the same number: one call of a rate limit goes
uncounted. Here the row is locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's immediate
transactions serialise writers anyway) for the read and the write, so every increment counts,
as Redis's INCR does. The settings use this backend whenever the cache is the database.

Django removes expired rows only once the table holds more than MAX_ENTRIES, and then also
drops a share of the live ones, which would forget rate and sign-in counts: settings raise
MAX_ENTRIES far above what the site holds, and `purge_expired` (a periodic task) deletes the
expired rows instead.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache whose `incr` and `decr` are atomic and keep the key's expiry."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        cache_key = self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT cache_key FROM {table} WHERE cache_key = %s{lock}", [cache_key]
                )
            # Read through the cache itself (it knows expiry and decoding), then write the new
            # value back into the locked row, leaving its expiry as it was.
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, cache_key]
                )
        return new_value

    def purge_expired(self) -> int:
        """Delete the rows whose time is up; how many there were."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        now = timezone.now().replace(microsecond=0)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE expires < %s",
                [connection.ops.adapt_datetimefield_value(now)],
            )
            return int(cursor.rowcount)


def count_hit(key: str, *, timeout: int) -> int:
    """Add one to the count kept in `key` of the default cache and return it, atomically; the
    first hit opens the key for `timeout` seconds. Rate limits and sign-in slowdowns count so."""
    try:
        return int(cache.incr(key))
    except ValueError:  # the key's first hit
        if cache.add(key, 1, timeout=timeout):
            return 1
        return int(cache.incr(key))  # another hit opened it meanwhile
