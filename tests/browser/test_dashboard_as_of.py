"""A dashboard "as of" a date shows every figure as of it, in a real Chromium on the demo programme:
each chart, table, headline and box of the programme dashboard, and the portfolio's table and
charts, and the downloads carry the date in their names.

The demo's history is written the day it is loaded, after the date asked: its outputs and
involvements count as they were first recorded, while assessments, obstacles and measurements
have dates of their own. The `console` fixture fails a test whose page logged an error.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from apps.dashboards.views import CHARTS
from tests.browser import dashboard_pages as board

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

D = "2018-12-31"


def asked_on(urls: list[str]) -> set[str | None]:
    """The `on` of each request (None for one without)."""
    return {parse_qs(urlsplit(url).query).get("on", [None])[0] for url in urls}


def test_the_programme_dashboard_as_of_a_date_shows_every_figure_as_of_it(
    page, demo, log_in, screenshot
):
    log_in(page, "manager")
    asked = board.record_aggregate_requests(page)
    board.open_dashboard(page, f"{board.DASHBOARD}?on={D}")
    config = board.page_config(page)

    assert sorted(board.endpoints(asked)) == sorted([*CHARTS, "headline", "quadrant-strategies"])
    assert asked_on(asked) == {D}
    for name in CHARTS:
        rows = board.dashboard_api(page, name, config, on=D)
        assert board.table_rows(page, name) == board.expected_table(name, rows, config), name
    # The date moved the matrix: only assessments made by then place an output, and every output
    # of the results framework is on it, though entered (recorded) after the date.
    matrix = board.dashboard_api(page, "quadrant-matrix", config, on=D)
    assessed = [row["assessed_on"] for row in matrix if row["assessed_on"]]
    assert assessed and max(assessed) <= D
    today = board.dashboard_api(page, "quadrant-matrix", config)
    assert matrix != today
    assert [row["code"] for row in matrix] == [row["code"] for row in today]
    never = [row["code"] for row in matrix if row["reason"] == "never_assessed"]
    headline = board.api(page, "headline", programme=config["programme"], on=D)
    assert headline["unassessed_outputs"] == len(never) > 0
    assert headline["latest_assessment_on"] == max(assessed)
    for figure in ("open_severe_obstacles", "unassessed_outputs"):
        expect(page.locator(f"[data-headline={figure}]")).to_have_text(str(headline[figure]))
    strategies = board.api(page, "quadrant-strategies", programme=config["programme"], on=D)
    placed = [output["code"] for row in strategies for output in row["outputs"]]
    expect(page.locator("#strategies a")).to_have_count(len(placed))
    with page.expect_download() as download:
        board.card(page, "quadrant-matrix").locator("[data-action=csv]").click()
    assert download.value.suggested_filename == f"pantau-{board.PROGRAMME}-quadrant-matrix-{D}.csv"
    screenshot(page, "dashboard-as-of")


def test_the_portfolio_as_of_a_date_shows_its_table_and_charts_as_of_it(
    page, demo, log_in, screenshot
):
    log_in(page, "manager")
    board.open_dashboard(page, board.PORTFOLIO)
    asked = board.record_aggregate_requests(page)

    page.locator("input#filter-on").fill(D)
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(f"{board.PORTFOLIO}?on={D}")
    board.wait_until_drawn(page)
    config = board.page_config(page)

    assert asked_on(asked) == {D}
    headline = board.api(page, "headline", programme=demo.programme.pk, on=D)
    today = board.api(page, "headline", programme=demo.programme.pk)
    assert headline["unassessed_outputs"] != today["unassessed_outputs"]
    cells = page.get_by_test_id("portfolio-table").locator("tbody tr").first.locator("td")
    expect(cells.nth(3)).to_have_text(str(headline["open_severe_obstacles"]))
    expect(cells.nth(4)).to_have_text(str(headline["unassessed_outputs"]))
    for name in config["charts"]:
        assert board.table_rows(page, name) == board.expected_table(
            name, board.api(page, name, on=D), config
        )
    with page.expect_download() as download:
        board.card(page, "status-by-quadrant").locator("[data-action=png]").click()
    assert download.value.suggested_filename == f"pantau-portfolio-status-by-quadrant-{D}.png"
    screenshot(page, "portfolio-as-of")
