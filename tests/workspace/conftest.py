"""Fixtures shared by the workspace's API tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api_clients import api_client_of


@pytest.fixture
def api(alice) -> APIClient:
    """An API client holding a read-write token of Alice, an analyst of the programme."""
    return api_client_of(alice)
