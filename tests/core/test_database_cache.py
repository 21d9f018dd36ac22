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


def test_the_purge_deletes_expired_rows_and_keeps_live_ones():
    cache = DatabaseCache("pantau_cache", {})
    cache.set("count", 7, timeout=60)
    for n in range(3):
        cache.set(f"short-{n}", n, timeout=1)

    time.sleep(2.1)
    purged = cache.purge_expired()

    assert purged >= 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pantau_cache WHERE cache_key LIKE %s", ["%short-%"])
        assert cursor.fetchone()[0] == 0
    assert cache.get("count") == 7


def test_djangos_cull_never_comes_near_live_counts():
    default = settings.CACHES["default"]
    if default["BACKEND"] != "apps.core.cache.DatabaseCache":
        pytest.skip("the cache is not the database here (CACHE_URL names another store)")
    # Django drops a third of the rows, live ones too, once there are more than MAX_ENTRIES.
    assert default["OPTIONS"]["MAX_ENTRIES"] >= 1_000_000


def test_the_periodic_task_purges_the_default_cache():
    from django.core.cache import caches

    from apps.core.tasks import purge_expired_cache_entries

    if not isinstance(caches["default"], DatabaseCache):
        pytest.skip("the cache is not the database here (CACHE_URL names another store)")
    caches["default"].set("brief", 1, timeout=1)
    time.sleep(2.1)

    assert purge_expired_cache_entries() >= 1
    assert caches["default"].get("brief") is None
