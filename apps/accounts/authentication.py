"""API token authentication for DRF: `Authorization: Bearer <token>` (or `Token <token>`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from apps.accounts.models import ApiToken
from apps.accounts.selectors import api_token_authenticate
from apps.accounts.services import api_token_touch


class ApiTokenAuthentication(BaseAuthentication):
    """Authenticates a request by a personal API token; `request.auth` is the ApiToken.

    Listed first among the authentication classes, it also makes an unauthenticated API request
    answer 401 with a `WWW-Authenticate` challenge instead of 403.
    """

    keywords = (b"bearer", b"token")
    realm = "api"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in self.keywords:
            return None  # Not ours: another class (the session) may authenticate the request.
        if len(parts) == 1:
            raise exceptions.AuthenticationFailed(_("Invalid token header: no token given."))
        if len(parts) > 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: the token must not contain spaces.")
            )
        try:
            presented = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: the token contains invalid characters.")
            ) from error
        token = api_token_authenticate(token=presented)
        if token is None:
            # One answer for every refusal, so a caller learns nothing about other users' tokens.
            raise exceptions.AuthenticationFailed(
                _("Invalid API token: it is unknown, expired or revoked, or its user is inactive.")
            )
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'Bearer realm="{self.realm}"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes ApiTokenAuthentication in the OpenAPI schema as an HTTP bearer scheme."""

    target_class = ApiTokenAuthentication
    name = "TokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pantau_<prefix>_<secret>",
            "description": str(
                _(
                    "A personal API token, created under Account › API tokens. "
                    "Send it as `Authorization: Bearer <token>`."
                )
            ),
        }
