"""Slow clients cannot freeze the site: nginx in front of gunicorn (issue 9, 6).

Reproduced before: two clients sending one header byte every 2 s to the two sync gunicorn
workers that compose published on port 8000 held both workers, and /healthz answered only when
gunicorn killed them at its 30 s timeout (32 s).

Real processes on loopback: Debian's nginx with the repo's templates (deploy/nginx/templates)
rendered as the nginx image renders them, in front of gunicorn started with config/gunicorn.py
on a SQLite file, DEBUG off. The old set-up (2 sync workers, no nginx) is measured for
comparison. Each test prints its figures (`pytest -s` shows them).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests.core.nginx_files import NGINX, Nginx, render
from tests.private_services import free_port

pytestmark = pytest.mark.services

SLOW_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n\r\n"
# What the old image and compose ran: gunicorn's sync workers.
OLD_GUNICORN = ["--workers", "2", "--access-logfile", "-"]
REPO_GUNICORN = ["--config", "config/gunicorn.py"]


class SlowClients:
    """Connections that each send one byte of a request header every `interval` seconds."""

    def __init__(self, port: int, count: int, interval: float = 2.0) -> None:
        self.sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
        self.interval = interval
        self.started = time.monotonic()
        self.closed_after: dict[int, float] = {}  # client → seconds until the server hung up
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._dribble, daemon=True)
        self._send(0)
        self._thread.start()

    def _send(self, offset: int) -> None:
        for number, client in enumerate(self.sockets):
            if number not in self.closed_after and not self._still_waiting(client, offset):
                self.closed_after[number] = time.monotonic() - self.started

    @staticmethod
    def _still_waiting(client: socket.socket, offset: int) -> bool:
        """Send the next byte; whether the server is still reading (no answer, no hang-up)."""
        try:
            client.sendall(SLOW_REQUEST[offset % len(SLOW_REQUEST) :][:1])
            client.setblocking(False)
            client.recv(1, socket.MSG_PEEK)  # an answer (408) or b"" (closed)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            client.setblocking(True)
        return False

    def _dribble(self) -> None:
        offset = 1
        while not self._stop.wait(self.interval):
            self._send(offset)
            offset += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for client in self.sockets:
            client.close()


@contextmanager
def slow_clients(port: int, count: int) -> Iterator[SlowClients]:
    clients = SlowClients(port, count)
    try:
        yield clients
    finally:
        clients.close()


def latencies(url: str, *, seconds: float, timeout: float = 5.0) -> list[float | None]:
    """Seconds each GET of url took, one every 0.5 s for `seconds`; None for no answer."""
    measured: list[float | None] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            answered = requests.get(url, timeout=timeout).status_code == 200
        except requests.RequestException:
            answered = False
        took = time.monotonic() - began
        measured.append(took if answered else None)
        time.sleep(max(0.0, 0.5 - took))
    return measured


def figures(label: str, measured: list[float | None]) -> str:
    answered = [value for value in measured if value is not None]
    if not answered:
        return f"{label}: {len(measured)} requests, none answered"
    return (
        f"{label}: {len(answered)}/{len(measured)} answered, median "
        f"{statistics.median(answered) * 1000:.1f} ms, max {max(answered) * 1000:.1f} ms"
    )


@pytest.fixture
def gunicorn(tmp_path):
    """Start gunicorn on a loopback port with these options; stopped after the test."""
    started: list[subprocess.Popen[str]] = []

    def start(options: list[str], **environment: str) -> str:
        port = free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"}
        }
        env |= {
            "DEBUG": "false",
            "SECRET_KEY": "a-test-key-for-the-slow-client-test-only-0123456789",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'pantau.sqlite3'}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_MANIFEST": "false",
            **environment,
        }
        log = (tmp_path / f"gunicorn-{port}.log").open("w")
        command = [
            sys.executable, "-m", "gunicorn", *options, "--bind", f"127.0.0.1:{port}",
            "config.wsgi:application",
        ]  # fmt: skip
        process = subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    return url
            except requests.RequestException:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not serve: {Path(log.name).read_text()[-2000:]}")

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def nginx(tmp_path):
    """Start the repo's nginx config on a loopback port in front of an upstream URL."""
    if not NGINX.exists():
        pytest.skip(f"needs Debian's nginx at {NGINX} (apt-get install nginx)")
    servers: list[Nginx] = []

    def start(upstream: str, **environment: str) -> tuple[str, Path]:
        prefix = tmp_path / f"nginx-{len(servers)}"
        public = prefix / "public"
        (public / "static").mkdir(parents=True)
        port = free_port()
        render(
            {
                "NGINX_ENVSUBST_FILTER": "PANTAU_",
                "PANTAU_TLS_AT": "proxy",
                "PANTAU_LISTEN_HTTP": f"127.0.0.1:{port}",
                "PANTAU_LISTEN_HTTPS": f"127.0.0.1:{free_port()}",
                "PANTAU_UPSTREAM": upstream.removeprefix("http://"),
                "PANTAU_RESOLVER": "127.0.0.1",
                "PANTAU_PUBLIC_ROOT": str(public),
                "PANTAU_TRUSTED_PROXY": "127.0.0.1",
                "PANTAU_TLS_CERTIFICATE": "/nonexistent/fullchain.pem",
                "PANTAU_TLS_CERTIFICATE_KEY": "/nonexistent/privkey.pem",
                **environment,
            },
            prefix,
        )
        server = Nginx(prefix)
        servers.append(server)
        server.start(port)
        return f"http://127.0.0.1:{port}", public

    yield start
    for server in servers:
        print(server.log()[-2000:])  # shown by pytest only when the test fails
        server.stop()


