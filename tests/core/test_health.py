"""The /healthz endpoint and the settings' start-up rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.factories import UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="sam", is_staff=True))
    return client


@pytest.mark.django_db
def test_healthz_reports_database_and_eager_broker_when_embedded(staff_client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = staff_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["detail"].startswith("eager")


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is False


@pytest.mark.django_db
def test_healthz_tells_the_public_only_whether_each_part_works(client, settings):
    """Reproduced (issue 9, 10): the public answer printed the error, with host and port."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"

    body = client.get("/healthz").json()

    assert body["checks"] == {"database": {"ok": True}, "broker": {"ok": False}}
    assert "127.0.0.1" not in json.dumps(body)


@pytest.mark.django_db
def test_healthz_gives_staff_the_reason_a_part_fails(staff_client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"

    body = staff_client.get("/healthz").json()

    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["detail"]
    assert body["checks"]["database"]["detail"] in ("sqlite", "postgresql")


@pytest.mark.services
@pytest.mark.django_db
def test_healthz_reaches_a_real_redis_broker(client, settings):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("needs CELERY_BROKER_URL pointing at Redis")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = broker
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["broker"]["ok"] is True


def _start_django(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=environment | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_without_secret_key_fails_clearly_when_debug_is_off():
    result = _start_django(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_start_up_with_secret_key_succeeds_when_debug_is_off():
    result = _start_django(DEBUG="false", SECRET_KEY="a-real-secret")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_debug_mode_starts_without_secret_key():
    result = _start_django(DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key", ["change-me-to-a-long-random-string", "django-insecure-pantau-development-key"]
)
def test_start_up_with_a_placeholder_secret_key_fails_when_debug_is_off(key):
    """Reproduced (issue 9, 8): .env.example's placeholder key ran a production site."""
    result = _start_django(DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is a placeholder" in result.stderr


@pytest.mark.django_db
def test_the_health_check_answers_over_http_when_every_page_redirects_to_https(client, settings):
    """Reproduced (issue 9, 8): SECURE_SSL_REDIRECT made the image's HEALTHCHECK fail (301)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_TASK_ALWAYS_EAGER = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
