"""The dependency audit fails loudly when it cannot audit (issue 9, 14).

Reproduced before: `pip-audit` and `npm audit` could not reach their advisory services here,
and a check that prints "no known vulnerabilities" after skipping every package is worse than
none. `scripts/audit.sh` (`make audit`) probes each service first and exits 2, saying nothing was
audited, when one cannot answer; pip-audit runs with --strict, so a package it cannot check fails
the run. The services are stood in for by a local server that answers as told.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from tests.private_services import free_port


class _Advisories(http.server.BaseHTTPRequestHandler):
    statuses: dict[str, int] = {}

    def _answer(self) -> None:
        status = next(
            (code for prefix, code in self.statuses.items() if self.path.startswith(prefix)), 404
        )
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def advisory_server(statuses: dict[str, int]) -> Iterator[str]:
    handler = type("Handler", (_Advisories,), {"statuses": statuses})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def audit(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/audit.sh"], cwd=settings.BASE_DIR, env=os.environ | env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def assert_not_run(result: subprocess.CompletedProcess[str], service: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "DEPENDENCY AUDIT NOT RUN" in result.stderr
    assert service in result.stderr
    assert "No package was checked" in result.stderr
    assert "no known vulnerabilities" not in (result.stdout + result.stderr).lower()


def test_an_unreachable_pypi_advisory_service_is_a_loud_not_run():
    assert_not_run(audit(AUDIT_PYPI_URL=f"http://127.0.0.1:{free_port()}"), "PyPI")


def test_a_pypi_that_does_not_serve_release_advisories_is_a_loud_not_run():
    # As here: the registry serves packages, but not /pypi/<name>/<version>/json.
    with advisory_server({"/pypi/django/json": 200}) as url:
        assert_not_run(audit(AUDIT_PYPI_URL=url), "HTTP 404")


def test_an_npm_registry_without_the_advisory_endpoint_is_a_loud_not_run():
    with advisory_server({"/pypi/django/": 200, "/-/npm/v1/security": 405}) as url:
        assert_not_run(audit(AUDIT_PYPI_URL=url, AUDIT_NPM_URL=url), "npm advisory API")
