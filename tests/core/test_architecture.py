"""The layer contract (pyproject.toml, docs/architecture.md) holds, and it catches a breach.

Reproduced before the redesign: the apps imported each other in one loop, and the loop was
hidden from import checks by imports inside functions (`programmes.services` reaching up to
`assessments.tasks`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)


@pytest.fixture
def copy_of_the_project(tmp_path) -> Path:
    """The code and the contract in a scratch folder, to break without touching the checkout."""
    for name in ("apps", "config"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layer_contracts_are_kept():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_a_lower_layer_reaching_up_inside_a_function_breaks_the_contract(copy_of_the_project):
    module = copy_of_the_project / "apps" / "programmes" / "services.py"
    module.write_text(
        module.read_text()
        + "\n\ndef _reclassify(programme):\n"
        + "    from apps.assessments.tasks import reclassify_programme_assessments\n"
        + "    reclassify_programme_assessments.delay(programme.pk)\n"
    )

    result = lint_imports(copy_of_the_project)

    assert result.returncode == 1
    assert "apps.programmes is not allowed to import apps.assessments" in result.stdout


def test_the_kernel_importing_an_app_breaks_the_contract(copy_of_the_project):
    module = copy_of_the_project / "apps" / "core" / "services.py"
    module.write_text(module.read_text() + "\nfrom apps.accounts.models import User  # noqa\n")

    result = lint_imports(copy_of_the_project)

    assert result.returncode == 1
    assert "The kernel imports no app" in result.stdout


def test_the_rubric_importing_django_breaks_the_contract(copy_of_the_project):
    module = copy_of_the_project / "apps" / "assessments" / "matland" / "scoring.py"
    module.write_text(module.read_text() + "\nfrom django.db import models  # noqa\n")

    result = lint_imports(copy_of_the_project)

    assert result.returncode == 1
    assert "apps.assessments.matland is not allowed to import django" in result.stdout
    assert "apps.assessments.matland.scoring -> django" in result.stdout
