"""Fixtures of the obstacle tests."""

from __future__ import annotations

import pytest

from apps.obstacles.services import obstacle_create


@pytest.fixture
def obstacle(programme, cause, alice):
    return obstacle_create(
        actor=alice, programme=programme, title="Unclear policy objectives", cause=cause
    )
