"""What surrounds the record pages: search across kinds, the programme switcher, the language
switch, login lock-out (django-axes) and the Content-Security-Policy every page carries."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    ObstacleFactory,
    OutputFactory,
    ProgrammeFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


# Search -------------------------------------------------------------------------------------


@pytest.fixture
def harbour(programme, outcome, output, cause):
    """Records about harbours in the programme, in a programme nobody here reads, and shared."""
    elsewhere = OutputFactory(outcome__programme=ProgrammeFactory(), title="Harbour elsewhere")
    return {
        "outputs": OutputFactory(outcome=outcome, title="Harbour patrols"),
        "indicators": IndicatorFactory(output=output, name="Harbour seizures"),
        "obstacles": ObstacleFactory(programme=programme, cause=cause, title="Harbour turf"),
        "stakeholders": StakeholderFactory(name="Harbour Authority"),
        "elsewhere": elsewhere,
    }


def found(response) -> dict[str, list]:
    return {
        group["kind"].key: [r for r, _ in group["results"]] for group in response.context["groups"]
    }


def test_search_finds_records_of_every_kind_in_readable_programmes_only(
    client, alice, programme, harbour
):
    client.force_login(alice)

    response = client.get(reverse("search"), {"q": "harbour"})

    assert response.status_code == 200
    results = found(response)
    for key in ("outputs", "indicators", "obstacles", "stakeholders"):
        assert results[key] == [harbour[key]], key
    assert "Harbour elsewhere" not in response.text
    detail = reverse("record-detail", args=[programme.code, "obstacles", harbour["obstacles"].pk])
    assert f'href="{detail}"' in response.text


def test_search_by_a_user_without_programmes_finds_shared_records_only(client, charlie, harbour):
    client.force_login(charlie)

    response = client.get(reverse("search"), {"q": "harbour"})

    assert found(response) == {"stakeholders": [harbour["stakeholders"]]}


def test_search_needs_two_characters(client, alice, harbour):
    client.force_login(alice)

    response = client.get(reverse("search"), {"q": "h"})

    assert response.context["groups"] == []


def test_search_needs_a_signed_in_user(client):
    response = client.get(reverse("search"), {"q": "harbour"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


# Programme switcher -------------------------------------------------------------------------


def test_the_programme_switcher_lists_only_the_users_programmes(client, alice, programme):
    other = ProgrammeFactory(title="Not Alice's programme")
    client.force_login(alice)

    response = client.get(reverse("record-list", args=[programme.code, "outputs"]))

    assert list(response.context["nav_programmes"]) == [programme]
    assert response.context["current_programme"] == programme
    assert f'href="{reverse("programme-detail", args=[programme.code])}"' in response.text
    assert other.code not in response.text


def test_a_user_with_roles_in_two_programmes_can_switch_between_them(client, alice, programme):
    second = ProgrammeFactory()
    MembershipFactory(user=alice, programme=second, role="viewer")
    client.force_login(alice)

    response = client.get(reverse("home"))

    assert set(response.context["nav_programmes"]) == {programme, second}
    assert f'href="{reverse("programme-detail", args=[second.code])}"' in response.text


# Language -----------------------------------------------------------------------------------


def test_the_language_switch_remembers_the_choice_and_returns_to_the_page(client, alice, programme):
    client.force_login(alice)
    page = reverse("record-list", args=[programme.code, "obstacles"])

    response = client.post(reverse("language"), {"language": "id", "next": page})
    alice.refresh_from_db()
    after = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == page
    assert alice.language == "id"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert after["Content-Language"] == "id"
    assert '<html lang="id">' in after.text


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/p/", "javascript:alert(1)"]
)
def test_the_language_switch_never_sends_the_user_off_site(client, alice, elsewhere):
    client.force_login(alice)

    response = client.post(reverse("language"), {"language": "id", "next": elsewhere})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_an_unknown_language_is_refused_and_nothing_is_stored(client, alice):
    client.force_login(alice)

    response = client.post(reverse("language"), {"language": "klingon", "next": "/"})

    alice.refresh_from_db()
    assert response.status_code == 400
    assert alice.language == "en"


# Login lock-out -----------------------------------------------------------------------------


def log_in(client, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failed_logins_lock_the_username_and_address_out_even_with_the_right_password(
    client, alice
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong password").status_code == 200
    log_in(client, "wrong password")  # the fifth failure locks the pair out
    assert not signed_in(client)

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many failed logins" in response.text


def test_the_lock_out_holds_for_that_address_only(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong password")

    response = log_in(client, PASSWORD, address="10.0.0.2")

    assert response.status_code == 302
    assert signed_in(client)


def test_four_failed_logins_still_let_the_right_password_in(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong password")

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


# Content-Security-Policy --------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def workspace_pages(programme, output, obstacle) -> list[str]:
    code = programme.code
    return [
        reverse("login"),
        reverse("home"),
        reverse("programme-detail", args=[code]),
        reverse("record-list", args=[code, "obstacles"]),
        reverse("record-detail", args=[code, "outputs", output.pk]),
        reverse("record-edit", args=[code, "obstacles", obstacle.pk]),
        reverse("record-history", args=[code, "obstacles", obstacle.pk]),
        reverse("record-create", args=[code, "assessments"]) + f"?output={output.pk}",
        reverse("obstacle-board", args=[code]),
        reverse("shared-list", args=["stakeholders"]),
        reverse("search") + "?q=obstacle",
        reverse("token-list"),
    ]


def test_every_page_sends_a_csp_that_forbids_inline_scripts_and_has_none(
    client, alice, programme, output, cause
):
    obstacle = ObstacleFactory(programme=programme, cause=cause)
    client.force_login(alice)

    for url in workspace_pages(programme, output, obstacle):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = {
            part.split()[0]: part.split()[1:]
            for part in response["Content-Security-Policy"].split(";")
            if part.strip()
        }
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["style-src"], url
        assert not INLINE_SCRIPT.search(response.text), url
        assert not INLINE_HANDLER.search(response.text), url
