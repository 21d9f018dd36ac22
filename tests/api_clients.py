"""API clients that authenticate as a given user, as an external tool would: with a token."""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.accounts.services import api_token_create


def api_client_of(user, *, read_only: bool = False, name: str = "api") -> APIClient:
    """A client sending a new token of the user (read-write unless `read_only`)."""
    _, secret = api_token_create(user=user, name=name, read_only=read_only)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client
