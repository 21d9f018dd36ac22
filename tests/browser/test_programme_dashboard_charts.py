"""The programme dashboard in a real Chromium, on the demo Indonesia programme: every chart paints
its canvas with data, every data table and box holds the aggregate API's numbers (fetched with
the browser's own session).

The `console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from apps.dashboards.views import CHARTS
from tests.browser.dashboard_pages import (
    DASHBOARD,
    PROGRAMME,
    api,
    assert_category_labels_fit,
    assert_every_chart_is_drawn,
    dashboard_api,
    expected_table,
    intl_number,
    open_dashboard,
    open_table,
    page_config,
    table_rows,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# --------------------------------------------------------------------------------------------
# The programme dashboard
# --------------------------------------------------------------------------------------------


def test_every_chart_of_the_programme_dashboard_is_drawn_and_its_table_holds_the_apis_numbers(
    page, demo, log_in, screenshot
):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    config = page_config(page)
    assert (config["programme"], config["programmeCode"]) == (demo.programme.pk, PROGRAMME)

    assert_every_chart_is_drawn(page, list(CHARTS))
    assert_category_labels_fit(page)
    screenshot(page, "dashboard-en")

    for name in CHARTS:
        rows = dashboard_api(page, name, config)
        assert rows, f"{name}: the demo data gives nothing to show"
        table = open_table(page, name)
        assert table["rows"] == expected_table(name, rows, config), name
    screenshot(page, "tables-open")

    matrix = dashboard_api(page, "quadrant-matrix", config)
    assert len(matrix) == len(demo.outputs) == len(table_rows(page, "quadrant-matrix"))
    # Rubric scores to two places ("0.25", "0.30"), a dash for none.
    assert [(row[3], row[4]) for row in table_rows(page, "quadrant-matrix")] == [
        (intl_number(r["ambiguity"], "en", places=2, minimum=2),
         intl_number(r["conflict"], "en", places=2, minimum=2))
        for r in matrix
    ]  # fmt: skip
    status_totals = [r["total"] for r in dashboard_api(page, "status-by-quadrant", config)]
    shown_totals = [int(row[-1]) for row in table_rows(page, "status-by-quadrant")]
    assert shown_totals == status_totals
    assert sum(shown_totals) == len(demo.outputs)


def test_headline_and_side_boxes_show_the_apis_figures(page, demo, log_in):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    config = page_config(page)

    headline = dashboard_api(page, "headline", config)
    assert headline["outputs"] == len(demo.outputs)
    for key in ("on_track_percent", "open_severe_obstacles", "unassessed_outputs"):
        value = headline[key]
        text = "—" if value is None else f"{value}%" if key == "on_track_percent" else str(value)
        expect(page.locator(f"[data-headline={key}]")).to_have_text(text)
    # The date is shown in the page's language, e.g. "June 30, 2020".
    latest = date.fromisoformat(headline["latest_assessment_on"])
    expect(page.locator("[data-headline=latest_assessment_on]")).to_have_text(
        f"{latest:%B} {latest.day}, {latest.year}"
    )

    # "Not on the matrix": every unclassified output, linked to its page, with the reason.
    matrix = dashboard_api(page, "quadrant-matrix", config)
    unclassified = [r for r in matrix if r["quadrant"] == "unclassified"]
    assert unclassified, "the demo data has no unclassified output"
    items = page.get_by_test_id("unclassified").locator("li")
    expect(items).to_have_count(len(unclassified))
    for item, row in zip(items.all(), unclassified, strict=True):
        link = item.locator("a")
        expect(link).to_have_attribute("href", f"/p/{PROGRAMME}/outputs/{row['id']}/")
        expect(link).to_have_text(f"{PROGRAMME} {row['code']} {row['title']}")
        expect(item).to_contain_text(config["texts"]["reasons"][row["reason"]])

    # "What each quadrant needs": the strategy endpoint's texts and outputs.
    strategies = api(page, "quadrant-strategies", programme=config["programme"], language="en")
    blocks = page.locator("#strategies .strategy")
    expect(blocks).to_have_count(len(strategies))
    for block, strategy in zip(blocks.all(), strategies, strict=True):
        codes = ", ".join(o["code"] for o in strategy["outputs"]) or "—"
        expect(block.locator("strong")).to_have_text(
            f"{strategy['name']} — {strategy['principle']}"
        )
        expect(block).to_contain_text(strategy["strategy"])
        expect(block).to_contain_text(f"Outputs: {codes}")
