"""axe-core (WCAG 2.0 and 2.1, levels A and AA) on every main page, in English and Indonesian,
signed out and signed in as an analyst and as a manager.

A serious or critical violation fails the test, with a report naming the page, the rule, its
help text and the selectors of the offending elements. axe-core comes from npm
(`node_modules/axe-core`, a development dependency) and is evaluated in the page through the
DevTools protocol, so the site's strict Content-Security-Policy stays on while it runs.

Reproduced before: 67 serious nodes on 7 pages (colour contrast of the navigation, links and
outline buttons on the page background; the dashboards' scrolling tables out of keyboard reach).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import membership_set, user_create
from apps.assessments.models import Assessment
from apps.jobs.demo import DEMO_PASSWORD
from apps.obstacles.models import Obstacle
from apps.programmes.services import output_update
from tests.browser.dashboard_pages import wait_until_drawn

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = Path(settings.BASE_DIR) / "artifacts" / "axe"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")
LOCALES = {"en": "en-US", "id": "id-ID"}
_RESET = "/accounts/password-reset/"

# Every violation of the tags above, with its offending elements (their CSS selectors).
RUN_AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map((rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map((node) => ({target: node.target.join(' '), impact: node.impact,
                                      summary: node.failureSummary})),
  }));
}"""


@dataclass
class Finding:
    """One failing axe rule on one page."""

    page: str
    url: str
    rule: str
    impact: str
    help: str
    nodes: list[dict[str, str]]

    def __str__(self) -> str:
        first = self.nodes[0]["summary"].replace("\n", " ") if self.nodes else ""
        targets = "\n".join(f"      {node['target']}" for node in self.nodes[:12])
        more = f"\n      … and {len(self.nodes) - 12} more" if len(self.nodes) > 12 else ""
        return (
            f"  {self.page} ({self.url}): {self.rule} [{self.impact}] {self.help}, "
            f"{len(self.nodes)} node(s)\n      {first}\n{targets}{more}"
        )


class AxeAudit:
    """Runs axe on pages and collects the serious and critical violations for one report."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.findings: list[Finding] = []
        self.pages: dict[str, list[dict[str, Any]]] = {}  # every violation, of any impact
        self._source = AXE.read_text(encoding="utf-8")

    def check(self, page: Any, name: str) -> None:
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through DevTools, not as a <script>: the page's CSP still applies to it.
            page.evaluate(self._source)
        violations = page.evaluate(RUN_AXE_JS, WCAG_AA)
        self.pages[name] = violations
        for rule in violations:
            nodes = [node for node in rule["nodes"] if node["impact"] in FAILING_IMPACTS]
            if nodes:
                self.findings.append(
                    Finding(name, page.url, rule["id"], rule["impact"], rule["help"], nodes)
                )

    def report(self) -> str:
        pages = sorted({finding.page for finding in self.findings})
        nodes = sum(len(finding.nodes) for finding in self.findings)
        lines = "\n".join(str(finding) for finding in self.findings)
        return (
            f"axe ({self.language}): {len(self.findings)} serious or critical violation(s), "
            f"{nodes} node(s), on {len(pages)} of {len(self.pages)} page(s):\n{lines}"
        )

    def save(self, path: Path) -> None:
        """Every page's violations of any impact, for reading beside the test's verdict."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.pages, indent=1, ensure_ascii=False), encoding="utf-8")

    def assert_clean(self) -> None:
        assert self.pages, "no page was checked"
        if self.findings:
            pytest.fail(self.report(), pytrace=False)


