"""A task whose worker is killed outright runs again on another worker (issue 9, 3).

Reproduced before: killing the worker with SIGKILL (as a lost container or the kernel's OOM
killer does) stranded its task in Redis's unacked set for the default visibility timeout of an
hour. With `acks_late` and a visibility timeout sized to the longest task (settings), Redis hands
the task to the next worker once the timeout has passed. The test shortens the timeout to 5 s.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

from tests.private_services import private_redis, stop, wait_until

pytestmark = pytest.mark.services

VISIBILITY = 5


def worker(env: dict[str, str], name: str) -> subprocess.Popen[str]:
    """A Celery worker of the project, with the test's task, in a process group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-I", "tests.core.worker_tasks",
         "--concurrency=1", "-n", f"{name}@%h", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "info"],
        env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )  # fmt: skip


def notes(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_task_whose_worker_was_killed_runs_again_once_the_visibility_timeout_passes(
    tmp_path, monkeypatch
):
    marks = tmp_path / "marks"
    with private_redis() as broker:
        # Celery prefers CELERY_BROKER_URL from the environment to the broker it is given.
        monkeypatch.setenv("CELERY_BROKER_URL", broker.url)
        env = os.environ | {
            "CELERY_BROKER_URL": broker.url,
            "CELERY_RESULT_BACKEND": broker.url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "CELERY_TASK_TIME_LIMIT": str(VISIBILITY - 1),
            "DEBUG": "true",
        }
        client = Celery(broker=broker.url)
        client.conf.broker_transport_options = {"visibility_timeout": VISIBILITY}
        first = worker(env, "first")
        second = None
        try:
            client.send_task("tests.slow_mark", args=[str(marks), 2.0])
            wait_until(lambda: notes(marks) == ["start"], "the first worker to start the task")
            os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool, with no warning
            first.wait(timeout=10)
            killed_at = time.monotonic()

            second = worker(env, "second")
            wait_until(lambda: "done" in notes(marks), "the task to run again", seconds=60)
            delay = time.monotonic() - killed_at
        finally:
            logs = stop(second) if second else ""
            if first.poll() is None:
                os.killpg(first.pid, signal.SIGKILL)
            logs = (first.stdout.read() if first.stdout else "") + logs
            print(logs[-4000:])  # shown by pytest only when the test fails

    assert notes(marks) == ["start", "start", "done"]
    print(f"the task ran again {delay:.1f} s after its worker was killed")


def test_a_visibility_timeout_shorter_than_the_task_time_limit_is_refused(settings):
    from apps.core.checks import visibility_outlasts_tasks

    settings.CELERY_TASK_TIME_LIMIT = 600
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300}
    assert [error.id for error in visibility_outlasts_tasks()] == ["pantau.E001"]

    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900}
    assert visibility_outlasts_tasks() == []
