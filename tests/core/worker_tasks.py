"""A task for the worker-loss test, loaded into its workers with `celery worker -I`.

It notes each start and each finish in a file, so the test sees whether a task that was running
when its worker was killed ran again.
"""

from __future__ import annotations

import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.slow_mark", acks_late=True, ignore_result=True)
def slow_mark(path: str, seconds: float) -> None:
    with Path(path).open("a") as notes:
        notes.write("start\n")
    time.sleep(seconds)
    with Path(path).open("a") as notes:
        notes.write("done\n")
