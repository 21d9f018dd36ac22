"""The portfolio dashboard in a real Chromium: its charts and headline table come from the API.

The `console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.dashboard_pages import (
    PORTFOLIO,
    PROGRAMME,
    api,
    assert_every_chart_is_drawn,
    click_a_matrix_point,
    expected_table,
    open_dashboard,
    open_table,
    page_config,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# --------------------------------------------------------------------------------------------
# The portfolio dashboard
# --------------------------------------------------------------------------------------------


def test_the_portfolio_dashboard_draws_its_charts_from_the_api(page, demo, log_in, screenshot):
    log_in(page, "manager")
    open_dashboard(page, PORTFOLIO)
    config = page_config(page)
    assert config["programme"] is None

    assert_every_chart_is_drawn(page, config["charts"])
    rows = page.get_by_test_id("portfolio-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    headline = api(page, "headline", programme=demo.programme.pk)
    cells = rows.first.locator("td")
    expect(cells.nth(0)).to_have_text(f"{PROGRAMME} {demo.programme.title}")
    expect(cells.nth(1)).to_have_text(str(headline["outputs"]))
    expect(cells.nth(2)).to_have_text(f"{headline['on_track_percent']}%")
    expect(cells.nth(3)).to_have_text(str(headline["open_severe_obstacles"]))
    expect(cells.nth(4)).to_have_text(str(headline["unassessed_outputs"]))
    screenshot(page, "portfolio")

    for name in config["charts"]:
        # No programme parameter: every programme the manager may read.
        assert open_table(page, name)["rows"] == expected_table(name, api(page, name), config)
    screenshot(page, "portfolio-tables-open")

    point = click_a_matrix_point(page)
    assert point["programme"] == PROGRAMME
    expect(page).to_have_url(f"/p/{PROGRAMME}/outputs/{point['id']}/")
