"""The signed-in user's API token page: create (shown once), list, revoke, owner only."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import ApiToken
from apps.accounts.selectors import api_token_authenticate
from apps.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"pantau_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")


def create(client, **data):
    form = {"name": "ci", "access": "read", "expires_in_days": "30", **data}
    return client.post(reverse("token-list"), form)


def test_the_token_page_needs_a_signed_in_user(client, alice):
    token, _ = api_token_create(user=alice, name="ci")
    for method, url in (
        ("get", reverse("token-list")),
        ("post", reverse("token-list")),
        ("post", reverse("token-revoke", args=[token.pk])),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.count() == 1


def test_a_new_token_is_shown_once_with_a_warning_and_it_authenticates(client, alice):
    client.force_login(alice)
    response = create(client, name="ci", access="write", expires_in_days="7")
    assert response.status_code == 200
    shown = TOKEN.findall(response.text)
    assert len(shown) == 1
    assert "will not be shown again" in response.text
    token = api_token_authenticate(token=shown[0])
    assert token is not None
    assert (token.user, token.name, token.read_only) == (alice, "ci", False)
    assert "no-store" in response["Cache-Control"]


def test_the_list_never_shows_the_plaintext_again(client, alice):
    client.force_login(alice)
    plaintext = TOKEN.search(create(client, name="ci").text)[0]
    token = ApiToken.objects.get()
    response = client.get(reverse("token-list"))
    assert response.status_code == 200
    assert plaintext not in response.text
    assert plaintext.split("_", 2)[2] not in response.text
    assert not TOKEN.search(response.text)
    assert f"pantau_{token.prefix}_" in response.text  # the public part, to recognise it by
    assert "ci" in response.text


def test_the_page_shows_only_the_users_own_tokens(client, alice, bob):
    api_token_create(user=alice, name="alices-laptop")
    theirs, _ = api_token_create(user=bob, name="bobs-dashboard")
    client.force_login(alice)
    response = client.get(reverse("token-list"))
    assert "alices-laptop" in response.text
    assert "bobs-dashboard" not in response.text
    assert theirs.prefix not in response.text


def test_an_invalid_form_creates_nothing_and_says_why(client, alice):
    client.force_login(alice)
    response = create(client, name="", expires_in_days="400")
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert not TOKEN.search(response.text)
    assert response.context["form"].errors.keys() == {"name", "expires_in_days"}


def test_a_duplicate_name_is_refused_on_the_name_field(client, alice):
    client.force_login(alice)
    create(client, name="ci")
    response = create(client, name="ci")
    assert ApiToken.objects.count() == 1
    assert not TOKEN.search(response.text)
    assert "name" in response.context["form"].errors


def test_revoking_a_token_stops_it_authenticating(client, alice):
    token, plaintext = api_token_create(user=alice, name="ci")
    client.force_login(alice)
    response = client.post(reverse("token-revoke", args=[token.pk]), follow=True)
    assert response.redirect_chain == [(reverse("token-list"), 302)]
    assert "revoked" in response.text
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(token=plaintext) is None
    assert token.history.first().history_user == alice


def test_revoking_needs_a_post(client, alice):
    token, _ = api_token_create(user=alice, name="ci")
    client.force_login(alice)
    assert client.get(reverse("token-revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_the_csrf_token(alice):
    token, _ = api_token_create(user=alice, name="ci")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(reverse("token-revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_someone_elses_token_is_404_and_leaves_it_working(client, alice, bob):
    theirs, plaintext = api_token_create(user=bob, name="ci")
    client.force_login(alice)
    assert client.post(reverse("token-revoke", args=[theirs.pk])).status_code == 404
    assert api_token_authenticate(token=plaintext) == theirs


def test_the_list_costs_the_same_queries_for_one_token_as_for_five(client, alice):
    client.force_login(alice)
    api_token_create(user=alice, name="token-0")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("token-list"))
    for number in range(1, 5):
        api_token_create(user=alice, name=f"token-{number}")
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse("token-list"))
    assert all(f"token-{number}" in response.text for number in range(5))
    assert len(five) == len(one)
