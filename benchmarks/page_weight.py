"""Bytes each main page transfers on a cold visit, under the development server and in production.

Two servers on one demo database (a SQLite file of its own, migrated and seeded with the demo):

- development: `manage.py runserver` with DEBUG on, as `make run` starts it;
- production: gunicorn with config/gunicorn.py, DEBUG off, after `collectstatic` (hashed,
  compressed files served by WhiteNoise), as the image runs it.

Chromium (Debian's, through Playwright) signs in as the demo analyst once, then opens each page
in a fresh context that holds only the session cookie: an empty cache, as a first visit. A page's
weight is the sum of the encoded (transferred) body sizes of every response it caused: the HTML,
stylesheets, scripts, images and the API calls of the dashboards, as they went over the wire
(compressed where the server compressed them).

    python benchmarks/page_weight.py            # prints the table; exits 1 if a page > budget
    python benchmarks/page_weight.py --budget 250

docs/architecture.md ("Static files and page weight") records the figures.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (after the path)

PROGRAMME = "IDN-CP-2017"
USERNAME = "analyst"
PASSWORD = "pantau-demo"
BUDGET_KB = 250
# The main pages of the daily path; `{output}` and `{obstacle}` are filled with the first record
# of the demo listed on the outputs and obstacles pages.
PAGES = {
    "sign-in": "/accounts/login/",
    "home": "/",
    "programme": f"/p/{PROGRAMME}/",
    "programme dashboard": f"/p/{PROGRAMME}/dashboard/",
    "portfolio dashboard": "/dashboard/",
    "outputs": f"/p/{PROGRAMME}/outputs/",
    "output": f"/p/{PROGRAMME}/outputs/{{output}}/",
    "obstacle board": f"/p/{PROGRAMME}/obstacle-board/",
    "obstacle edit": f"/p/{PROGRAMME}/obstacles/{{obstacle}}/edit/",
    "new assessment": f"/p/{PROGRAMME}/assessments/new/",
    "stakeholders": "/shared/stakeholders/",
    "search": "/search/?q=narkotika",
}
MODES = ("development", "production")


@dataclass
class PageWeight:
    """What one cold visit of a page transferred."""

    page: str
    path: str
    body_bytes: int = 0
    responses: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def kilobytes(self) -> float:
        return self.body_bytes / 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def base_environment(database: Path) -> dict[str, str]:
    """The process environment without the services a developer's shell may point at."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL", "DEBUG"}
    }
    return environment | {
        "DATABASE_URL": f"sqlite:///{database}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "AXES_ENABLED": "false",
    }


def manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip


def prepare_demo(database: Path) -> None:
    """Migrate a fresh SQLite file and load the reference data and the demo into it."""
    environment = base_environment(database) | {"DEBUG": "true"}
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "load_reference")
    manage(environment, "seed_demo")


