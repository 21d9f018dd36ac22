"""Hostile input answers 400, 403 or 413, never a 500 (issue 9, S3 and 5).

Reproduced from the outside on PostgreSQL: a NUL byte in a slug field of a write
(`{"cause": "\\u0000"}` on obstacles, a membership's `user`) was a 500, reached even by a
viewer because validation ran before the role check; a JSON body nested ~1,000 deep was a 500;
a NUL byte in `?q=` was a 500 on every HTML record list and on the site search.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.api_clients import api_client_of
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTS = ("outputs", "indicators", "obstacles", "assessments", "measurements", "involvements")


@pytest.fixture
def vera(programme):
    """Vera views the programme: she may read it and change nothing."""
    user = UserFactory(username="vera")
    MembershipFactory(user=user, programme=programme, role="viewer")
    return user


def obstacle_body(programme, cause: str) -> dict:
    return {"programme": programme.pk, "title": "Hostile", "cause": cause}


def test_a_nul_byte_in_a_slug_field_is_a_400_naming_the_field(alice, programme, cause):
    response = api_client_of(alice).post(
        "/api/v1/obstacles/", obstacle_body(programme, "\u0000"), format="json"
    )

    assert response.status_code == 400, response.content
    assert "cause" in response.json()


def test_a_viewer_is_refused_by_role_before_the_body_is_read(vera, programme):
    response = api_client_of(vera).post(
        "/api/v1/obstacles/", obstacle_body(programme, "\u0000"), format="json"
    )

    assert response.status_code == 403, response.content


def test_a_nul_byte_in_a_membership_user_is_a_400(programme):
    staff = UserFactory(username="sam", is_staff=True)

    response = api_client_of(staff).post(
        "/api/v1/memberships/",
        {"user": "\u0000", "programme": programme.pk, "role": "viewer"},
        format="json",
    )

    assert response.status_code == 400, response.content
    assert "user" in response.json()


def test_a_deeply_nested_body_is_a_400(alice):
    body = "[" * 1000 + "]" * 1000

    response = api_client_of(alice).generic(
        "POST", "/api/v1/obstacles/", body, content_type="application/json"
    )

    assert response.status_code == 400, response.content
    assert "nested" in response.json()["detail"]


def test_an_oversized_body_is_a_413(alice, programme, cause, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    body = json.dumps({**obstacle_body(programme, cause.code), "description": "x" * 20_000})

    response = api_client_of(alice).generic(
        "POST", "/api/v1/obstacles/", body, content_type="application/json"
    )

    assert response.status_code == 413, response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("key", LISTS)
def test_a_nul_byte_in_the_search_of_a_record_list_is_a_clean_answer(client, alice, programme, key):
    client.force_login(alice)

    response = client.get(reverse("record-list", args=[programme.code, key]), {"q": "a\x00b"})

    assert response.status_code in (200, 400)


def test_a_nul_byte_in_the_site_search_is_a_clean_answer(client, alice):
    client.force_login(alice)

    response = client.get(reverse("search"), {"q": "ab\x00"})

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("value", ["\x00", "a\x1fb", "\x7f"])
def test_a_control_character_in_any_query_parameter_is_a_400(client, alice, programme, value):
    client.force_login(alice)

    page = client.get(reverse("record-list", args=[programme.code, "outputs"]), {"code": value})
    api = api_client_of(alice).get("/api/v1/outputs/", {"code": value})

    assert page.status_code == 400
    assert api.status_code == 400
    assert "code" in api.json()


TOO_LARGE_AN_ID = str(2**63)  # one past the largest id any database stores


def test_a_filter_naming_an_id_too_large_for_any_database_is_a_400(alice, programme):
    """Found by the property test (test_any_filter_value.py): SQLite overflowed into a 500."""
    response = api_client_of(alice).get("/api/v1/indicators/", {"programme": TOO_LARGE_AN_ID})

    assert response.status_code == 400
    assert "programme" in response.json()


def test_a_reference_to_an_id_too_large_for_any_database_is_a_400(alice, programme, cause):
    body = {"programme": TOO_LARGE_AN_ID, "title": "Hostile", "cause": cause.code}

    response = api_client_of(alice).post("/api/v1/obstacles/", body, format="json")

    assert response.status_code == 400
    assert "programme" in response.json()


def test_the_html_list_ignores_a_filter_id_too_large_for_any_database(client, alice, programme):
    client.force_login(alice)

    response = client.get(
        reverse("record-list", args=[programme.code, "outputs"]), {"outcome": TOO_LARGE_AN_ID}
    )

    assert response.status_code == 200
    assert response.context["filterset"].errors
