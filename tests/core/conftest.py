"""Fixtures of the kernel tests: the Indonesian catalogue, compiled once for the session."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.core.catalogue import copy_catalogue


@pytest.fixture(scope="session")
def compiled_catalogue(tmp_path_factory) -> Path:
    """The committed catalogue, compiled by the command into a folder of this test session."""
    folder = tmp_path_factory.mktemp("locale")
    copy_catalogue(folder)
    with override_settings(LOCALE_PATHS=[folder]):
        call_command("compile_translations", stdout=StringIO())
    return folder


@pytest.fixture
def indonesian_catalogue(settings, compiled_catalogue) -> Path:
    settings.LOCALE_PATHS = [compiled_catalogue]
    return compiled_catalogue
