"""The dashboard pages and the aggregate endpoints their script reads.

The pages hold no figures of their own (the charts fetch /api/v1/aggregates/), so the tests
check what a page hands its script (the json_script config), what it loads and what it must not
carry (inline script, a CDN), the portfolio's headline table, and that each endpoint a dashboard
calls gives the selectors' numbers. Query-count guards: 5 outputs cost what 50 cost.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import strip_tags

from apps.assessments import matland
from apps.assessments.services import assessment_create
from apps.dashboards import selectors
from apps.dashboards.views import CHARTS
from apps.obstacles.services import obstacle_create
from apps.programmes.models import Programme
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleCauseFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

CHART_JS = "/static/vendor/chartjs/chart.umd.min.js"
DASHBOARD_JS = "/static/js/dashboard/main.js"
# The extra endpoints the programme dashboard reads besides its charts (headline, strategies).
BESIDE_THE_CHARTS = ("headline", "quadrant-strategies")
ITEMS = {
    "administrative": {"A1": 0, "A2": 0, "A3": 0, "C1": 0, "C2": 0, "C3": 0},
    "political": {"A1": 0, "A2": 1, "A3": 0, "C1": 2, "C2": 2, "C3": 1},
    "experimental": {"A1": 2, "A2": 1, "A3": 2, "C1": 0, "C2": 1, "C3": 0},
    "symbolic": {"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2},
    "unclassified": {"A1": 2, "A2": 2, "C1": 0, "C2": 0, "C3": 0},
}
STATUSES = ("on_track", "at_risk", "off_track", "completed", "not_started")


class PageParts(HTMLParser):
    """The scripts and canvases of a page, and the cell texts of its portfolio table."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.canvases: list[str | None] = []
        self.chart_cards: list[str | None] = []
        self._script: dict[str, str | None] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self._script = {**attributes, "text": ""}
            self.scripts.append(self._script)
        elif tag == "canvas":
            self.canvases.append(attributes.get("id"))
        elif tag == "section" and "chart-card" in (attributes.get("class") or "").split():
            self.chart_cards.append(attributes.get("data-chart"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"] = (self._script["text"] or "") + data


def dashboard_config(response: Any) -> dict[str, Any]:
    """The object the page hands the dashboard script through json_script."""
    [config] = [s for s in PageParts(response.text).scripts if s.get("id") == "dashboard-config"]
    return json.loads(config["text"] or "")


def portfolio_rows(response: Any) -> list[list[str]]:
    """The portfolio table's body, one list of cell texts per row."""
    table = re.search(r'data-testid="portfolio-table">(.*?)</table>', response.text, re.S)
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S).group(1)
    return [
        [
            " ".join(strip_tags(cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def programme_url(programme: Programme) -> str:
    return reverse("programme-dashboard", args=[programme.code])


def dashboard_requests(
    programme: Programme | None, *, outcome: int | None = None, language: str = "en"
) -> dict[str, str]:
    """The aggregate requests the dashboard makes on load (js/dashboard/filters.js requestUrl())."""
    if programme is None:
        names: tuple[str, ...] = ("quadrant-matrix", "status-by-quadrant")
    else:
        names = CHARTS + BESIDE_THE_CHARTS
    requests = {}
    for name in names:
        params: dict[str, Any] = {}
        if programme is not None:
            params["programme"] = programme.pk
        if outcome is not None:
            params["outcome"] = outcome
        if name == "quadrant-trend":
            params["period"] = "year"
        if name == "quadrant-strategies":
            params["language"] = language
        requests[name] = reverse(f"aggregate-{name}") + ("?" + urlencode(params) if params else "")
    return requests


def add_outputs(programme: Programme, count: int, *, cause: Any, outcome: Any = None) -> None:
    """`count` outputs, each with an assessment, an obstacle, an indicator and a stakeholder."""
    outcome = (
        outcome or programme.outcomes.order_by("pk").first() or OutcomeFactory(programme=programme)
    )
    quadrants = list(ITEMS)
    for n in range(count):
        output = OutputFactory(outcome=outcome, status=STATUSES[n % len(STATUSES)])
        assessment_create(
            output=output,
            assessed_on=date(2018 + n % 3, 6, 30),
            items=ITEMS[quadrants[n % len(quadrants)]],
        )
        obstacle_create(
            programme=programme,
            title=f"Obstacle {output.code}",
            cause=cause,
            severity=1 + n % 5,
            outputs=[output],
        )
        indicator = IndicatorFactory(output=output, target_value=Decimal("10"))
        TargetFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)
        InvolvementFactory(output=output, influence=1 + n % 5, interest=5 - n % 5)


def queries_of(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


# --------------------------------------------------------------------------------------------
# Access
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_send_a_signed_out_visitor_to_the_login_page(client, programme, page):
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_programme_dashboard_is_404_for_a_user_without_a_role_in_the_programme(
    client, programme, charlie
):
    # A role in another programme does not open this one.
    MembershipFactory(user=charlie, programme=ProgrammeFactory(), role="manager")
    client.force_login(charlie)

    assert client.get(programme_url(programme)).status_code == 404


def test_a_manager_opens_the_programme_dashboard(client, programme, bob):
    client.force_login(bob)

    response = client.get(programme_url(programme))

    assert response.status_code == 200
    assert response.context["programme"] == programme


# --------------------------------------------------------------------------------------------
# What the page hands its script
# --------------------------------------------------------------------------------------------


def test_programme_dashboard_config_names_the_programme_and_the_aggregate_api(
    client, programme, bob
):
    client.force_login(bob)

    config = dashboard_config(client.get(programme_url(programme)))

    assert config["programme"] == programme.pk
    assert config["programmeCode"] == programme.code
    assert config["api"] == "/api/v1/aggregates/"
    assert all(
        reverse(f"aggregate-{name}") == f"{config['api']}{name}/"
        for name in CHARTS + BESIDE_THE_CHARTS
    )
    assert config["charts"] == list(CHARTS)
    # No address template to patch in the script: the API rows carry each output's url.
    assert "outputUrl" not in config


def test_portfolio_config_covers_every_readable_programme(client, programme, bob):
    client.force_login(bob)

    config = dashboard_config(client.get(reverse("portfolio-dashboard")))

    assert (config["programme"], config["programmeCode"]) == (None, None)
    assert config["api"] == "/api/v1/aggregates/"
    assert config["charts"] == ["quadrant-matrix", "status-by-quadrant"]
    assert set(config["charts"]) <= set(CHARTS)


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboard_texts_are_in_the_users_language(client, programme, bob, page, language):
    bob.language = language
    bob.save(update_fields=["language"])
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)
    config = dashboard_config(response)

    assert f'<html lang="{language}">' in response.text
    assert config["language"] == language
    assert config["texts"]["quadrants"] == {
        quadrant.value: {
            "name": matland.quadrant_info(quadrant).name(language),
            "principle": matland.quadrant_info(quadrant).principle(language),
        }
        for quadrant in matland.Quadrant
    }


# --------------------------------------------------------------------------------------------
# What the page loads and carries
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_load_chart_js_from_our_static_files_not_a_cdn(client, programme, bob, page):
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    scripts = [s for s in PageParts(client.get(url).text).scripts if s.get("src")]
    sources = [s["src"] for s in scripts]

    assert CHART_JS in sources
    # The dashboard is ES modules: the entry module, after the Chart.js (UMD) script it uses.
    [entry] = [s for s in scripts if s["src"] == DASHBOARD_JS]
    assert entry.get("type") == "module"
    assert sources.index(CHART_JS) < sources.index(DASHBOARD_JS)
    assert all(source.startswith("/static/") for source in sources), sources
    # The vendored file is really there to serve (node_modules/chart.js/dist).
    assert finders.find("vendor/chartjs/chart.umd.min.js")


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_carry_no_inline_script_but_the_json_config(client, programme, bob, page):
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)
    inline = [s for s in PageParts(response.text).scripts if not s.get("src")]

    assert [(s.get("id"), s.get("type")) for s in inline] == [
        ("dashboard-config", "application/json")
    ]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[-1]


def test_programme_dashboard_has_a_chart_card_and_canvas_for_every_chart(client, programme, bob):
    client.force_login(bob)

    parts = PageParts(client.get(programme_url(programme)).text)

    assert sorted(parts.chart_cards) == sorted(CHARTS)
    assert sorted(parts.canvases) == sorted(f"canvas-{name}" for name in CHARTS)


def test_programme_dashboard_offers_the_programmes_sub_programmes_as_a_filter(
    client, programme, outcome, bob
):
    other = OutcomeFactory(programme=programme, code="SP9", title="Another sub-programme")
    OutcomeFactory(programme=ProgrammeFactory(), code="SPX", title="Not this programme's")
    client.force_login(bob)

    response = client.get(programme_url(programme), {"outcome": other.pk})

    options = re.findall(
        r'<option value="(\d+)"( selected)?>(\S+)', response.text.split('id="filter-outcome"')[1]
    )
    assert [(int(pk), selected, code) for pk, selected, code in options] == [
        (outcome.pk, "", outcome.code),
        (other.pk, " selected", "SP9"),
    ]


def test_portfolio_has_a_canvas_for_each_of_its_charts(client, programme, bob):
    client.force_login(bob)

    response = client.get(reverse("portfolio-dashboard"))
    parts = PageParts(response.text)

    charts = dashboard_config(response)["charts"]
    assert sorted(parts.chart_cards) == sorted(charts)
    assert sorted(parts.canvases) == sorted(f"canvas-{name}" for name in charts)


# --------------------------------------------------------------------------------------------
# The portfolio's headline table
# --------------------------------------------------------------------------------------------


@pytest.fixture
def portfolio(programme, outcome, bob, cause):
    """Bob manages `programme` and views `second`; `unseen` is a programme he holds no role in."""
    second = ProgrammeFactory(code="PRG-B", title="Second programme")
    MembershipFactory(user=bob, programme=second, role="viewer")
    unseen = ProgrammeFactory(code="PRG-UNSEEN", title="Unseen programme")
    add_outputs(programme, 5, cause=cause)
    add_outputs(second, 3, cause=cause)
    add_outputs(unseen, 4, cause=cause)
    OutputFactory(outcome=second.outcomes.get(), status="on_track")  # never assessed
    return SimpleNamespace(readable=[programme, second], unseen=unseen)


def expected_row(programme: Programme) -> list[str]:
    """A portfolio row as an English-speaking user sees it (dates in the language's format)."""
    figures = selectors.headline_figures(programmes=Programme.objects.filter(pk=programme.pk))
    percent = figures["on_track_percent"]
    latest = figures["latest_assessment_on"]
    with translation.override("en"):
        latest_shown = formats.date_format(date.fromisoformat(latest)) if latest else "—"
    return [
        f"{programme.code} {programme.title}",
        str(figures["outputs"]),
        "—" if percent is None else f"{percent}%",
        str(figures["open_severe_obstacles"]),
        str(figures["unassessed_outputs"]),
        latest_shown,
        "Dashboard",
    ]


def test_portfolio_lists_only_the_users_programmes_with_their_headline_figures(
    client, bob, portfolio
):
    client.force_login(bob)

    response = client.get(reverse("portfolio-dashboard"))

    assert portfolio_rows(response) == [
        expected_row(programme) for programme in sorted(portfolio.readable, key=lambda p: p.code)
    ]
    assert portfolio.unseen.code not in response.text
    for programme in portfolio.readable:
        assert f'href="{programme_url(programme)}"' in response.text


def test_portfolio_of_a_user_without_roles_lists_no_programme(client, charlie, portfolio):
    client.force_login(charlie)

    response = client.get(reverse("portfolio-dashboard"))

    assert portfolio_rows(response) == [["You hold no role in any programme yet."]]


# --------------------------------------------------------------------------------------------
# Query-count guards
# --------------------------------------------------------------------------------------------


def test_programme_dashboard_costs_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause
):
    client.force_login(bob)
    add_outputs(programme, 5, cause=cause)
    few = queries_of(client, programme_url(programme))
    add_outputs(programme, 45, cause=cause)

    assert queries_of(client, programme_url(programme)) == few


def test_portfolio_of_two_programmes_costs_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause
):
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="manager")
    client.force_login(bob)
    for each in (programme, second):
        add_outputs(each, 5, cause=cause)
    few = queries_of(client, reverse("portfolio-dashboard"))
    for each in (programme, second):
        add_outputs(each, 45, cause=cause)

    assert queries_of(client, reverse("portfolio-dashboard")) == few


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_the_endpoints_a_dashboard_calls_cost_the_same_queries_for_5_and_50_outputs(
    client, programme, outcome, bob, cause, page
):
    client.force_login(bob)
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="manager")
    scopes = [programme] if page == "programme" else [programme, second]
    requests = dashboard_requests(programme if page == "programme" else None)
    for each in scopes:
        add_outputs(each, 5, cause=cause)
    few = {name: queries_of(client, url) for name, url in requests.items()}
    for each in scopes:
        add_outputs(each, 45, cause=cause)

    assert {name: queries_of(client, url) for name, url in requests.items()} == few


