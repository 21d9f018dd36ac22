"""The programme dashboard's sub-programme filter and language switch redraw the charts, in a real
Chromium on the demo Indonesia programme.

The `console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from apps.assessments import matland
from apps.dashboards.views import CHARTS
from apps.programmes.models import Outcome, Output
from tests.browser.dashboard_pages import (
    DASHBOARD,
    PROGRAMME,
    QUADRANT_ORDER,
    assert_category_labels_fit,
    assert_every_chart_is_drawn,
    dashboard_api,
    expected_table,
    open_dashboard,
    open_table,
    page_config,
    table_rows,
    wait_until_drawn,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_sub_programme_filter_redraws_the_charts_for_its_outputs(
    page, demo, log_in, screenshot
):
    sub_programme = Outcome.objects.get(programme=demo.programme, code="SP1")
    codes = sorted(Output.objects.filter(outcome=sub_programme).values_list("code", flat=True))
    assert 0 < len(codes) < len(demo.outputs)
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    config = page_config(page)
    assert len(table_rows(page, "quadrant-matrix")) == len(demo.outputs)

    page.locator("select#filter-outcome").select_option(str(sub_programme.pk))
    # history.replaceState: the address carries the filters (the trend's period among them).
    expect(page).to_have_url(
        re.compile(rf"{re.escape(DASHBOARD)}\?(.+&)?outcome={sub_programme.pk}(&|$)")
    )
    wait_until_drawn(page)

    assert [row[0] for row in table_rows(page, "quadrant-matrix")] == [
        f"{PROGRAMME} {c}" for c in codes
    ]
    for name in CHARTS:
        rows = dashboard_api(page, name, config, outcome=sub_programme.pk)
        assert table_rows(page, name) == expected_table(name, rows, config), name
    # The chart itself is redrawn, not only its table: it plots the sub-programme's points.
    matrix = dashboard_api(page, "quadrant-matrix", config, outcome=sub_programme.pk)
    placed = [r for r in matrix if r["quadrant"] != "unclassified"]
    plotted = page.evaluate(
        "() => Chart.getChart(document.getElementById('canvas-quadrant-matrix'))"
        ".data.datasets.flatMap((dataset) => dataset.data.map((point) => point.row.code))"
    )
    assert sorted(plotted) == sorted(r["code"] for r in placed)
    headline = dashboard_api(page, "headline", config, outcome=sub_programme.pk)
    expect(page.locator("[data-headline=unassessed_outputs]")).to_have_text(
        str(headline["unassessed_outputs"])
    )
    screenshot(page, "filtered-sp1")

    # The filter is in the address: a reload keeps it.
    page.reload()
    wait_until_drawn(page)
    expect(page.locator("select#filter-outcome")).to_have_value(str(sub_programme.pk))
    assert [row[0] for row in table_rows(page, "quadrant-matrix")] == [
        f"{PROGRAMME} {c}" for c in codes
    ]


def test_in_indonesian_the_dashboard_names_the_quadrants_in_indonesian(
    page, demo, log_in, screenshot
):
    names = {q.value: matland.quadrant_info(q).name("id") for q in matland.Quadrant}
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    page.locator("select#language-switcher").select_option("id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_url(re.compile(rf"{re.escape(DASHBOARD)}(\?|$)"))
    wait_until_drawn(page)

    config = page_config(page)
    assert config["language"] == "id"
    assert {q: text["name"] for q, text in config["texts"]["quadrants"].items()} == names
    # The strategies beside the matrix, in Indonesian from the strategy endpoint.
    expect(page.locator("#strategies .strategy strong")).to_have_text(
        [
            f"{names[q]} — {matland.quadrant_info(q).principle('id')}"
            for q in ("administrative", "political", "experimental", "symbolic")
        ]
    )
    expect(page.locator("#strategies")).to_contain_text(
        matland.quadrant_info("administrative").strategy("id")
    )
    assert_every_chart_is_drawn(page, list(CHARTS))
    # The longer Indonesian cause names still fit beside their bars.
    assert_category_labels_fit(page)
    screenshot(page, "dashboard-id")

    # The tables name the quadrants and causes in Indonesian too.
    status = open_table(page, "status-by-quadrant")
    assert [row[0] for row in status["rows"]] == [names[q] for q in QUADRANT_ORDER]
    matrix = dashboard_api(page, "quadrant-matrix", config)
    open_table(page, "quadrant-matrix")
    assert [row[5] for row in table_rows(page, "quadrant-matrix")] == [
        names[r["quadrant"]] for r in matrix
    ]
    causes = dashboard_api(page, "obstacles-by-cause", config)
    assert any(r["name_id"] != r["name_en"] for r in causes)
    assert open_table(page, "obstacles-by-cause")["rows"] == expected_table(
        "obstacles-by-cause", causes, config
    )


def test_switching_the_language_keeps_the_sub_programme_filter(page, demo, log_in):
    sub_programme = Outcome.objects.get(programme=demo.programme, code="SP1")
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    page.locator("select#filter-outcome").select_option(str(sub_programme.pk))
    expect(page).to_have_url(re.compile(rf"[?&]outcome={sub_programme.pk}(&|$)"))
    wait_until_drawn(page)
    filtered = table_rows(page, "quadrant-matrix")

    page.locator("select#language-switcher").select_option("id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    wait_until_drawn(page)

    expect(page.locator("select#filter-outcome")).to_have_value(str(sub_programme.pk))
    expect(page).to_have_url(re.compile(rf"[?&]outcome={sub_programme.pk}(&|$)"))
    assert [row[0] for row in table_rows(page, "quadrant-matrix")] == [row[0] for row in filtered]
