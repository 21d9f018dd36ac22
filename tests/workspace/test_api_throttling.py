"""Request rates of the API: per client address when anonymous, per token, per signed-in user.

Rates come from `settings.PANTAU_THROTTLE_RATES`, which every test here sets small. A call
beyond its rate answers 429 with a JSON `detail` and a `Retry-After` header; each token, and
each signed-in user's browser session, has a budget of its own.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.accounts.services import api_token_create
from apps.workspace.api import throttling

pytestmark = pytest.mark.django_db

RATE = 3
LIST = "/api/v1/outputs/"
SCHEMA = "/api/v1/schema/"


@pytest.fixture(autouse=True)
def empty_throttle_cache():
    """Throttle histories live in the cache: each test starts with none and leaves none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    """Every call of a test falls in one rate window, however slow the machine: a test that
    crossed a window's end would start counting again."""
    monkeypatch.setattr(throttling, "clock", lambda: 1_800_000_000.0 + 1)


@pytest.fixture(autouse=True)
def small_rates(settings):
    settings.PANTAU_THROTTLE_RATES = {
        "anon": f"{RATE}/minute",
        "token": f"{RATE}/minute",
        "user": f"{RATE}/minute",
    }


def token_client(user, name: str) -> APIClient:
    _, secret = api_token_create(user=user, name=name, read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def session_client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def use_up(client: APIClient, path: str = LIST, *, expected: int = 200, **headers) -> None:
    """Make as many calls as the rate allows, each answered as `expected`."""
    for call in range(RATE):
        response = client.get(path, **headers)
        assert response.status_code == expected, f"call {call + 1}: {response.content!r}"


def schema(client: APIClient, **headers):
    """The OpenAPI schema, open to anonymous callers, asked for as JSON."""
    return client.get(SCHEMA, HTTP_ACCEPT="application/json", **headers)


def assert_throttled(response) -> None:
    assert response.status_code == 429, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "throttled" in detail.lower()
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 60


def test_anonymous_calls_beyond_the_anonymous_rate_are_refused_with_429():
    client = APIClient()
    use_up(client, SCHEMA, HTTP_ACCEPT="application/json")

    assert_throttled(schema(client))


def test_anonymous_calls_to_a_protected_endpoint_count_against_the_anonymous_rate():
    client = APIClient()
    use_up(client, expected=401)

    assert_throttled(client.get(LIST))


def test_calls_with_an_invalid_token_count_against_the_anonymous_rate():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer pantau_guess_notarealsecret")
    use_up(client, expected=401)

    assert_throttled(client.get(LIST))


def test_each_client_address_has_its_own_anonymous_budget():
    here, there = APIClient(REMOTE_ADDR="10.0.0.1"), APIClient(REMOTE_ADDR="10.0.0.2")
    use_up(here, expected=401)
    assert_throttled(here.get(LIST))

    assert there.get(LIST).status_code == 401
    assert schema(there).status_code == 200


def test_a_forged_x_forwarded_for_does_not_escape_the_anonymous_rate():
    client = APIClient(REMOTE_ADDR="10.0.0.1")
    for call in range(RATE):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{call}"}
        assert client.get(LIST, **forged).status_code == 401

    assert_throttled(client.get(LIST, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_behind_our_proxy_the_address_it_appends_identifies_the_client(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = APIClient(REMOTE_ADDR="10.0.0.254")
    # The client may send any X-Forwarded-For; the proxy appends the address it saw last.
    for call in range(RATE):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{call}, 203.0.113.7"}
        assert proxy.get(LIST, **forged).status_code == 401
    assert_throttled(proxy.get(LIST, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7"))

    assert proxy.get(LIST, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 401


def test_anonymous_calls_do_not_spend_a_token_budget(alice):
    use_up(APIClient(), expected=401)

    assert token_client(alice, "after anonymous").get(LIST).status_code == 200


def test_token_calls_beyond_the_token_rate_are_refused_with_429(alice):
    client = token_client(alice, "busy")
    use_up(client)

    assert_throttled(client.get(LIST))
    assert_throttled(client.patch("/api/v1/outputs/0/", {}, format="json"))


def test_another_token_of_the_same_user_keeps_its_own_budget(alice):
    busy, other = token_client(alice, "busy"), token_client(alice, "other")
    use_up(busy)
    assert_throttled(busy.get(LIST))

    assert other.get(LIST).status_code == 200


def test_a_users_browser_session_is_not_throttled_by_their_token(alice):
    token = token_client(alice, "busy")
    use_up(token)
    assert_throttled(token.get(LIST))

    assert session_client(alice).get(LIST).status_code == 200


def test_session_calls_beyond_the_user_rate_are_refused_with_429(alice):
    client = session_client(alice)
    use_up(client)

    assert_throttled(client.get(LIST))


def test_each_signed_in_user_has_their_own_rate(alice, bob):
    use_up(session_client(alice))
    assert_throttled(session_client(alice).get(LIST))  # a second session of Alice shares it

    assert session_client(bob).get(LIST).status_code == 200


def test_a_users_tokens_are_not_throttled_by_their_browser_session(alice):
    session = session_client(alice)
    use_up(session)
    assert_throttled(session.get(LIST))

    assert token_client(alice, "fresh").get(LIST).status_code == 200


def test_the_session_rate_is_its_own_setting(settings, alice):
    settings.PANTAU_THROTTLE_RATES = {"anon": "1/minute", "token": "1/minute", "user": "5/minute"}
    client = session_client(alice)
    for _ in range(5):
        assert client.get(LIST).status_code == 200

    assert_throttled(client.get(LIST))


def test_aggregate_endpoints_are_throttled_too(alice):
    client = token_client(alice, "charts")
    use_up(client, "/api/v1/aggregates/headline/")

    assert_throttled(client.get("/api/v1/aggregates/quadrant-matrix/"))


def test_new_rates_apply_at_once_without_a_restart(settings, alice):
    client = token_client(alice, "busy")
    use_up(client)
    assert_throttled(client.get(LIST))

    settings.PANTAU_THROTTLE_RATES = {**settings.PANTAU_THROTTLE_RATES, "token": "100/minute"}

    assert client.get(LIST).status_code == 200


def test_every_throttled_response_says_how_many_calls_are_left_and_when_one_is_freed(alice):
    client = token_client(alice, "counted")
    seen = []
    for _ in range(RATE):
        response = client.get(LIST)
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == str(RATE)
        assert response["RateLimit-Policy"] == f"{RATE};w=60"
        assert 0 < int(response["RateLimit-Reset"]) <= 60
        seen.append(int(response["RateLimit-Remaining"]))

    refused = client.get(LIST)

    assert seen == [RATE - 1, RATE - 2, 0]
    assert_throttled(refused)
    assert refused["RateLimit-Remaining"] == "0"
    assert refused["RateLimit-Reset"] == refused["Retry-After"]


def test_anonymous_responses_carry_the_anonymous_rate():
    response = schema(APIClient())

    assert response["RateLimit-Limit"] == str(RATE)
    assert response["RateLimit-Remaining"] == str(RATE - 1)


def test_pages_outside_the_api_carry_no_rate_limit_headers(client):
    assert "RateLimit-Limit" not in client.get("/accounts/login/")


def test_a_refused_call_names_its_request(alice):
    client = token_client(alice, "quoted")
    use_up(client)

    response = client.get(LIST)

    assert response.json()["request_id"] == response["X-Request-ID"]