# --------------------------------------------------------------------------------------------
# The endpoints give the selectors' numbers
# --------------------------------------------------------------------------------------------


def like(api: Any, selected: Any) -> Any:
    """The API's JSON in the selector's types (decimals travel as strings), to compare with it."""
    if isinstance(api, dict) and isinstance(selected, dict):
        return {key: like(value, selected.get(key)) for key, value in api.items()}
    if isinstance(api, list) and isinstance(selected, list) and len(api) == len(selected):
        return [like(a, s) for a, s in zip(api, selected, strict=True)]
    if isinstance(api, str) and isinstance(selected, Decimal):
        return Decimal(api)
    return api


@pytest.fixture
def filled(programme, outcome, bob, cause):
    """A programme with every kind of figure, in two sub-programmes, beside one bob cannot read."""
    ObstacleCauseFactory(code="TURF", name_en="Turf", name_id="Wilayah", dimension="conflict")
    other = OutcomeFactory(programme=programme, code="SUB-B")
    add_outputs(programme, 6, cause=cause, outcome=outcome)
    add_outputs(programme, 2, cause=cause, outcome=other)
    OutputFactory(outcome=other, status="completed")
    add_outputs(ProgrammeFactory(), 3, cause=cause)
    return programme


def selected_figures(name: str, programme: Programme, outcome: Any) -> Any:
    """What the selector behind `name` says, called as the endpoint calls it by default."""
    scope = {"programmes": Programme.objects.filter(pk=programme.pk), "outcome": outcome}
    if name == "quadrant-trend":
        return selectors.quadrant_trend(**scope, period="year")
    if name == "quadrant-strategies":
        return selectors.quadrant_strategies(**scope, language="en")
    return {
        "quadrant-matrix": selectors.quadrant_matrix,
        "status-by-quadrant": selectors.status_by_quadrant,
        "obstacles-by-cause": selectors.obstacles_by_cause,
        "obstacles-by-dimension": selectors.obstacles_by_dimension,
        "obstacles-by-severity": selectors.obstacles_by_severity,
        "indicator-progress": selectors.indicator_progress,
        "stakeholder-grid": selectors.stakeholder_grid,
        "headline": selectors.headline_figures,
    }[name](**scope)


@pytest.mark.parametrize("narrowed", [False, True], ids=["programme", "sub-programme"])
@pytest.mark.parametrize("name", CHARTS + BESIDE_THE_CHARTS)
def test_each_endpoint_the_dashboard_calls_gives_the_selectors_figures(
    client, bob, filled, outcome, name, narrowed
):
    client.force_login(bob)
    scope_outcome = outcome if narrowed else None
    url = dashboard_requests(filled, outcome=outcome.pk if narrowed else None)[name]

    response = client.get(url, HTTP_ACCEPT="application/json")
    selected = selected_figures(name, filled, scope_outcome)

    assert response.status_code == 200
    assert selected, f"{name}: nothing to compare"
    assert like(response.json()["results"], selected) == selected
