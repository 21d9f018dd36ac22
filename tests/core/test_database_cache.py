"""The database cache counts every increment, however many processes count at once.

Reproduced before (the S4 test run on 2 gunicorn workers): Django's database cache increments by
reading and writing back, so two workers counting one rate-limit window at the same moment wrote
the same number and let an 11th call of a 10-call rate through. `apps.core.cache.DatabaseCache`
locks the row for the read and the write.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connection, connections

from apps.core.cache import DatabaseCache

pytestmark = pytest.mark.django_db(transaction=True)

THREADS, EACH = 6, 25


def count_at_once(backend: type[DjangoDatabaseCache]) -> int:
    """THREADS threads each increment one key EACH times, all starting together."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL, where increments run at the same time: set DATABASE_URL")
    cache = backend("pantau_cache", {})
    cache.set("hits", 0, timeout=60)
    start = threading.Barrier(THREADS)

    def hit() -> None:
        start.wait()
        try:
            for _ in range(EACH):
                cache.incr("hits")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return int(cache.get("hits"))


def test_concurrent_increments_are_all_counted():
    assert count_at_once(DatabaseCache) == THREADS * EACH


def test_an_increment_keeps_the_keys_expiry_and_a_missing_key_is_refused():
    cache = DatabaseCache("pantau_cache", {})
    cache.set("window", 1, timeout=2)
    assert cache.incr("window") == 2
    assert cache.decr("window") == 1
    with pytest.raises(ValueError):
        cache.incr("never-set")
    time.sleep(2.1)
    assert cache.get("window") is None


def test_the_settings_never_use_djangos_own_database_cache():
    assert settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache"
