"""How the programme dashboard loads its figures, in a real Chromium on the demo programme.

A filter change aborts the requests still running for the previous filters, so a slow earlier
response never overwrites what the later filters drew; a change fetches only the endpoints that
depend on the filter changed; and the charts take their colours from the CSS palette. The
`console` fixture fails any test whose page logged a console error (an unhandled abort would).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from apps.dashboards.views import CHARTS
from apps.programmes.models import Outcome, Output
from tests.browser.dashboard_pages import (
    AGGREGATES,
    DASHBOARD,
    PROGRAMME,
    api,
    card,
    dashboard_api,
    endpoints,
    expected_table,
    open_dashboard,
    page_config,
    record_aggregate_requests,
    table_rows,
    wait_until_drawn,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

MATRIX = re.compile(r"/api/v1/aggregates/quadrant-matrix/")

# Each status's dataset colour in the status-by-quadrant chart, and the CSS palette's colour.
STATUS_COLOURS_JS = """() => {
  const chart = Chart.getChart(document.getElementById('canvas-status-by-quadrant'));
  const css = getComputedStyle(document.documentElement);
  const config = JSON.parse(document.getElementById('dashboard-config').textContent);
  return Object.keys(config.texts.statuses).map((status, i) => ({
    status, drawn: chart.data.datasets[i].backgroundColor,
    palette: css.getPropertyValue('--pantau-status-' + status.replace(/_/g, '-')).trim()}));
}"""


def test_a_slow_response_for_earlier_filters_never_overwrites_the_later_filters_charts(
    page, demo, log_in, screenshot
):
    sub_programme = Outcome.objects.get(programme=demo.programme, code="SP1")
    codes = sorted(Output.objects.filter(outcome=sub_programme).values_list("code", flat=True))
    assert 0 < len(codes) < len(demo.outputs)
    log_in(page, "manager")
    # The matrix of the whole programme (the first filters) is held back: a slow server.
    held: list[Any] = []
    page.route(
        MATRIX,
        lambda route: route.continue_() if "outcome=" in route.request.url else held.append(route),
    )
    failed: list[tuple[str, str | None]] = []
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))

    page.goto(DASHBOARD)
    # The other charts are drawn; the matrix waits for its response, so the page is not ready.
    # (Its route was held before the status chart's request could be answered.)
    expect(card(page, "status-by-quadrant")).to_have_attribute("data-loaded", "true")
    assert [urlsplit(route.request.url).path for route in held] == [f"{AGGREGATES}quadrant-matrix/"]
    expect(page.locator("body[data-dashboard-ready]")).to_have_count(0)

    # A later filter: the sub-programme.
    page.locator("select#filter-outcome").select_option(str(sub_programme.pk))
    wait_until_drawn(page)

    # The earlier matrix request was aborted, not merely ignored.
    stale_url = held[0].request.url
    assert (stale_url, "net::ERR_ABORTED") in failed, failed
    # Even if its response comes now, the whole programme's rows do not reach the page.
    whole_programme = api(page, "quadrant-matrix", programme=demo.programme.pk)
    assert len(whole_programme) == len(demo.outputs)
    held[0].fulfill(json={"results": whole_programme})  # Playwright ignores it once aborted
    # A round trip through the page's task queue: a response that got through would be drawn.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")

    expected = [f"{PROGRAMME} {code}" for code in codes]
    assert [row[0] for row in table_rows(page, "quadrant-matrix")] == expected
    plotted = page.evaluate(
        "() => Chart.getChart(document.getElementById('canvas-quadrant-matrix'))"
        ".data.datasets.flatMap((dataset) => dataset.data.map((point) => point.row.code))"
    )
    assert set(plotted) <= set(codes)
    expect(page.locator("body[data-dashboard-ready]")).to_have_count(1)
    expect(page.locator("body[data-dashboard-error]")).to_have_count(0)
    screenshot(page, "latest-filter-wins")


def test_a_load_fetches_each_endpoint_once_and_a_filter_change_only_those_it_affects(
    page, demo, log_in
):
    log_in(page, "manager")
    asked = record_aggregate_requests(page)
    open_dashboard(page, DASHBOARD)
    config = page_config(page)
    # One request per chart, the headline and the strategies; none twice.
    assert sorted(endpoints(asked)) == sorted([*CHARTS, "headline", "quadrant-strategies"])

    # The trend's period concerns the trend alone.
    asked.clear()
    page.locator("select#filter-period").select_option("quarter")
    wait_until_drawn(page)
    assert endpoints(asked) == ["quadrant-trend"]
    assert parse_qs(urlsplit(asked[0]).query)["period"] == ["quarter"]
    trend = api(
        page,
        "quadrant-trend",
        programme=config["programme"],
        period="quarter",
        end=config["trendEnd"],
    )
    assert table_rows(page, "quadrant-trend") == expected_table("quadrant-trend", trend, config)
    # Quarters in the page's words ("Q3 2019"); the API's "2019-Q3" stays in the CSV.
    assert re.fullmatch(r"Q[1-4] \d{4}", table_rows(page, "quadrant-trend")[0][0])

    # "Figures as of" concerns every figure: each endpoint is asked again, as of that date.
    asked.clear()
    page.locator("input#filter-on").fill("2019-12-31")
    wait_until_drawn(page)
    assert sorted(endpoints(asked)) == sorted([*CHARTS, "headline", "quadrant-strategies"])
    assert {parse_qs(urlsplit(url).query)["on"][0] for url in asked} == {"2019-12-31"}
    indicators = api(page, "indicator-progress", programme=config["programme"], on="2019-12-31")
    assert table_rows(page, "indicator-progress") == expected_table(
        "indicator-progress", indicators, config
    )
    expect(page).to_have_url(re.compile(r"[?&]on=2019-12-31(&|$)"))

    # Back to the first period: the trend is fetched again, nothing else.
    asked.clear()
    page.locator("select#filter-period").select_option("year")
    wait_until_drawn(page)
    assert endpoints(asked) == ["quadrant-trend"]
    # Still as of the date asked: the trend ends there.
    trend = dashboard_api(page, "quadrant-trend", config, on="2019-12-31")
    assert table_rows(page, "quadrant-trend") == expected_table("quadrant-trend", trend, config)
    assert trend[-1]["period_end"] == "2019-12-31"


def test_the_charts_take_their_colours_from_the_css_palette(page, demo, log_in):
    sub_programme = Outcome.objects.get(programme=demo.programme, code="SP1")
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    colours = page.evaluate(STATUS_COLOURS_JS)
    assert all(c["palette"].startswith("#") and c["drawn"] == c["palette"] for c in colours), (
        colours
    )

    # A colour changed in the stylesheet reaches the chart at its next drawing.
    page.evaluate(
        "() => document.documentElement.style.setProperty('--pantau-status-on-track', '#123456')"
    )
    page.locator("select#filter-outcome").select_option(str(sub_programme.pk))
    wait_until_drawn(page)
    drawn = {c["status"]: c["drawn"] for c in page.evaluate(STATUS_COLOURS_JS)}
    assert drawn["on_track"] == "#123456"
