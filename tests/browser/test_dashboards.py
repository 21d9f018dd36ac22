"""The managers' dashboards in a real Chromium, on the demo Indonesia programme.

The manager logs in through the login form. Every chart must paint its canvas with data, every
data table must hold the aggregate API's numbers (fetched here with the browser's own session),
the filters must redraw the charts, a matrix point must open its output, and the CSV and PNG
buttons must download the table and the chart. The `console` fixture fails any test whose pages
logged a console error or threw.
"""

from __future__ import annotations

import csv
import io
import math
import re
import struct
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from apps.assessments import matland
from apps.dashboards.views import CHARTS
from apps.programmes.models import Outcome, Output

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PROGRAMME = "IDN-CP-2017"
DASHBOARD = f"/p/{PROGRAMME}/dashboard/"
PORTFOLIO = "/dashboard/"
QUADRANT_ORDER = ("administrative", "political", "experimental", "symbolic", "unclassified")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Per chart card: the canvas's size, how many of its pixels are painted, whether it differs from
# a blank canvas of the same size, and how many data values the Chart.js instance plots.
CANVASES_JS = """() => Array.from(document.querySelectorAll('.chart-card')).map((card) => {
  const canvas = card.querySelector('canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted += 1; } }
  const blank = document.createElement('canvas');
  blank.width = canvas.width;
  blank.height = canvas.height;
  const chart = Chart.getChart(canvas);
  const plotted = chart ? chart.data.datasets.reduce((n, dataset) => n + dataset.data.filter(
    (value) => value !== null && value !== undefined && value !== 0).length, 0) : 0;
  return {name: card.dataset.chart, width: canvas.width, height: canvas.height, painted,
          differsFromBlank: canvas.toDataURL() !== blank.toDataURL(), plotted};
})"""

TABLE_JS = """(card) => {
  const table = card.querySelector('.chart-table table');
  const texts = (row) => Array.from(row.cells).map((cell) => cell.textContent);
  return {columns: texts(table.tHead.rows[0]), rows: Array.from(table.tBodies[0].rows).map(texts)};
}"""

# A matrix point no other point overlaps (so the click cannot hit a neighbour), scrolled into view,
# at its position in the viewport, with the output it stands for. The scroll is instant: Bootstrap
# makes scrolling smooth, and a position read mid-scroll would miss the point.
MATRIX_POINT_JS = """() => {
  const canvas = document.getElementById('canvas-quadrant-matrix');
  canvas.scrollIntoView({block: 'center', behavior: 'instant'});
  const chart = Chart.getChart(canvas);
  const points = [];
  chart.data.datasets.forEach((dataset, i) => {
    chart.getDatasetMeta(i).data.forEach((element, j) => {
      const at = element.getProps(['x', 'y'], true);
      points.push({x: at.x, y: at.y, row: dataset.data[j].row});
    });
  });
  const alone = points.find((p) => points.every(
    (q) => q === p || Math.hypot(q.x - p.x, q.y - p.y) > 24));
  const box = canvas.getBoundingClientRect();
  return alone && {x: box.left + alone.x, y: box.top + alone.y, id: alone.row.id,
                   code: alone.row.code, programme: alone.row.programme_code, count: points.length};
}"""

# Every category axis drawn upright (the horizontal bar charts): how many labels it has and shows,
# the widest line of its labels against the axis's width, and the tallest label against the space
# per category. Chart.js gives such an axis at most half the chart's width and clips a longer label
# at the canvas edge; it skips labels that do not fit the height, unless told not to.
CATEGORY_LABELS_JS = """() => Object.values(Chart.instances).flatMap((chart) =>
  Object.values(chart.scales).filter((scale) => scale.type === 'category' && scale.axis === 'y')
  .map((scale) => {
    const ctx = chart.ctx;
    ctx.save();
    const font = scale._resolveTickFontOptions(0);  // the font Chart.js draws the ticks in
    ctx.font = font.string;
    const labels = chart.data.labels.map((label) => [].concat(label));
    const widest = Math.max(...labels.flat().map((line) => ctx.measureText(line).width));
    ctx.restore();
    return {chart: chart.canvas.id, labels: labels.length, shown: scale.ticks.length,
            widest: Math.ceil(widest), room: Math.floor(scale.width - scale.options.ticks.padding),
            tallest: Math.ceil(Math.max(...labels.map((lines) => lines.length)) * font.lineHeight),
            spacing: Math.floor(scale.height / labels.length)};
  }))"""


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def wait_until_drawn(page: Any) -> None:
    """The dashboard (js/dashboard/main.js) sets body[data-dashboard-ready] once all is drawn."""
    expect(page.locator("body[data-dashboard-ready]")).to_have_count(1)
    expect(page.locator("body[data-dashboard-error]")).to_have_count(0)


def open_dashboard(page: Any, path: str) -> None:
    page.goto(path)
    wait_until_drawn(page)


def page_config(page: Any) -> dict[str, Any]:
    return page.evaluate("JSON.parse(document.getElementById('dashboard-config').textContent)")


def api(page: Any, name: str, **params: Any) -> Any:
    """An aggregate endpoint's results, asked with the browser's own session cookie."""
    query = urlencode({key: value for key, value in params.items() if value is not None})
    response = page.request.get(
        f"/api/v1/aggregates/{name}/" + (f"?{query}" if query else ""),
        headers={"Accept": "application/json"},
    )
    assert response.ok, (name, response.status)
    return response.json()["results"]


def dashboard_api(page: Any, name: str, config: dict[str, Any], outcome: int | None = None) -> Any:
    """What the dashboard asks `name` for on this page (js/dashboard/filters.js requestUrl())."""
    params: dict[str, Any] = {"programme": config["programme"], "outcome": outcome}
    if name == "quadrant-trend":
        params["period"] = "year"
        params["end"] = config.get("trendEnd")  # an ended programme's trend stops at its end
    return api(page, name, **params)


