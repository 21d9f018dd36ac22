"""Managers' dashboards: the programme dashboard and the portfolio across programmes.

The pages carry no numbers of their own: the charts fetch the aggregate API endpoints
(apps.dashboards.api), so a dashboard and an external tool always show the same figures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.accounts.selectors import programmes_readable_by
from apps.assessments import matland
from apps.dashboards import selectors
from apps.dashboards.choices import BandChoice, UnclassifiedReason
from apps.obstacles.choices import Dimension
from apps.programmes.choices import OutputStatus
from apps.programmes.models import Outcome
from apps.stakeholders.choices import InvolvementRole, Stance
from apps.workspace.views.base import readable_programme

CHARTS = (
    "quadrant-matrix",
    "status-by-quadrant",
    "obstacles-by-cause",
    "obstacles-by-dimension",
    "obstacles-by-severity",
    "indicator-progress",
    "stakeholder-grid",
    "quadrant-trend",
)


def _chart_texts() -> dict[str, Any]:
    """Labels the dashboard script shows, in the user's language (no strings in JavaScript)."""
    language = get_language() or "en"
    return {
        "quadrants": {
            q.value: {
                "name": matland.quadrant_info(q).name(language),
                "principle": matland.quadrant_info(q).principle(language),
            }
            for q in matland.Quadrant
        },
        "statuses": dict(OutputStatus.choices),
        # "": an involvement of no known stance, an indicator with no figure to band.
        "stances": {**dict(Stance.choices), "": _("Stance not known")},
        "bands": {**dict(BandChoice.choices), "": _("No figure")},
        "dimensions": dict(Dimension.choices),
        "roles": dict(InvolvementRole.choices),
        "reasons": dict(UnclassifiedReason.choices),
        "words": {
            "ambiguity": _("Ambiguity"),
            "conflict": _("Conflict"),
            "threshold": _("threshold"),
            "borderline": _("borderline"),
            "outputs": _("Outputs"),
            "obstacles": _("Open obstacles"),
            "count": _("Count"),
            "achievement": _("Achievement (%)"),
            "expected": _("Expected by now (%)"),
            "influence": _("Influence"),
            "interest": _("Interest"),
            "severity": _("Severity"),
            "unknown": _("not known"),
            "show_table": _("Show table"),
            "hide_table": _("Hide table"),
            "no_data": _("No data for this selection."),
            "loading_failed": _("The figures could not be loaded."),
            "status": _("Status"),
            "quadrant": _("Quadrant"),
            "code": _("Code"),
            "title": _("Title"),
            "period": _("Period"),
            "stakeholder": _("Stakeholder"),
            "role": _("Role"),
            "stance": _("Stance"),
            "output": _("Output"),
            "indicator": _("Indicator"),
            "band": _("Band"),
            "cause": _("Cause"),
            "dimension": _("Dimension"),
            "actual": _("Actual"),
            "target": _("Target"),
            "total": _("Total"),
            # A negative achievement: (actual − baseline) / (target − baseline) below zero.
            "moved_away": _("moved away from the target"),
            "moved_away_detail": _(
                "Below zero: the indicator moved away from the target; it is further from it "
                "than at the baseline."
            ),
            # The trend's quarters ("2019-Q3" in the API and the CSV).
            "quarter": _("Q{quarter} {year}"),
        },
    }


def as_of_date(request: HttpRequest) -> date | None:
    """The page's "Figures as of" date (`?on=`), or None for today (also for a malformed one)."""
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return None


def _script_config(
    *, programme: Any, charts: tuple[str, ...], on: date | None = None
) -> dict[str, Any]:
    """What the dashboard script needs: where the aggregates are, which charts, and the texts.

    Links to outputs are not made here: the API rows carry each output's `url`. `on`: the date
    of a page whose figures outside the charts come with it (the portfolio's table); the
    programme dashboard's script reads its date from the filter form instead.
    """
    return {
        "api": reverse("api-root").rstrip("/") + "/aggregates/",
        "programme": programme.pk if programme else None,
        "programmeCode": programme.code if programme else None,
        # A programme that has ended: its trend stops at its end date.
        "trendEnd": (
            programme.end_date.isoformat()
            if programme and programme.end_date < localdate()
            else None
        ),
        "charts": charts,
        "on": on.isoformat() if on else None,
        "language": get_language() or "en",
        "texts": _chart_texts(),
    }


@login_required
def programme_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    """One programme's dashboard: the Matland matrix and the charts around it."""
    programme = readable_programme(request, code)
    outcomes = Outcome.objects.filter(programme=programme).order_by("order", "code")
    config = _script_config(programme=programme, charts=CHARTS)
    return render(
        request,
        "dashboards/programme.html",
        {
            "programme": programme,
            "outcomes": outcomes,
            "config": config,
            "crumbs": [
                (programme.code, reverse("programme-detail", args=[programme.code])),
                (_("Dashboard"), None),
            ],
        },
    )


@login_required
def portfolio_dashboard(request: HttpRequest) -> HttpResponse:
    """Every programme the user may read: the matrix and status figures per programme."""
    programmes = programmes_readable_by(user=request.user).order_by("code")
    on = as_of_date(request)
    # One grouped read for all the programmes: the page costs as much for 2 as for 20.
    headlines = selectors.portfolio_headlines(programmes=programmes, on=on)
    rows = [
        {
            "programme": programme,
            "headline": headline,
            # A date, so the template formats it for the user's language.
            "latest_assessment_on": (
                date.fromisoformat(headline["latest_assessment_on"])
                if headline["latest_assessment_on"]
                else None
            ),
        }
        for programme, headline in headlines.items()
    ]
    config = _script_config(programme=None, charts=("quadrant-matrix", "status-by-quadrant"), on=on)
    return render(
        request,
        "dashboards/portfolio.html",
        {
            "rows": rows,
            "config": config,
            "on": on,
            "crumbs": [(_("Portfolio dashboard"), None)],
        },
    )