def test_through_nginx_healthz_answers_at_once_while_four_slow_clients_dribble(
    gunicorn, nginx, tmp_path
):
    site, _ = nginx(gunicorn(REPO_GUNICORN))
    port = int(site.rsplit(":", 1)[1])

    with slow_clients(port, 4) as clients:
        measured = latencies(f"{site}/healthz", seconds=5)
        print(figures("nginx + gunicorn (config/gunicorn.py), 4 slow clients", measured))
        # nginx gives a client 10 s for its whole header (client_header_timeout), then 408.
        deadline = time.monotonic() + 15
        while len(clients.closed_after) < 4 and time.monotonic() < deadline:
            time.sleep(0.5)
        print(f"nginx closed the slow clients after {sorted(clients.closed_after.values())} s")

    assert None not in measured
    assert max(measured) < 2.0
    assert len(clients.closed_after) == 4
    assert all(8 <= seconds <= 14 for seconds in clients.closed_after.values())
    # gunicorn never saw them: nginx passes a request on only once it has all of it.
    access_log = "".join(path.read_text() for path in tmp_path.glob("gunicorn-*.log"))
    assert '"slow"' not in access_log
    assert access_log.count("GET /healthz") >= len(measured)


def test_the_gunicorn_config_alone_keeps_answering_while_four_slow_clients_dribble(gunicorn):
    site = gunicorn(REPO_GUNICORN)
    port = int(site.rsplit(":", 1)[1])

    with slow_clients(port, 4):
        measured = latencies(f"{site}/healthz", seconds=3)
    print(figures("bare gunicorn (config/gunicorn.py: gthread), 4 slow clients", measured))

    assert None not in measured
    assert max(measured) < 2.0


def test_the_old_two_sync_workers_froze_under_two_slow_clients(gunicorn):
    """The set-up before: for comparison, and to show the slow clients do hold a server."""
    site = gunicorn(OLD_GUNICORN)
    port = int(site.rsplit(":", 1)[1])
    before = latencies(f"{site}/healthz", seconds=1)

    with slow_clients(port, 2):
        measured = latencies(f"{site}/healthz", seconds=5, timeout=5)
    print(figures("bare gunicorn, 2 sync workers, idle", before))
    print(figures("bare gunicorn, 2 sync workers, 2 slow clients (5 s timeout)", measured))

    assert None not in before
    assert measured == [None]


def test_nginx_serves_static_files_itself_and_passes_the_trusted_scheme_and_address(
    gunicorn, nginx, tmp_path
):
    upstream = gunicorn(
        REPO_GUNICORN, BEHIND_TLS_PROXY="true", SECURE_SSL_REDIRECT="true",
        CSRF_COOKIE_SECURE="true",
    )  # fmt: skip
    site, public = nginx(upstream)
    (public / "static" / "pantau.0123456789ab.css").write_text("body { color: black }\n")
    (public / "static" / "plain.css").write_text("p {}\n")

    hashed = requests.get(f"{site}/static/pantau.0123456789ab.css", timeout=5)
    plain = requests.get(f"{site}/static/plain.css", timeout=5)
    # From the trusted proxy (127.0.0.1 here), which terminated TLS for the client 203.0.113.7.
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    secure = requests.get(f"{site}/accounts/login/", headers=proxied, timeout=5)
    insecure = requests.get(f"{site}/accounts/login/", allow_redirects=False, timeout=5)
    # From any other address the same headers are not believed.
    other = requests.Session()
    other.mount("http://", SourceAddressAdapter("127.0.0.2"))
    spoofed = other.get(
        f"{site}/accounts/login/", headers=proxied, allow_redirects=False, timeout=5
    )

    assert (hashed.status_code, hashed.text) == (200, "body { color: black }\n")
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["X-Content-Type-Options"] == "nosniff"
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    assert secure.status_code == 200
    assert "csrftoken=" in secure.headers["Set-Cookie"]
    assert "Secure" in secure.headers["Set-Cookie"]
    assert insecure.status_code == 301
    assert insecure.headers["Location"].startswith("https://")
    assert spoofed.status_code == 301
    access_log = (tmp_path / f"gunicorn-{upstream.rsplit(':', 1)[1]}.log").read_text()
    assert "/static/" not in access_log
    logged = [line.split()[1] for line in access_log.splitlines() if "/accounts/login/" in line]
    assert logged == ["203.0.113.7", "127.0.0.1", "127.0.0.2"]


class SourceAddressAdapter(requests.adapters.HTTPAdapter):
    """Connections made from a given loopback address (Linux answers on all of 127/8)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        return super().init_poolmanager(*args, **kwargs)


def test_with_tls_at_nginx_https_is_served_and_plain_http_redirected(gunicorn, nginx, tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("needs openssl to make a test certificate")
    key, chain = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(chain)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    upstream = gunicorn(
        REPO_GUNICORN, BEHIND_TLS_PROXY="true", SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="60",
    )  # fmt: skip
    https_port = free_port()
    site, _ = nginx(
        upstream, PANTAU_TLS_AT="nginx", PANTAU_LISTEN_HTTPS=f"127.0.0.1:{https_port}",
        PANTAU_TLS_CERTIFICATE=str(chain), PANTAU_TLS_CERTIFICATE_KEY=str(key),
    )  # fmt: skip

    plain = requests.get(f"{site}/accounts/login/", allow_redirects=False, timeout=5)
    secure = requests.get(
        f"https://127.0.0.1:{https_port}/accounts/login/", verify=str(chain), timeout=5
    )

    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://127.0.0.1/accounts/login/"
    # Django is told the scheme nginx terminated: no redirect loop, and HSTS (secure only).
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=60"
