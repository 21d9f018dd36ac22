"""Users change their own password, and reset a forgotten one by email (issue 9, 9).

Reproduced before: there was no password change or reset page.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "correct horse battery staple"  # UserFactory's
NEW = "a longer passphrase nobody guesses"


def logs_in(client, username: str, password: str) -> bool:
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def test_a_user_changes_their_password_and_their_tokens_stop(client):
    user = UserFactory(username="rita")
    _, secret = api_token_create(user=user, name="tool", read_only=True)
    client.force_login(user)

    response = client.post(
        reverse("password-change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password-change-done")
    assert client.get(reverse("home")).status_code == 200, "this session stays signed in"
    client.logout()
    assert logs_in(client, "rita", NEW)
    api = client.get("/api/v1/programmes/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 401


def test_a_wrong_old_password_is_refused_on_its_field(client):
    user = UserFactory(username="sven")
    client.force_login(user)

    response = client.post(
        reverse("password-change"),
        {"old_password": "not it", "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(client):
    UserFactory(username="tara", email="tara@example.org")

    sent = client.post(reverse("password-reset"), {"email": "tara@example.org"})

    assert sent.status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert done.status_code == 302
    assert logs_in(client, "tara", NEW)


def test_asking_for_an_unknown_address_tells_nothing_and_sends_nothing(client):
    response = client.post(reverse("password-reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password-reset-done")
    assert mail.outbox == []
