"""A matrix point opens its output, and the CSV and PNG buttons download the table and the
chart, in a real Chromium on the demo Indonesia programme.

The `console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from apps.programmes.models import Output
from tests.browser.dashboard_pages import (
    DASHBOARD,
    PROGRAMME,
    TABLE_JS,
    card,
    click_a_matrix_point,
    dashboard_api,
    expected_csv,
    open_dashboard,
    page_config,
    png_size,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_clicking_a_matrix_point_opens_that_output(page, demo, log_in):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    point = click_a_matrix_point(page)

    output = Output.objects.get(pk=point["id"])
    assert output.code == point["code"]
    expect(page).to_have_url(f"/p/{PROGRAMME}/outputs/{output.pk}/")
    expect(page.locator("h1")).to_contain_text(output.title)


def test_the_csv_and_png_buttons_download_the_table_and_the_chart(page, demo, log_in):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    config = page_config(page)
    for name in ("quadrant-matrix", "indicator-progress", "obstacles-by-severity"):
        holder = card(page, name)
        columns = holder.element_handle().evaluate(TABLE_JS)["columns"]
        with page.expect_download() as csv_download:
            holder.locator("[data-action=csv]").click()
        download = csv_download.value
        assert download.suggested_filename == f"pantau-{PROGRAMME}-{name}.csv"
        text = download.path().read_bytes().decode("utf-8")
        assert text.startswith("\ufeff"), "no byte-order mark: Excel would misread the accents"
        # The table's columns; its figures machine-readable (dot decimal, "" for none).
        assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
            columns,
            *expected_csv(name, dashboard_api(page, name, config), config),
        ]

        with page.expect_download() as png_download:
            holder.locator("[data-action=png]").click()
        download = png_download.value
        assert download.suggested_filename == f"pantau-{PROGRAMME}-{name}.png"
        size = page.evaluate(
            "(name) => { const c = document.getElementById('canvas-' + name);"
            " return [c.width, c.height]; }",
            name,
        )
        assert png_size(download.path().read_bytes()) == tuple(size)
