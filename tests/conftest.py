"""Suite-wide fixtures and the rule that turns skips into failures in CI.

With PANTAU_REQUIRE_SERVICES=1 (set by .ci/run) a test that would skip because PostgreSQL,
Redis, a Celery worker or Chromium is missing fails instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.factories import (
    MembershipFactory,
    ObstacleCauseFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    UserFactory,
)

REQUIRE_SERVICES = os.environ.get("PANTAU_REQUIRE_SERVICES") == "1"

# The helper modules beside the tests (the tables and checks several test modules share) assert
# too: pytest rewrites their asserts as it does the tests', so a failing check shows its values.
pytest.register_assert_rewrite(
    *(
        f"tests.{folder.name}"
        for folder in Path(__file__).parent.iterdir()
        if (folder / "__init__.py").is_file()
    )
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped while PANTAU_REQUIRE_SERVICES=1: {reason}"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request in Indonesian leaves its
    language active in the thread (LocaleMiddleware sets it per request and never resets it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def programme(db):
    """A programme with one outcome."""
    return ProgrammeFactory()


@pytest.fixture
def outcome(programme):
    return OutcomeFactory(programme=programme)


@pytest.fixture
def output(outcome):
    return OutputFactory(outcome=outcome)


@pytest.fixture
def cause(db):
    return ObstacleCauseFactory()


@pytest.fixture
def alice(programme):
    """Alice is an analyst of the programme: she reads and writes it."""
    user = UserFactory(username="alice")
    MembershipFactory(user=user, programme=programme, role="analyst")
    return user


@pytest.fixture
def bob(programme):
    """Bob manages the programme: he reads it and its dashboards but does not edit."""
    user = UserFactory(username="bob")
    MembershipFactory(user=user, programme=programme, role="manager")
    return user


@pytest.fixture
def charlie(db):
    """Charlie holds no role in the programme."""
    return UserFactory(username="charlie")


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Hash test passwords cheaply; the real hasher is Django's default PBKDF2."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def celery_eager():
    """Run tasks in-process, as the embedded default does; the worker test switches this off."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
