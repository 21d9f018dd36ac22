"""A lost database connection answers 503 with Retry-After — JSON on the API — never an HTML
500 (issue 9, 7); the 500 and 503 pages render without the database (issue 9, 11).

Reproduced before: with the database gone, API clients got Django's HTML 500 page, no 503 and
no Retry-After, although docs/api.md promises JSON errors.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def drop_the_apps_connection() -> None:
    """End the server side of the app's database connection, as a restart or failover does."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL to end a connection from the server side: set DATABASE_URL")
    pid = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def signed_in():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="olivia"))
    yield client
    connection.close()  # the next test starts on a fresh connection


def test_the_api_answers_503_json_with_retry_after(signed_in):
    drop_the_apps_connection()

    response = signed_in.get("/api/v1/programmes/")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"].isdigit()
    assert "detail" in response.json()
    assert response.json()["request_id"] == response["X-Request-ID"]


def test_a_page_answers_503_with_retry_after(signed_in):
    drop_the_apps_connection()

    response = signed_in.get("/")

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert b"try again" in response.content.lower()


def test_any_other_api_failure_is_a_json_500(signed_in, monkeypatch):
    response = signed_in.get("/api/v1/no-such-resource/")
    assert response.status_code == 404

    def explode(*args, **kwargs):
        raise RuntimeError("a bug")

    from apps.workspace.api import viewsets

    monkeypatch.setattr(viewsets.RecordViewSet, "list", explode)
    response = signed_in.get("/api/v1/programmes/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")


@pytest.fixture
def reader_of_indonesian(indonesian_catalogue):
    """A browser asking for Indonesian: with the database gone, its user's language is unknown."""
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(UserFactory(username="putri"))
    yield client
    connection.close()


def test_the_503_page_is_styled_in_the_readers_language_and_names_the_request(
    reader_of_indonesian,
):
    drop_the_apps_connection()

    response = reader_of_indonesian.get("/")

    assert response.status_code == 503
    assert '<html lang="id">' in response.text
    assert "css/pantau.css" in response.text
    assert "Tidak tersedia sejenak" in response.text
    assert response["X-Request-ID"] in response.text


def test_a_bug_met_while_the_database_is_gone_is_still_answered_with_a_page(signed_in, monkeypatch):
    from apps.workspace.programmes import views

    def lose_the_database_then_fail(**kwargs):
        drop_the_apps_connection()
        raise KeyError("a bug")

    monkeypatch.setattr(views.selectors, "programme_list", lose_the_database_then_fail)

    response = signed_in.get("/")

    assert response.status_code == 500
    assert "Server error" in response.text
    assert "css/pantau.css" in response.text
    assert response["X-Request-ID"] in response.text