@contextmanager
def serving(command: list[str], environment: dict[str, str], log: Path) -> Iterator[str]:
    """Start a server on a free loopback port; yield its URL once /healthz answers."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    url = f"http://127.0.0.1:{port}"
    with (
        log.open("w") as output,
        subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        ) as process,
    ):
        try:
            deadline = time.monotonic() + 60
            while not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command[:3]} did not serve:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()  # leaving the `with` waits for it to end


def healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=5).status_code == 200
    except requests.RequestException:  # not listening yet
        return False


@contextmanager
def server(mode: str, database: Path, workdir: Path) -> Iterator[str]:
    """The development server (`make run`) or the production set-up (gunicorn, WhiteNoise)."""
    environment = base_environment(database)
    if mode == "development":
        environment |= {"DEBUG": "true"}
        command = [sys.executable, "manage.py", "runserver", "127.0.0.1:{port}", "--noreload"]
    else:
        static_root = workdir / "staticfiles"
        environment |= {
            "DEBUG": "false",
            "SECRET_KEY": "a-key-for-the-page-weight-benchmark-only-0123456789abcdef",
            "STATIC_ROOT": str(static_root),
            "STATIC_MANIFEST": "true",
        }
        if not static_root.is_dir():
            manage(environment, "collectstatic", "--noinput", "-v0")
        command = [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py",
                   "--bind", "127.0.0.1:{port}", "config.wsgi:application"]  # fmt: skip
    with serving(command, environment, workdir / f"{mode}.log") as url:
        yield url


def first_record(page: Any, path: str, kind: str) -> str:
    """The id of the first record a list page links to."""
    page.goto(path)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    pattern = re.compile(rf"/{kind}/(\d+)/$")
    for href in hrefs:
        if found := pattern.search(href):
            return found.group(1)
    raise RuntimeError(f"{path} links to no {kind} record")


def measure(browser: Any, url: str, pages: dict[str, str] = PAGES) -> list[PageWeight]:
    """Each page's cold weight on the server at url, signed in as the demo analyst."""
    signed_in = browser.new_context(base_url=url)
    page = signed_in.new_page()
    page.goto("/accounts/login/")
    form = page.locator("form[action='/accounts/login/']")
    form.locator("#id_username").fill(USERNAME)
    form.locator("#id_password").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#user-menu")
    ids = {
        "output": first_record(page, f"/p/{PROGRAMME}/outputs/", "outputs"),
        "obstacle": first_record(page, f"/p/{PROGRAMME}/obstacles/", "obstacles"),
    }
    session = signed_in.storage_state()
    signed_in.close()
    return [
        cold_visit(
            browser, url, name, template.format(**ids), None if name == "sign-in" else session
        )
        for name, template in pages.items()
    ]


def cold_visit(browser: Any, url: str, name: str, path: str, session: Any) -> PageWeight:
    """Open one page in a fresh context (empty cache; the session's cookies, if any) and add up
    the encoded body sizes of every response until the network is idle."""
    context = browser.new_context(base_url=url, storage_state=session)
    finished: list[Any] = []
    visit = context.new_page()
    visit.on("requestfinished", lambda request: finished.append(request))
    visit.goto(path, wait_until="networkidle")
    weight = PageWeight(page=name, path=path)
    for request in finished:
        size = request.sizes()["responseBodySize"]
        weight.body_bytes += size
        weight.responses += 1
        kind = request.resource_type
        weight.by_type[kind] = weight.by_type.get(kind, 0) + size
    context.close()
    return weight


def measure_modes(browser: Any, modes: tuple[str, ...] = MODES) -> dict[str, list[PageWeight]]:
    """Every main page's cold weight in each mode, on a fresh demo database."""
    results: dict[str, list[PageWeight]] = {}
    with tempfile.TemporaryDirectory(prefix="pantau-weight-") as folder:
        workdir = Path(folder)
        database = workdir / "pantau.sqlite3"
        prepare_demo(database)
        for mode in modes:
            with server(mode, database, workdir) as url:
                results[mode] = measure(browser, url)
    return results


def table(results: dict[str, list[PageWeight]]) -> str:
    modes = list(results)
    lines = [
        f"{'page':<22}" + "".join(f"{mode + ' KB':>16}{'requests':>10}" for mode in modes),
    ]
    for row in zip(*results.values(), strict=True):
        lines.append(
            f"{row[0].page:<22}"
            + "".join(f"{weight.kilobytes:>16.1f}{weight.responses:>10}" for weight in row)
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=BUDGET_KB, help="kilobytes per page")
    parser.add_argument("--mode", choices=MODES, action="append", help="one mode only")
    parser.add_argument("--detail", action="store_true", help="bytes by resource type too")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            results = measure_modes(browser, tuple(options.mode or MODES))
        finally:
            browser.close()
    print(table(results))
    if options.detail:
        for mode, weights in results.items():
            for weight in weights:
                print(mode, weight.page, weight.by_type)
    over = [
        f"{mode} {weight.page}: {weight.kilobytes:.1f} KB"
        for mode, weights in results.items()
        for weight in weights
        if weight.kilobytes > options.budget
    ]
    if over:
        print(f"over the budget of {options.budget:g} KB: " + "; ".join(over))
        return 1
    print(f"every page within {options.budget:g} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
