"""Production static files: the dashboard's ES modules import each other by their hashed names.

Reproduced before: `collectstatic` hashed `main.js` but left `import … from "./loader.js"`
as it was, so a deploy served new modules under old, briefly cached names.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from apps.core.storage import StaticFilesStorage

IMPORT = re.compile(r"""^import .* from "([^"]+)";$""", re.MULTILINE)


@pytest.fixture
def collected(tmp_path, settings):
    """The static files as `collectstatic` writes them for production, in a scratch folder."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "apps.core.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_the_hashed_entry_module_imports_hashed_modules(collected):
    root = collected
    manifest = StaticFilesStorage(location=root).hashed_files
    entry = root / manifest["js/dashboard/main.js"]

    imports = IMPORT.findall(entry.read_text())

    assert imports, "main.js imports the other modules"
    for target in imports:
        assert re.search(r"\.[0-9a-f]{12}\.js$", target), target
        assert (entry.parent / target).resolve().is_file(), target