def shown(value: Any) -> str:
    """js/dashboard/format.js shown(): a cell's text, a dash for nothing."""
    return "—" if value is None or value == "" else str(value)


def js_percent(share: str | None) -> str | None:
    """format.js percent(): a share as a percentage to one place, printed as JS prints it."""
    if share is None:
        return None
    tenths = math.floor(float(share) * 1000 + 0.5)
    return str(tenths // 10) if tenths % 10 == 0 else str(tenths / 10)


def expected_table(name: str, rows: list[dict[str, Any]], config: dict[str, Any]) -> list[list]:
    """The table a chart card must show for the API rows, cell by cell."""
    texts = config["texts"]
    words, quadrants, statuses = texts["words"], texts["quadrants"], texts["statuses"]
    if name == "quadrant-matrix":
        table = [
            [f"{r['programme_code']} {r['code']}", r["title"], statuses[r["status"]],
             r["ambiguity"], r["conflict"], quadrants[r["quadrant"]]["name"],
             words["borderline"] if r["borderline"] else ""]
            for r in rows
        ]  # fmt: skip
    elif name == "status-by-quadrant":
        table = [
            [quadrants[r["quadrant"]]["name"], *(r["counts"][s] for s in statuses), r["total"]]
            for r in rows
        ]
    elif name == "quadrant-trend":
        table = [[r["period"], *(r["counts"][q] for q in QUADRANT_ORDER), r["total"]] for r in rows]
    elif name == "obstacles-by-cause":
        language_name = "name_id" if config["language"] == "id" else "name_en"
        table = [[r[language_name], texts["dimensions"][r["dimension"]], r["count"]] for r in rows]
    elif name == "obstacles-by-dimension":
        table = [[r["name"], r["count"]] for r in rows]
    elif name == "obstacles-by-severity":
        table = [
            [words["unknown"] if r["severity"] is None else r["label"], r["count"]] for r in rows
        ]
    elif name == "indicator-progress":
        table = [
            [f"{r['programme_code']} {r['code']}", r["name"], r["actual"], r["target"],
             js_percent(r["achievement"]), js_percent(r["expected"]),
             texts["bands"][r["band"] or ""]]
            for r in rows
        ]  # fmt: skip
    elif name == "stakeholder-grid":
        table = [
            [r["acronym"] or r["name"], r["output_code"], texts["roles"][r["role"]],
             r["influence"], r["interest"],
             texts["stances"][r["stance"] or ""]]
            for r in rows
        ]  # fmt: skip
    else:
        raise AssertionError(f"no table expected for {name}")
    return [[shown(cell) for cell in row] for row in table]


def card(page: Any, name: str) -> Any:
    return page.locator(f".chart-card[data-chart='{name}']")


def open_table(page: Any, name: str) -> dict[str, list]:
    """Press the card's "Show table" and read the table it shows."""
    holder = card(page, name)
    toggle = holder.locator("[data-action=table]")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(holder.locator(".chart-table table")).to_be_visible()
    return holder.element_handle().evaluate(TABLE_JS)


def table_rows(page: Any, name: str) -> list[list[str]]:
    """The rows of a card's table as drawn (shown or not)."""
    return card(page, name).element_handle().evaluate(TABLE_JS)["rows"]


def assert_every_chart_is_drawn(page: Any, names: list[str]) -> None:
    canvases = {canvas["name"]: canvas for canvas in page.evaluate(CANVASES_JS)}
    assert sorted(canvases) == sorted(names)
    empty = {
        name: canvas
        for name, canvas in canvases.items()
        if not (canvas["width"] and canvas["height"])
        or canvas["painted"] == 0
        or not canvas["differsFromBlank"]
        or canvas["plotted"] == 0
    }
    assert not empty, f"blank or empty charts: {empty}"


def assert_category_labels_fit(page: Any) -> None:
    """No label of a horizontal bar chart is skipped or clipped at the canvas edge."""
    axes = page.evaluate(CATEGORY_LABELS_JS)
    assert {axis["chart"] for axis in axes} >= {"canvas-obstacles-by-cause"}
    cramped = [
        axis
        for axis in axes
        if axis["shown"] != axis["labels"]
        or axis["widest"] > axis["room"]
        or axis["tallest"] > axis["spacing"]
    ]
    assert not cramped, f"labels skipped, clipped or overlapping: {cramped}"


def png_size(content: bytes) -> tuple[int, int]:
    assert content.startswith(PNG_SIGNATURE), content[:16]
    return struct.unpack(">II", content[16:24])


def click_a_matrix_point(page: Any) -> dict[str, Any]:
    point = page.evaluate(MATRIX_POINT_JS)
    assert point, "no matrix point stands clear of the others"
    page.mouse.click(point["x"], point["y"])
    return point


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
    assert [(row[3], row[4]) for row in table_rows(page, "quadrant-matrix")] == [
        (shown(r["ambiguity"]), shown(r["conflict"])) for r in matrix
    ]
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

    for name in ("quadrant-matrix", "obstacles-by-severity"):
        holder = card(page, name)
        table = holder.element_handle().evaluate(TABLE_JS)
        with page.expect_download() as csv_download:
            holder.locator("[data-action=csv]").click()
        download = csv_download.value
        assert download.suggested_filename == f"pantau-{PROGRAMME}-{name}.csv"
        text = download.path().read_bytes().decode("utf-8")
        assert text.startswith("\ufeff"), "no byte-order mark: Excel would misread the accents"
        assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
            table["columns"],
            *table["rows"],
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
