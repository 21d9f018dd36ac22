"""Mixed load on the production web set-up: no server error, and every acknowledged write stored.

Starts gunicorn with config/gunicorn.py (DEBUG off) and a Celery worker against PostgreSQL and
Redis, then runs USERS virtual users for SECONDS seconds. Each user is a demo account's API
client and repeats a mix of calls: programme and output lists (40 %), record details (20 %),
dashboard aggregates (20 %) and edits (20 %, a PATCH of a stakeholder's notes with If-Match,
each user editing its own stakeholder). Afterwards every write the server acknowledged (200) is
looked up in the record's history at the version the answer gave, with the value sent.

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… \
        python benchmarks/load.py --users 50 --seconds 120

The database of DATABASE_URL is dropped and created afresh, then migrated and seeded with the
demo. Prints the figures; exits 1 on any 5xx, failed connection or lost write. `make reliability`
runs it for 2 minutes, CI for a short run (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    writes: list[tuple[int, int, str]] = field(
        default_factory=list
    )  # (stakeholder, version, notes)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)


def fresh_database(url: str) -> None:
    """Drop the database of DATABASE_URL if it exists and create it again, owned by its role
    (which needs CREATEDB): each run starts from the demo."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def user_loop(base: str, secret: str, stakeholder: int, outputs: list[int], deadline: float,
              tally: Tally, seed: int) -> None:  # fmt: skip
    chance = random.Random(seed)
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {secret}", "Accept": "application/json"})
    reads = ["/api/v1/programmes/", "/api/v1/outputs/?page_size=50", "/api/v1/obstacles/"]
    aggregates = ["/api/v1/aggregates/quadrant-matrix/", "/api/v1/aggregates/headline/"]
    while time.monotonic() < deadline:
        roll = chance.random()
        started = time.monotonic()
        try:
            if roll < 0.4:
                response = session.get(base + chance.choice(reads), timeout=30)
            elif roll < 0.6:
                response = session.get(
                    f"{base}/api/v1/outputs/{chance.choice(outputs)}/", timeout=30
                )
            elif roll < 0.8:
                response = session.get(base + chance.choice(aggregates), timeout=30)
            else:
                current = session.get(f"{base}/api/v1/stakeholders/{stakeholder}/", timeout=30)
                tally.note(current.status_code, time.monotonic() - started)
                started = time.monotonic()
                notes = f"load {seed} {time.time_ns()}"
                response = session.patch(
                    f"{base}/api/v1/stakeholders/{stakeholder}/", json={"notes": notes},
                    headers={"If-Match": current.headers.get("ETag", "")}, timeout=30,
                )  # fmt: skip
                if response.status_code == 200:
                    with tally.lock:
                        tally.writes.append((stakeholder, response.json()["version"], notes))
        except requests.RequestException as error:
            with tally.lock:
                tally.failures.append(f"{type(error).__name__}: {error}")
            continue
        tally.note(response.status_code, time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    options = parser.parse_args()

    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith("postgres") or not broker.startswith("redis"):
        print("needs DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)", file=sys.stderr)
        return 2
    fresh_database(database)
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "false",
        "CACHE_URL": os.environ.get("CACHE_URL", broker.rsplit("/", 1)[0] + "/7"),
        # The load is the point here, not the rate limits (tests/core/test_shared_rate_limits.py).
        "THROTTLE_TOKEN": "1000000/minute",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference")
    manage(env, "seed_demo")

    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from apps.accounts.models import User
    from apps.accounts.services import api_token_create
    from apps.programmes.models import Output
    from apps.stakeholders.models import Stakeholder

    analyst = User.objects.get(username="analyst")
    programme_stakeholders = list(
        Stakeholder.objects.filter(involvements__programme__memberships__user=analyst)
        .distinct().order_by("pk").values_list("pk", flat=True)
    )  # fmt: skip
    outputs = list(Output.objects.values_list("pk", flat=True))
    _, secret = api_token_create(user=analyst, name=f"load {time.time_ns()}", read_only=False)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1",
         "--without-gossip", "--without-mingle", "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    tally = Tally()
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        deadline = time.monotonic() + options.seconds
        users = [
            threading.Thread(
                target=user_loop,
                args=(
                    base,
                    secret,
                    programme_stakeholders[n % len(programme_stakeholders)],
                    outputs,
                    deadline,
                    tally,
                    n,
                ),
            )
            for n in range(options.users)
        ]
        started = time.monotonic()
        for user in users:
            user.start()
        for user in users:
            user.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        worker.terminate()
        server_log = server.communicate(timeout=60)[1]
        worker.wait(timeout=60)

    from apps.stakeholders.models import Stakeholder as Stored

    lost = [
        write for write in tally.writes
        if not Stored.history.filter(id=write[0], version=write[1], notes=write[2]).exists()
    ]  # fmt: skip
    errors = sum(count for status, count in tally.statuses.items() if status >= 500)
    calls = sum(tally.statuses.values())
    latencies = sorted(tally.latencies) or [0.0]
    print(f"users {options.users}, {elapsed:.0f} s, {calls} calls, {calls / elapsed:.0f} calls/s")
    print("statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items())))
    print(f"latency median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")  # fmt: skip
    print(f"server errors {errors}, failed connections {len(tally.failures)}")
    print(
        f"acknowledged writes {len(tally.writes)}, found in history {len(tally.writes) - len(lost)}"
    )
    if errors or tally.failures or lost:
        print(server_log[-3000:], file=sys.stderr)
        print(tally.failures[:5], lost[:5], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