@pytest.fixture(params=sorted(LOCALES))
def audit(request: pytest.FixtureRequest) -> Iterator[AxeAudit]:
    """The audit of one test in one language, saved as artifacts/axe/<test>.json."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run make setup (npm ci)")
    audit = AxeAudit(request.param)
    yield audit
    test_name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    audit.save(REPORTS / f"{test_name}.json")


@pytest.fixture
def browser_page(new_context: Callable, audit: AxeAudit) -> Any:
    """A page in the audit's language. Reduced motion turns off Bootstrap's colour transitions,
    so that axe never measures a button caught halfway between two colours."""
    page = new_context(LOCALES[audit.language]).new_page()
    page.emulate_media(reduced_motion="reduce")
    return page


def _open(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, (path, response and response.status)


def _open_dashboard(page: Any, path: str) -> None:
    """A dashboard, drawn, with every card's table shown (the tables scroll sideways)."""
    _open(page, path)
    wait_until_drawn(page)
    for toggle in page.locator("[data-action=table]").all():
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    page.mouse.move(0, 0)  # no button left hovered


def _check_all(page: Any, audit: AxeAudit, paths: dict[str, str]) -> None:
    for name, path in paths.items():
        _open(page, path)
        audit.check(page, name)


def _check_404(page: Any, console: Any, audit: AxeAudit) -> None:
    console.allow_status(404, "/no-such-page/")
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    audit.check(page, "404 page")


@pytest.fixture
def signed_in(browser_page: Any, demo: Any, log_in: Callable, audit: AxeAudit) -> Callable:
    """Sign a demo user in, speaking the audit's language as the browser does, and check the
    pages every signed-in role reads; gives the page and the paths of the output and obstacle."""

    def sign_in(username: str) -> tuple[Any, dict[str, str]]:
        User.objects.filter(username=username).update(language=audit.language)
        log_in(browser_page, username)
        return browser_page, _main_pages(browser_page, demo, audit)

    return sign_in


def _main_pages(page: Any, demo: Any, audit: AxeAudit) -> dict[str, str]:
    url = demo.url
    output = demo.outputs["1.2"]
    obstacle = Obstacle.objects.filter(programme=demo.programme).order_by("pk").first()
    assert obstacle is not None
    paths = {
        "home": "/",
        "programme page": url,
        "outputs list": f"{url}outputs/",
        "output page": f"{url}outputs/{output.pk}/",
        "output history": f"{url}outputs/{output.pk}/history/",
        "obstacles list": f"{url}obstacles/",
        "obstacle board": f"{url}obstacle-board/",
        "obstacle page": f"{url}obstacles/{obstacle.pk}/",
        "assessments list": f"{url}assessments/",
        "measurements list": f"{url}measurements/",
        "indicators list": f"{url}indicators/",
        "stakeholders list": "/shared/stakeholders/",
        "sources list": "/shared/sources/",
        "search": "/search/?q=narcotics",
        "two-factor page": "/account/two-factor/",
        "password change": "/account/password/",
    }
    _check_all(page, audit, paths)
    _open_dashboard(page, f"{url}dashboard/")
    audit.check(page, "programme dashboard")
    _open_dashboard(page, "/dashboard/")
    audit.check(page, "portfolio dashboard")

    _open(page, "/account/tokens/")
    audit.check(page, "token list")
    form = page.locator("form[action='/account/tokens/']")
    form.locator("input[name=name]").fill("reporting tool")
    form.locator("button[type=submit]").click()
    expect(page.locator("#new-token")).to_be_visible()
    audit.check(page, "new token")
    return {"output": paths["output page"], "obstacle": paths["obstacle page"]}


def _open_conflict_screen(page: Any, demo: Any, console: Any) -> None:
    """The output's edit form, saved after someone else saved the output meanwhile."""
    output = demo.outputs["1.2"]
    dewi = user_create(username="dewi", password=DEMO_PASSWORD, first_name="Dewi")
    membership_set(user=dewi, programme=demo.programme, role=Role.ANALYST)
    edit_path = f"{demo.url}outputs/{output.pk}/edit/"
    _open(page, edit_path)
    output.refresh_from_db()
    output_update(output=output, actor=dewi, version=output.version, title="Theirs")
    console.allow_status(409, edit_path)
    page.locator("#id_title").fill("Mine")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("conflict")).to_be_visible()


