"""Every answer carries a request id; what a signed-in user or an API client sees is never
cached; no page may use camera, microphone, location or payment (issue 9, 11).

Reproduced before: no Cache-Control on signed-in pages and API JSON, no Permissions-Policy, no
request id in responses or logs.
"""

from __future__ import annotations

import logging

import pytest

from tests.api_clients import api_client_of

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
