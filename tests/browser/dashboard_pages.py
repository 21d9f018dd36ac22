"""Reading the managers' dashboards in Chromium: the scripts that measure canvases, tables and
labels, and what each table must show for the aggregate API's rows."""

from __future__ import annotations

import math
import re
import struct
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import expect

PROGRAMME = "IDN-CP-2017"
DASHBOARD = f"/p/{PROGRAMME}/dashboard/"
PORTFOLIO = "/dashboard/"
QUADRANT_ORDER = ("administrative", "political", "experimental", "symbolic", "unclassified")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
AGGREGATES = "/api/v1/aggregates/"

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


def record_aggregate_requests(page: Any) -> list[str]:
    """The addresses of the aggregate requests the page makes from now on, in order."""
    asked: list[str] = []

    def record(request: Any) -> None:
        if AGGREGATES in request.url:
            asked.append(request.url)

    page.on("request", record)
    return asked


def endpoints(urls: list[str]) -> list[str]:
    return [urlsplit(url).path.removeprefix(AGGREGATES).strip("/") for url in urls]


def dashboard_api(
    page: Any,
    name: str,
    config: dict[str, Any],
    outcome: int | None = None,
    on: str | None = None,
) -> Any:
    """What the dashboard asks `name` for on this page (js/dashboard/filters.js requestUrl())."""
    params: dict[str, Any] = {"programme": config["programme"], "outcome": outcome, "on": on}
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


# How Intl.NumberFormat writes a number in each of the site's languages (en-US, id-ID).
SEPARATORS = {"en": (".", ","), "id": (",", ".")}


def intl_number(value: Any, language: str, *, places: int = 4, minimum: int = 0) -> str:
    """Intl.NumberFormat(language, {maximumFractionDigits: places, minimumFractionDigits:
    minimum}).format(value): rounded half away from zero, grouped in thousands, no trailing zeros
    beyond `minimum`; "—" for nothing (numbers.js)."""
    if value is None or value == "":
        return "—"
    decimal_mark, group_mark = SEPARATORS[language]
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign, digits = ("-", -rounded) if rounded < 0 else ("", rounded)
    whole, _, fraction = f"{digits:f}".partition(".")
    fraction = fraction.rstrip("0").ljust(minimum, "0")
    grouped = re.sub(r"\B(?=(\d{3})+$)", group_mark, whole)
    return sign + grouped + (decimal_mark + fraction if fraction else "")


def intl_percent(share: Any, language: str) -> str:
    """Intl.NumberFormat(language, {style: "percent", maximumFractionDigits: 1})."""
    if share is None:
        return "—"
    return intl_number(Decimal(str(share)) * 100, language, places=1) + "%"


def measured(row: dict[str, Any], key: str, language: str) -> str:
    """An indicator's value as numbers.js writes it: percentages to two places, others to four."""
    return intl_number(row[key], language, places=2 if row["measure"] == "percentage" else 4)


def achievement_text(row: dict[str, Any], config: dict[str, Any]) -> str:
    """The achievement cell: a negative one says the indicator moved away from its target."""
    text = intl_percent(row["achievement"], config["language"])
    if row["achievement"] is not None and Decimal(row["achievement"]) < 0:
        text += f" ({config['texts']['words']['moved_away']})"
    return text


def period_name(period: str, words: dict[str, str]) -> str:
    """A trend period as the dashboard names it: "2019-Q3" in the page's words for a quarter."""
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if not quarter:
        return period
    return words["quarter"].format(year=quarter[1], quarter=quarter[2])


def expected_table(name: str, rows: list[dict[str, Any]], config: dict[str, Any]) -> list[list]:
    """The table a chart card must show for the API rows, cell by cell."""
    texts, language = config["texts"], config["language"]
    words, quadrants, statuses = texts["words"], texts["quadrants"], texts["statuses"]
    if name == "quadrant-matrix":
        table = [
            [f"{r['programme_code']} {r['code']}", r["title"], statuses[r["status"]],
             intl_number(r["ambiguity"], language, places=2, minimum=2),
             intl_number(r["conflict"], language, places=2, minimum=2),
             quadrants[r["quadrant"]]["name"],
             words["borderline"] if r["borderline"] else ""]
            for r in rows
        ]  # fmt: skip
    elif name == "status-by-quadrant":
        table = [
            [quadrants[r["quadrant"]]["name"], *(r["counts"][s] for s in statuses), r["total"]]
            for r in rows
        ]
    elif name == "quadrant-trend":
        table = [
            [period_name(r["period"], words), *(r["counts"][q] for q in QUADRANT_ORDER), r["total"]]
            for r in rows
        ]
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
            [f"{r['programme_code']} {r['code']}", r["name"],
             measured(r, "actual", language), measured(r, "target", language),
             achievement_text(r, config), intl_percent(r["expected"], language),
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


def plain(value: Any) -> str:
    """numbers.js plain(): a decimal for programs, dot decimal without trailing zeros."""
    if value is None or value == "":
        return ""
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def expected_csv(name: str, rows: list[dict[str, Any]], config: dict[str, Any]) -> list[list]:
    """The CSV download of a chart card: the table, with its figures machine-readable."""
    table = expected_table(name, rows, config)
    if name == "quadrant-matrix":
        for cells, r in zip(table, rows, strict=True):
            cells[3:5] = [plain(r["ambiguity"]), plain(r["conflict"])]
    elif name == "indicator-progress":
        for cells, r in zip(table, rows, strict=True):
            shares = [js_percent(r["achievement"]), js_percent(r["expected"])]
            cells[2:6] = [plain(r["actual"]), plain(r["target"]), *map(plain, shares)]
    elif name == "quadrant-trend":
        for cells, r in zip(table, rows, strict=True):
            cells[0] = r["period"]
    return table


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
