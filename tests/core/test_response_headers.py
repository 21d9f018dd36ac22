"""Every answer carries a request id; what a signed-in user or an API client sees is never
cached; no page may use camera, microphone, location or payment; every answer, error pages
included, carries the Content-Security-Policy built by django-csp (issue 9, 11).

Reproduced before: no Cache-Control on signed-in pages and API JSON, no Permissions-Policy, no
request id in responses or logs.
"""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError

from tests.api_clients import api_client_of
from tests.core.failures import explode_with
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_is_private_and_not_stored(client, alice, programme):
    client.force_login(alice)

    response = client.get(f"/p/{programme.code}/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_api_answers_are_not_stored(alice, output):
    client = api_client_of(alice, read_only=True)

    response = client.get(f"/api/v1/outputs/{output.pk}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_every_page_switches_off_the_browser_features_pantau_does_not_use(client):
    response = client.get("/accounts/login/")

    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_every_answer_names_its_request_and_a_proxys_id_is_kept(client):
    fresh = client.get("/accounts/login/")
    forwarded = client.get("/accounts/login/", headers={"X-Request-ID": "proxy-1234abcd"})
    forged = client.get("/accounts/login/", headers={"X-Request-ID": "bad id\r\nSet-Cookie: x"})

    assert len(fresh["X-Request-ID"]) == 32
    assert forwarded["X-Request-ID"] == "proxy-1234abcd"
    assert forged["X-Request-ID"] != "bad id\r\nSet-Cookie: x"
    assert len({fresh["X-Request-ID"], forged["X-Request-ID"]}) == 2


def test_log_lines_written_while_answering_carry_the_request_id(client, caplog):
    from apps.core.middleware import RequestIdFilter

    handler_filter = RequestIdFilter()
    caplog.handler.addFilter(handler_filter)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/no-such-page/", headers={"X-Request-ID": "trace-5678efgh"})

    assert response.status_code == 404
    assert any(getattr(r, "request_id", None) == "trace-5678efgh" for r in caplog.records)


# Content-Security-Policy (django-csp) ----------------------------------------------------------

# The policy of every page but the admin's and the API documentation's, directive by directive.
STRICT_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "object-src": {"'none'"},
}


def policy_of(response) -> dict[str, set[str]]:
    assert response.has_header("Content-Security-Policy"), response.request["PATH_INFO"]
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: set(sources) for name, *sources in directives if name}


def test_pages_and_api_answers_carry_the_strict_policy(client, alice, programme, output):
    client.force_login(alice)
    pages = [
        client.get("/accounts/login/"),
        client.get(f"/p/{programme.code}/"),
        client.get(f"/api/v1/outputs/{output.pk}/"),
        client.get("/api/v1/programmes/", {"ordering": "no-such-field"}),
        client.get("/healthz"),
    ]

    for response in pages:
        assert policy_of(response) == STRICT_POLICY, response.request["PATH_INFO"]


def test_error_pages_carry_the_strict_policy_even_those_answered_by_a_middleware(client):
    from django.test import Client

    answers = {
        "404": client.get("/no-such-page/"),
        "api 404": client.get("/api/v1/no-such-resource/"),
        "400 from the query-string check": client.get("/", {"q": "\x00"}),
        "400 of an unknown host": client.get("/", HTTP_HOST="pantau.attacker.example"),
        "403 of the CSRF check": Client(enforce_csrf_checks=True).post("/accounts/login/", {}),
    }
    from apps.workspace.programmes import views

    for status, error in {"500": KeyError(), "503": OperationalError("gone")}.items():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(views.selectors, "programme_list", explode_with(error))
            signed_in = Client(raise_request_exception=False)
            signed_in.force_login(UserFactory())
            answers[status] = signed_in.get("/")

    for name, response in answers.items():
        assert response.status_code >= 400, name
        assert policy_of(response) == STRICT_POLICY, name


def test_only_the_admin_and_the_api_documentation_may_use_inline_styles(client, alice):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    relaxed = {**STRICT_POLICY, "style-src": {"'self'", "'unsafe-inline'"}}
    relaxed["img-src"] = {"'self'", "data:", "blob:"}

    for url in ("/admin/", "/api/v1/docs/", "/api/v1/redoc/"):
        assert policy_of(client.get(url)) == relaxed, url
    assert policy_of(client.get("/administration-lookalike/")) == STRICT_POLICY
