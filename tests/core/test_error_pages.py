"""Every error a person meets is a Pantau page in their language naming the request id; under
the API every error is JSON with the request id (issue 9, 11).

Reproduced before: a CSRF failure showed Django's unstyled English page (its inline styles
blocked by Pantau's own CSP); no error page named the request; the 500 and 503 pages were bare
HTML without the site's style; an unknown /api/ address answered with the HTML 404 page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.core.failures import explode_with

pytestmark = pytest.mark.django_db

# The heading of each page, in English and in Indonesian.
HEADINGS = {
    400: ("Bad request", "Permintaan tidak valid"),
    403: ("Not allowed", "Tidak diizinkan"),
    404: ("Page not found", "Halaman tidak ditemukan"),
    500: ("Server error", "Kesalahan server"),
    503: ("Unavailable for a moment", "Tidak tersedia sejenak"),
}
LANGUAGES = {"en": 0, "id": 1}


@pytest.fixture
def provoke(monkeypatch, programme, output, bob) -> Callable[[int, str], object]:
    """Make each error happen as it happens in use, for a reader of the given language."""

    def provoke(status: int, language: str):
        # Signed out, the browser's Accept-Language picks the language; signed in, the user's.
        client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
        bob.language = language
        bob.save(update_fields=["language"])
        if status == 400:  # a Host header the site does not serve
            return client.get("/", HTTP_HOST="pantau.attacker.example")
        if status == 403:  # a manager opens an edit page
            client.force_login(bob)
            return client.get(reverse("record-edit", args=[programme.code, "outputs", output.pk]))
        if status == 404:
            return client.get("/no-such-page/")
        # A bug (500) or a lost database connection (503) in the home page's selector.
        from apps.workspace.programmes import views

        error = OperationalError("server closed the connection") if status == 503 else KeyError()
        monkeypatch.setattr(views.selectors, "programme_list", explode_with(error))
        client.force_login(bob)
        return client.get(reverse("home"))

    return provoke


def request_id_shown(response) -> str:
    found = re.search(r'<code[^>]*id="request-id"[^>]*>([^<]+)</code>', response.text)
    assert found, "the page names no request id"
    return found.group(1)


def assert_is_a_styled_page(response, language: str) -> None:
    assert response["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in response.text
    assert "css/bootstrap.min.css" in response.text
    assert "css/pantau.css" in response.text
    assert 'class="navbar-brand' in response.text
    assert "<style" not in response.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", HEADINGS)
def test_each_error_is_a_styled_page_in_the_readers_language_with_the_request_id(
    indonesian_catalogue, provoke, status, language
):
    response = provoke(status, language)

    assert response.status_code == status
    assert_is_a_styled_page(response, language)
    heading = HEADINGS[status][LANGUAGES[language]]
    assert re.search(rf'<h1[^>]*id="error-heading"[^>]*>{heading}</h1>', response.text)
    assert request_id_shown(response) == response["X-Request-ID"]


def test_only_the_unavailable_page_asks_to_retry_after_some_seconds(provoke):
    assert provoke(503, "en")["Retry-After"] == "30"
    assert not provoke(500, "en").has_header("Retry-After")


def test_a_query_string_with_control_characters_is_the_styled_400_with_the_request_id(client):
    response = client.get("/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert_is_a_styled_page(response, "en")
    assert "Check the parameter q." in response.text
    assert request_id_shown(response) == response["X-Request-ID"]


# The CSRF failure ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "The form has expired", "sign in again"),
        ("id", "Formulir sudah kedaluwarsa", "masuk lagi"),
    ],
)
def test_a_form_sent_without_its_csrf_token_gets_the_styled_page_saying_what_to_do(
    indonesian_catalogue, language, heading, advice
):
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    browser.get(reverse("login"))  # the CSRF cookie is set; the token is not sent back

    response = browser.post(reverse("login"), {"username": "alice", "password": "x"})

    assert response.status_code == 403
    assert_is_a_styled_page(response, language)
    assert heading in response.text
    assert advice in response.text
    assert f'href="{reverse("login")}"' in response.text
    assert request_id_shown(response) == response["X-Request-ID"]
    assert "CSRF verification failed" not in response.text  # Django's own page


def test_without_the_csrf_cookie_the_page_asks_to_allow_cookies():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("login"), {"username": "alice", "password": "x"})

    assert response.status_code == 403
    assert "allow cookies for this site" in response.text


def test_the_csrf_page_gives_a_fresh_token_so_that_the_reloaded_form_is_accepted(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.post(reverse("login"), {"username": "alice", "password": "x"})

    token = browser.cookies["csrftoken"].value
    response = browser.post(
        reverse("login"), {"username": "alice", "password": "x", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 200  # the login form again, with its error: not a 403
    assert "did not match" in response.text


def test_a_signed_in_user_is_sent_back_to_the_programmes_not_to_the_login(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)

    response = browser.post(reverse("password-change"), {"old_password": "x"})

    assert response.status_code == 403
    assert f'href="{reverse("home")}"' in response.text
    assert "sign in again" not in response.text
    assert 'id="user-menu"' in response.text


# The API ---------------------------------------------------------------------------------------


def api_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["request_id"] == response["X-Request-ID"]
    assert body["detail"]
    return body


def test_an_unknown_api_address_is_a_json_404():
    api_error(Client().get("/api/v1/no-such-resource/"), 404)


def test_an_api_request_to_an_unknown_host_is_a_json_400():
    api_error(Client().get("/api/v1/programmes/", HTTP_HOST="pantau.attacker.example"), 400)


def test_a_permission_refused_outside_drf_under_the_api_is_a_json_403(rf):
    from django.core.exceptions import PermissionDenied

    from apps.core.errors import permission_denied

    response = permission_denied(rf.get("/api/v1/programmes/"), PermissionDenied())

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert set(json.loads(response.content)) == {"detail", "request_id"}


def test_an_api_error_is_json_in_the_readers_language(indonesian_catalogue):
    response = Client(HTTP_ACCEPT_LANGUAGE="id").get("/api/v1/no-such-resource/")

    assert api_error(response, 404)["detail"] == "Data tidak ditemukan."  # as DRF's own 404


def test_a_session_write_to_the_api_without_csrf_token_stays_drfs_json_403(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)

    response = browser.post("/api/v1/programmes/", {"code": "X"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "CSRF" in response.json()["detail"]


# Without a database ----------------------------------------------------------------------------


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("the database is gone")


@pytest.mark.parametrize(
    ("error", "status"),
    [(RuntimeError("a bug"), 500), (OperationalError("server closed the connection"), 503)],
)
def test_the_500_and_503_pages_render_without_any_database_query(rf, error, status):
    from apps.core.errors import server_error

    request = rf.get("/p/any/")
    with connection.execute_wrapper(refuse_every_query):
        try:
            raise error
        except type(error):
            response = server_error(request)

    assert response.status_code == status
    assert_is_a_styled_page(response, "en")
    assert HEADINGS[status][0] in response.text


def test_a_500_page_that_cannot_be_rendered_still_answers_with_the_request_id(rf, monkeypatch):
    from apps.core import errors
    from apps.core.middleware import current_request_id

    def broken(*args, **kwargs):
        raise RuntimeError("a broken template")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    current_request_id.set("trace-0000abcd")
    try:
        raise KeyError("a bug")
    except KeyError:
        response = errors.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "trace-0000abcd" in response.text
