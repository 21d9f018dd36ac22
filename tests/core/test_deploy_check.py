"""Django's deployment checks pass with the documented production environment (issue 9, 8).

Found before: under compose, `manage.py check --deploy --fail-level WARNING` warned W004 (no
HSTS), W008 (no https redirect), W012 and W016 (session and CSRF cookies without Secure).
.ci/run runs scripts/check_deploy.sh on deploy/production.env.example; so does this test, and
on copies of the example with settings taken out, to show the check would catch them.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.core.container_files import ROOT

EXAMPLE = (ROOT / "deploy" / "production.env.example").read_text()


def check_deploy(tmp_path, text: str) -> subprocess.CompletedProcess[str]:
    env_file = tmp_path / "production.env"
    env_file.write_text(text)
    return subprocess.run(
        [str(ROOT / "scripts" / "check_deploy.sh"), str(env_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def without(text: str, *names: str) -> str:
    lines = [line for line in text.splitlines() if line.split("=", 1)[0] not in names]
    assert len(lines) == len(text.splitlines()) - len(names), "a name is not in the example"
    return "\n".join(lines) + "\n"


def test_the_deployment_checks_pass_with_the_documented_production_environment(tmp_path):
    result = check_deploy(tmp_path, EXAMPLE)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_the_tls_settings_the_deployment_checks_fail_with_the_warnings_found(tmp_path):
    tls = ("SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE")
    result = check_deploy(tmp_path, without(EXAMPLE, *tls, "CSRF_COOKIE_SECURE"))

    assert result.returncode == 1
    found = {
        code for code in ("W004", "W008", "W012", "W016") if f"security.{code}" in result.stderr
    }
    assert found == {"W004", "W008", "W012", "W016"}, result.stderr


@pytest.mark.parametrize(
    ("line", "replacement", "warning"),
    [
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS=true", "SECURE_HSTS_INCLUDE_SUBDOMAINS=false", "W005"),
        ("DEBUG=false", "DEBUG=true", "W018"),
    ],
)
def test_a_weakened_production_environment_fails_the_deployment_checks(
    tmp_path, line, replacement, warning
):
    assert EXAMPLE.count(f"\n{line}\n") == 1
    result = check_deploy(tmp_path, EXAMPLE.replace(f"\n{line}\n", f"\n{replacement}\n"))

    assert result.returncode == 1
    assert f"security.{warning}" in result.stderr
