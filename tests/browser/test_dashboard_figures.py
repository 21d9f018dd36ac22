"""How the dashboards write their figures, in a real Chromium on the demo Indonesia programme:
numbers in the page's language (Intl), measured values without trailing zeros and rubric scores
to two places, a negative achievement explained, every matrix point inside the plot, and the
portfolio's points labelled with their programme.

The demo indicators (apps/jobs/demo.py): 1.1.a has an actual of 3313 kg; 1.1.b 85 of a target of
100 syndicates; 5.1.a, a prevalence to bring down from 1.77 % to 1.5 %, stands at 1.95 %, so its
achievement is −66.67 %: it moved away from the target. Output 1.1 is at ambiguity 0.25,
conflict 0.3; one output of seven is on track (14.3 %).

The `console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from apps.assessments.services import ITEM_FIELDS, assessment_create
from tests.browser.dashboard_pages import (
    DASHBOARD,
    PORTFOLIO,
    PROGRAMME,
    open_dashboard,
    page_config,
    table_rows,
    wait_until_drawn,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# The same figures as each language writes them (Intl.NumberFormat in Chromium).
FIGURES = {
    "en": {
        "1.1.a actual": "3,313",
        "1.1.b actual": "85",
        "1.1.b target": "100",
        "1.1.b achievement": "85%",
        "5.1.a actual": "1.95",
        "5.1.a target": "1.5",
        "5.1.a achievement": "-66.7%",
        "1.1 ambiguity": "0.25",
        "1.1 conflict": "0.30",
        "on track": "14.3%",
        "axis tick": "0.5",
    },
    "id": {
        "1.1.a actual": "3.313",
        "1.1.b actual": "85",
        "1.1.b target": "100",
        "1.1.b achievement": "85%",
        "5.1.a actual": "1,95",
        "5.1.a target": "1,5",
        "5.1.a achievement": "-66,7%",
        "1.1 ambiguity": "0,25",
        "1.1 conflict": "0,30",
        "on track": "14,3%",
        "axis tick": "0,5",
    },
}

# Every point of the matrix with its radius, and the plot area it must stay inside.
MATRIX_POINTS_JS = """() => {
  const chart = Chart.getChart(document.getElementById('canvas-quadrant-matrix'));
  const area = chart.chartArea;
  return chart.data.datasets.flatMap((dataset, i) =>
    chart.getDatasetMeta(i).data.map((element, j) => {
      const at = element.getProps(['x', 'y'], true);
      return {code: dataset.data[j].row.code, programme: dataset.data[j].row.programme_code,
              x: at.x, y: at.y, radius: element.options.radius + element.options.borderWidth,
              area: {left: area.left, right: area.right, top: area.top, bottom: area.bottom}};
    }));
}"""

# The lines of the tooltip Chart.js shows for one data point of a chart.
TOOLTIP_JS = """([canvasId, datasetIndex, index]) => {
  const chart = Chart.getChart(document.getElementById(canvasId));
  const element = chart.getDatasetMeta(datasetIndex).data[index];
  chart.tooltip.setActiveElements([{datasetIndex, index}], {x: element.x, y: element.y});
  chart.update();
  const tooltip = chart.tooltip;
  return [...tooltip.title, ...tooltip.beforeBody,
          ...tooltip.body.flatMap((part) => [...part.before, ...part.lines, ...part.after]),
          ...tooltip.afterBody, ...tooltip.footer];
}"""

# Every text drawn on a canvas, where (CSS pixels), recorded before the page's scripts run.
RECORD_CANVAS_TEXT_JS = """
window.pantauDrawnTexts = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
  const m = this.getTransform();
  const scale = window.devicePixelRatio || 1;
  window.pantauDrawnTexts.push({canvas: this.canvas.id, text: String(text),
    x: (m.a * x + m.c * y + m.e) / scale, y: (m.b * x + m.d * y + m.f) / scale});
  return fillText.call(this, text, x, y, ...rest);
};
"""


def switch_to_indonesian(page) -> None:
    page.locator("select#language-switcher").select_option("id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    wait_until_drawn(page)


def rows_by_code(page, name: str) -> dict[str, list[str]]:
    return {row[0]: row for row in table_rows(page, name)}


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_dashboard_writes_its_figures_in_the_pages_language(page, demo, log_in, language):
    expected = FIGURES[language]
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    if language == "id":
        switch_to_indonesian(page)
    assert page_config(page)["language"] == language

    indicators = rows_by_code(page, "indicator-progress")
    # Columns: indicator, title, actual, target, achievement, expected, band.
    assert indicators[f"{PROGRAMME} 1.1.a"][2] == expected["1.1.a actual"]
    assert indicators[f"{PROGRAMME} 1.1.b"][2:5] == [
        expected["1.1.b actual"],
        expected["1.1.b target"],
        expected["1.1.b achievement"],
    ]
    prevalence = indicators[f"{PROGRAMME} 5.1.a"]
    assert prevalence[2:4] == [expected["5.1.a actual"], expected["5.1.a target"]]
    assert prevalence[4].startswith(expected["5.1.a achievement"])
    matrix = rows_by_code(page, "quadrant-matrix")
    # Columns: code, title, status, ambiguity, conflict, quadrant, borderline.
    assert matrix[f"{PROGRAMME} 1.1"][3:5] == [expected["1.1 ambiguity"], expected["1.1 conflict"]]
    expect(page.locator("[data-headline=on_track_percent]")).to_have_text(expected["on track"])
    ticks = page.evaluate(
        "() => Chart.getChart(document.getElementById('canvas-quadrant-matrix'))"
        ".scales.x.ticks.map((tick) => tick.label)"
    )
    assert expected["axis tick"] in ticks, ticks


def test_the_csv_download_keeps_dot_decimals_and_says_so(page, demo, log_in):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)
    switch_to_indonesian(page)
    holder = page.locator(".chart-card[data-chart='indicator-progress']")
    expect(holder.locator(".csv-note")).to_be_visible()

    with page.expect_download() as download:
        holder.locator("[data-action=csv]").click()
    text = download.value.path().read_bytes().decode("utf-8").removeprefix("\ufeff")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    # Machine-readable: dot decimals, no grouping, no percent sign, no explanation in the cell.
    assert rows[f"{PROGRAMME} 1.1.a"][2:4] == ["3313", ""]
    assert rows[f"{PROGRAMME} 5.1.a"][2:6] == ["1.95", "1.5", "-66.7", "100"]


def test_a_negative_achievement_says_the_indicator_moved_away_from_its_target(page, demo, log_in):
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    indicators = rows_by_code(page, "indicator-progress")
    assert "moved away from the target" in indicators[f"{PROGRAMME} 5.1.a"][4]
    assert "moved away" not in indicators[f"{PROGRAMME} 1.1.b"][4]
    index = list(indicators).index(f"{PROGRAMME} 5.1.a")
    tooltip = " ".join(page.evaluate(TOOLTIP_JS, ["canvas-indicator-progress", 0, index]))
    assert "-66.7%" in tooltip
    assert "moved away from the target" in tooltip


def test_a_point_in_a_corner_of_the_matrix_stays_inside_the_plot(page, demo, log_in):
    # 5.1 scored the worst on every item (1, 1); 2.1 the best (0, 0).
    for code, score in (("5.1", 2), ("2.1", 0)):
        assessment_create(
            output=demo.outputs[code],
            assessed_on=date(2021, 6, 30),
            items=dict.fromkeys(ITEM_FIELDS, score),
        )
    log_in(page, "manager")
    open_dashboard(page, DASHBOARD)

    points = page.evaluate(MATRIX_POINTS_JS)
    assert {p["code"] for p in points} >= {"5.1", "2.1"}
    outside = [
        p
        for p in points
        if p["x"] - p["radius"] < p["area"]["left"]
        or p["x"] + p["radius"] > p["area"]["right"]
        or p["y"] - p["radius"] < p["area"]["top"]
        or p["y"] + p["radius"] > p["area"]["bottom"]
    ]
    assert outside == []


def test_the_portfolio_matrix_labels_each_point_with_its_programme(page, demo, log_in):
    page.add_init_script(RECORD_CANVAS_TEXT_JS)
    log_in(page, "manager")
    open_dashboard(page, PORTFOLIO)

    points = page.evaluate(MATRIX_POINTS_JS)
    assert points
    texts = [
        text
        for text in page.evaluate("() => window.pantauDrawnTexts")
        if text["canvas"] == "canvas-quadrant-matrix"
    ]
    unlabelled = [
        p
        for p in points
        if not any(
            text["text"] == f"{p['programme']} {p['code']}"
            and abs(text["y"] - p["y"]) <= 2 * p["radius"]
            and abs(text["x"] - p["x"]) <= 2 * p["radius"]
            for text in texts
        )
    ]
    assert unlabelled == []
    tooltip = page.evaluate(TOOLTIP_JS, ["canvas-quadrant-matrix", 0, 0])
    assert tooltip[0].startswith(f"{PROGRAMME} ")
