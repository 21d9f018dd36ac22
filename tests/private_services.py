"""Private servers for fault tests: a Redis of the test's own, which the test may stop, and the
server and worker processes the tests start against the test database.

The shared services of the machine (PostgreSQL on 5432, Redis on 6379) are never stopped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int, seconds: float = 10) -> bool:
    """Whether something accepts connections on the loopback port within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class PrivateRedis:
    """A redis-server on a port of its own, started and stopped by the test."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        if not listening(self.port):
            raise RuntimeError(f"the private Redis on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    """A running private Redis, stopped (if still running) when the block ends."""
    if shutil.which("redis-server") is None:
        pytest.skip("fault tests need redis-server (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def database_url_for_other_processes() -> str:
    """The test database as a URL a worker or a server process can use (PostgreSQL only)."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs a database another process can reach: set DATABASE_URL")
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{settings['NAME']}"


def server_environment(**overrides: str) -> dict[str, str]:
    """The environment of a server or worker process started by a test: the test database,
    DEBUG off, and whatever the test overrides (an empty value removes the variable)."""
    env = os.environ | {
        "DATABASE_URL": database_url_for_other_processes(),
        "DEBUG": "false",
        "STATIC_MANIFEST": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value != ""}


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """Start a process in the project folder, its output (both streams) kept for `stop`."""
    return subprocess.Popen(
        command, env=env, cwd=django_settings.BASE_DIR, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def stop(process: subprocess.Popen[str]) -> str:
    """Stop a process started by `start` (killed after 30 s) and return what it printed."""
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def wait_until(condition: Callable[[], object], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str) -> bool:
    """Whether a server answers on the URL at all (healthy or not)."""
    try:
        return requests.get(url, timeout=5).status_code in (200, 503)
    except requests.RequestException:  # not listening yet, or still starting
        return False


def gunicorn(port: int, *options: str) -> list[str]:
    """The command of a gunicorn serving the site on a loopback port."""
    return [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", *options,
    ]  # fmt: skip
