"""Real-browser fixtures: one Chromium per session, pages that fail their test on console errors.

The browser is Debian's chromium at /usr/bin/chromium driven by Playwright (its own browser
download is not used). Without it every browser test skips with the reason, and the suite-wide
hook in tests/conftest.py turns that skip into a failure when PANTAU_REQUIRE_SERVICES=1 (CI).

Every page a test opens records console errors and uncaught page errors; after the test body the
test fails if there were any. The site's strict Content-Security-Policy makes any inline script
or style such an error, on purpose. A test that provokes an HTTP error status the browser logs
(the conflict screen's 409, a refused edit's 403) declares it with `console.allow_status`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# Chromium's console line for a response with an error status, e.g. the conflict screen's 409.
_HTTP_STATUS_ERROR = re.compile(r"the server responded with a status of (\d{3})")


@dataclass
class ConsoleLog:
    """Console errors and uncaught page errors of every page a test opened."""

    errors: list[str] = field(default_factory=list)
    allowed: set[tuple[int, str]] = field(default_factory=set)
    pages: list[Any] = field(default_factory=list)

    def allow_status(self, status: int, path: str) -> None:
        """Expect the browser to log an error status for this path (the test asserts on it)."""
        self.allowed.add((status, path))

    def watch(self, page: Any) -> None:
        self.pages.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        url = message.location.get("url") or (message.page.url if message.page else "")
        status = _HTTP_STATUS_ERROR.search(message.text)
        if status and (int(status.group(1)), urlsplit(url).path) in self.allowed:
            return
        self.errors.append(f"{url}: {message.text}")

    def flush(self) -> None:
        """A round trip to each open page, so that events already sent are delivered."""
        for page in self.pages:
            if not page.is_closed():
                page.wait_for_load_state()
                page.title()

    def report(self) -> str:
        lines = "\n".join(f"  - {error}" for error in self.errors)
        return f"{len(self.errors)} console error(s) in the browser:\n{lines}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After the test body, fail the test if any page logged a console or page error."""
    console = getattr(item, "funcargs", {}).get("console")
    try:
        result = yield
    except BaseException as error:
        if console is not None and console.errors:
            error.add_note(console.report())
        raise
    if console is not None:
        console.flush()
        if console.errors:
            pytest.fail(console.report(), pytrace=False)
    return result


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One Chromium for the whole session (contexts keep the tests apart)."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def new_context(chromium: Any, live_server: Any, console: ConsoleLog) -> Iterator[Callable]:
    """Make a fresh browser context (its own cookies: one user session) on the live server; its
    locale is the language the browser asks for (Accept-Language)."""
    contexts = []

    def make(locale: str = "en-US") -> Any:
        context = chromium.new_context(
            base_url=live_server.url, locale=locale, viewport=VIEWPORT, timezone_id="UTC"
        )
        context.set_default_timeout(10_000)
        context.on("page", console.watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable) -> Any:
    """A page in its own context; its console errors fail the test."""
    return new_context().new_page()


@pytest.fixture
def log_in() -> Callable:
    """Log a user in through the real login form."""
    from playwright.sync_api import expect

    from apps.jobs.demo import DEMO_PASSWORD

    def log_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto("/accounts/login/")
        form = page.locator("form[action='/accounts/login/']")
        form.locator("#id_username").fill(username)
        form.locator("#id_password").fill(password)
        form.locator("button[type=submit]").click()
        expect(page.locator("#user-menu")).to_have_text(username)

    return log_in


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable:
    """Save a full-page PNG as artifacts/screenshots/<test-name>-<step>.png."""
    test_name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")

    def take(page: Any, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test_name}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def demo(transactional_db: None) -> SimpleNamespace:
    """The Indonesia programme with its reference data and the demo users and records."""
    from apps.jobs.demo import seed_demo
    from apps.jobs.reference import load_reference
    from apps.programmes.models import Output

    programme, _report = load_reference()
    accounts, _report = seed_demo(programme_code=programme.code)
    return SimpleNamespace(
        programme=programme,
        users={demo_user.username: user for demo_user, user in accounts},
        outputs={output.code: output for output in Output.objects.filter(programme=programme)},
        url=f"/p/{programme.code}/",
    )