def test_signed_out_pages_have_no_serious_axe_violations(browser_page, console, audit):
    _check_all(browser_page, audit, {"login": "/accounts/login/", "password reset": _RESET})
    _check_404(browser_page, console, audit)
    audit.assert_clean()


def test_an_analysts_pages_have_no_serious_axe_violations(signed_in, demo, console, audit):
    page, paths = signed_in("analyst")
    url = demo.url
    output = demo.outputs["1.2"]
    assessment = Assessment.objects.filter(output=output).latest("assessed_on")
    forms = {
        "output edit form": f"{paths['output']}edit/",
        "obstacle edit form": f"{paths['obstacle']}edit/",
        "assessment edit form": f"{url}assessments/{assessment.pk}/edit/",
        "new assessment form": f"{url}assessments/new/?output={output.pk}",
        "new obstacle form": f"{url}obstacles/new/",
        "new measurement form": f"{url}measurements/new/",
        "assessment page": f"{url}assessments/{assessment.pk}/",
    }
    _check_all(page, audit, forms)
    _open_conflict_screen(page, demo, console)
    audit.check(page, "conflict screen")
    _check_404(page, console, audit)
    audit.assert_clean()


def test_a_managers_pages_have_no_serious_axe_violations(signed_in, console, audit):
    page, paths = signed_in("manager")
    edit_path = f"{paths['output']}edit/"
    console.allow_status(403, edit_path)
    response = page.goto(edit_path)
    assert response is not None and response.status == 403
    audit.check(page, "403 page")
    _check_404(page, console, audit)
    audit.assert_clean()


# The focused element: whether it lies inside <main>, and how far a scrolling element has scrolled.
FOCUS_JS = """() => ({id: document.activeElement.id, tag: document.activeElement.tagName,
                     inMain: document.activeElement.closest('main') !== null,
                     scrollLeft: document.activeElement.scrollLeft})"""


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_main_content(
    page, demo, log_in, screenshot
):
    log_in(page, "analyst")
    _open(page, f"{demo.url}outputs/{demo.outputs['1.2'].pk}/")
    skip = page.get_by_test_id("skip-link")
    hidden = skip.bounding_box()
    assert hidden is not None and hidden["width"] <= 1, "the skip link shows before it is focused"

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    shown = skip.bounding_box()
    assert shown is not None and shown["width"] > 40 and shown["height"] > 20, shown
    assert shown["y"] >= 0, "the focused skip link is out of view"
    screenshot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_JS)
    assert focus["inMain"], f"Tab after the skip link left the main content: {focus}"


def test_a_dashboard_table_wider_than_its_card_scrolls_from_the_keyboard(page, demo, log_in):
    log_in(page, "manager")
    # A phone's width: the indicator table (nine columns) is wider than its card there.
    page.set_viewport_size({"width": 480, "height": 900})
    _open_dashboard(page, f"{demo.url}dashboard/")
    card = page.locator(".chart-card[data-chart='indicator-progress']")
    region = card.locator(".chart-table")
    assert region.evaluate("(element) => element.scrollWidth > element.clientWidth"), (
        "the indicator table fits its card at this width: the test proves nothing"
    )
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_accessible_name("Table: Indicator achievement against target")

    card.locator("[data-action=png]").focus()
    page.keyboard.press("Tab")
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")


def test_keep_theirs_on_the_conflict_screen_looks_like_an_enabled_button(
    page, demo, log_in, console, screenshot
):
    log_in(page, "analyst")
    _open_conflict_screen(page, demo, console)
    keep_theirs = page.get_by_test_id("keep-theirs")
    screenshot(page, "conflict")
    style = keep_theirs.evaluate(
        """(element) => { const s = getComputedStyle(element);
             return {background: s.backgroundColor, opacity: s.opacity,
                     page: getComputedStyle(document.body).backgroundColor}; }"""
    )
    assert style["opacity"] == "1", style
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent", style["page"]), (
        f"“Keep theirs and drop mine” has no fill of its own, like a disabled button: {style}"
    )
    keep_theirs.click()
    expect(page.locator("h1")).to_contain_text("Theirs")
