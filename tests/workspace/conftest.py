"""Fixtures shared by the workspace's tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api_clients import api_client_of
from tests.factories import MembershipFactory, UserFactory
from tests.workspace.world import World


@pytest.fixture
def api(alice) -> APIClient:
    """An API client holding a read-write token of Alice, an analyst of the programme."""
    return api_client_of(alice)


@pytest.fixture
def world(programme, outcome, output, cause, alice) -> World:
    """The programme and parent records the record-kind tests (tests/workspace/kinds.py) use."""
    return World(programme=programme, outcome=outcome, output=output, cause=cause, analyst=alice)


@pytest.fixture
def dana(programme):
    """Dana is a second analyst of the programme, editing at the same time as Alice."""
    user = UserFactory(username="dana")
    MembershipFactory(user=user, programme=programme, role="analyst")
    return user
