"""With the shared cache down, the API still answers: its rate limits fail open (issue 9, 2).

Reproduced before: with the compose settings (CACHE_URL on Redis) a Redis outage made every
API call a 500, anonymous ones too, because the rate limits read the cache.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api_clients import api_client_of
from tests.private_services import private_redis

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def redis_cache(settings):
    with private_redis() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        yield server


def test_api_calls_are_answered_while_the_cache_is_down(redis_cache, alice, output, caplog):
    client = api_client_of(alice, read_only=True)
    assert client.get("/api/v1/outputs/").status_code == 200

    redis_cache.stop()
    with_token = client.get("/api/v1/outputs/")
    anonymous = APIClient().get("/api/v1/outputs/")

    assert with_token.status_code == 200
    assert with_token.json()["count"] == 1
    assert anonymous.status_code == 401
    assert "rate limit" in caplog.text and "not applied" in caplog.text
