"""Fixtures shared by the workspace's API tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from apps.accounts.services import api_token_create


@pytest.fixture
def api(alice) -> APIClient:
    """An API client holding a read-write token of Alice, an analyst of the programme."""
    _, secret = api_token_create(user=alice, name="api", read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client
