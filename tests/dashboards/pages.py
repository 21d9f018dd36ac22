"""Reading the dashboard pages: what a page hands its script, loads and shows, and the aggregate
requests its script makes."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import strip_tags

from apps.dashboards import selectors
from apps.dashboards.views import CHARTS
from apps.programmes.models import Programme

CHART_JS = "/static/vendor/chartjs/chart.umd.min.js"
DASHBOARD_JS = "/static/js/dashboard/main.js"
# The extra endpoints the programme dashboard reads besides its charts (headline, strategies).
BESIDE_THE_CHARTS = ("headline", "quadrant-strategies")


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
