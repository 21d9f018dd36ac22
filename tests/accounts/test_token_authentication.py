"""API token authentication and scope through DRF, on a tiny view that needs a signed-in user.

A read-only token reads only; a read-write token writes too; an expired, revoked or forged
token, or none at all, answers 401 with a Bearer challenge (not 403).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from apps.accounts.authentication import ApiTokenAuthentication
from apps.accounts.models import ApiToken
from apps.accounts.permissions import TokenScopePermission
from apps.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


class WhoAmI(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated, TokenScopePermission]

    def get(self, request):
        return Response({"user": request.user.username, "token": request.auth.name})

    def post(self, request):
        return Response({"user": request.user.username, "wrote": True})


def call(method: str = "get", authorization: str | None = None):
    factory = APIRequestFactory()
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    request = getattr(factory, method)("/api/v1/whoami/", {}, format="json", **headers)
    return WhoAmI.as_view()(request)


@pytest.fixture
def read_only(alice):
    return api_token_create(user=alice, name="reader")


@pytest.fixture
def read_write(alice):
    return api_token_create(user=alice, name="writer", read_only=False)


def assert_challenged(response) -> None:
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_read_only_token_reads_as_its_user(read_only):
    token, plaintext = read_only
    assert token.read_only
    response = call("get", f"Bearer {plaintext}")
    assert response.status_code == 200
    assert response.data == {"user": "alice", "token": "reader"}


def test_a_read_only_token_may_not_write(read_only):
    _, plaintext = read_only
    response = call("post", f"Bearer {plaintext}")
    assert response.status_code == 403
    assert "read-only" in str(response.data["detail"])


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_read_only_token_may_use_no_unsafe_method(read_only, method):
    _, plaintext = read_only
    # Permissions are checked before the method is looked up, so even a missing handler is 403.
    assert call(method, f"Bearer {plaintext}").status_code == 403


def test_a_read_write_token_writes(read_write):
    _, plaintext = read_write
    response = call("post", f"Bearer {plaintext}")
    assert response.status_code == 200
    assert response.data == {"user": "alice", "wrote": True}


def test_the_token_keyword_is_accepted_as_well_as_bearer(read_only):
    _, plaintext = read_only
    assert call("get", f"Token {plaintext}").status_code == 200
    assert call("get", f"bearer {plaintext}").status_code == 200


def test_a_request_records_when_the_token_was_last_used(read_only):
    token, plaintext = read_only
    call("get", f"Bearer {plaintext}")
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_an_expired_token_answers_401_with_a_bearer_challenge(read_write):
    token, plaintext = read_write
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = call("get", f"Bearer {plaintext}")
    assert_challenged(response)
    assert "expired" in str(response.data["detail"])


def test_a_revoked_token_answers_401_with_a_bearer_challenge(read_write):
    token, plaintext = read_write
    api_token_revoke(token=token)
    response = call("post", f"Bearer {plaintext}")
    assert_challenged(response)
    assert "revoked" in str(response.data["detail"])


def test_a_token_of_a_deactivated_user_answers_401(alice, read_only):
    _, plaintext = read_only
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert_challenged(call("get", f"Bearer {plaintext}"))


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer garbage",
        "Bearer",
        "Bearer two words",
        "Token pantau_0123456789ab_" + "a" * 43,
        "Bearer pantau_0123456789ab_" + "é" * 43,
    ],
)
def test_a_garbage_token_answers_401_with_a_bearer_challenge(db, authorization):
    assert_challenged(call("get", authorization))


def test_a_request_without_a_token_answers_401_not_403(db):
    response = call("get")
    assert_challenged(response)


def test_another_authorization_scheme_is_left_alone_and_still_answers_401(db):
    assert_challenged(call("get", "Basic YWxpY2U6c2VjcmV0"))


def test_the_schema_describes_the_token_as_http_bearer_named_token_auth():
    scheme = OpenApiAuthenticationExtension.get_match(ApiTokenAuthentication())
    assert scheme.name == "TokenAuth"
    definition = scheme.get_security_definition(auto_schema=None)
    assert definition["type"] == "http"
    assert definition["scheme"] == "bearer"


# After a password change (issue 9, 9) --------------------------------------------------------


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.django_db
def test_a_token_stops_working_when_its_user_changes_password(client):
    """Reproduced: after a password change, own or by staff, API tokens kept working."""
    from apps.accounts.services import api_token_create
    from tests.factories import UserFactory

    user = UserFactory(username="pat")
    _, before = api_token_create(user=user, name="before", read_only=True)
    assert client.get("/api/v1/programmes/", **_bearer(before)).status_code == 200

    user.set_password("a new and long passphrase")
    user.save()
    _, after = api_token_create(user=user, name="after", read_only=True)

    assert client.get("/api/v1/programmes/", **_bearer(before)).status_code == 401
    assert client.get("/api/v1/programmes/", **_bearer(after)).status_code == 200


@pytest.mark.django_db
def test_a_password_set_by_staff_in_the_admin_also_ends_the_users_tokens(client):
    from apps.accounts.services import api_token_create
    from tests.factories import UserFactory

    user = UserFactory(username="quinn")
    _, secret = api_token_create(user=user, name="tool", read_only=True)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "staff chose this one", "password2": "staff chose this one"},
    )

    assert response.status_code == 302, response.content[:500]
    client.logout()
    assert client.get("/api/v1/programmes/", **_bearer(secret)).status_code == 401
