"""The headline figures: outputs on track, severe obstacles and assessment coverage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.dashboards.selectors import headline_figures
from apps.obstacles.models import Obstacle
from apps.obstacles.services import obstacle_create
from tests.dashboards.figures import ADMINISTRATIVE, ON, SYMBOLIC, assess, only, recorded_on
from tests.factories import OutputFactory

# --------------------------------------------------------------------------------------------
# headline_figures
# --------------------------------------------------------------------------------------------


def test_headline_figures_count_outputs_severe_obstacles_and_assessment_coverage(
    programme, outcome, cause
):
    first = OutputFactory(outcome=outcome, status="on_track")
    assess(first, date(2019, 6, 30), ADMINISTRATIVE)
    second = OutputFactory(outcome=outcome, status="on_track")
    assess(second, date(2020, 3, 31), SYMBOLIC)
    late = OutputFactory(outcome=outcome, status="at_risk")
    assess(late, date(2020, 7, 1), SYMBOLIC)  # after the date asked about
    OutputFactory(outcome=outcome, status="cancelled")
    for title, severity, status in [
        ("Blocking", 4, "open"),
        ("Being mitigated", 5, "mitigating"),
        ("Solved", 5, "resolved"),
        ("Tolerated", 4, "accepted"),
        ("Moderate", 3, "open"),
        ("Unrated", None, "open"),
    ]:
        obstacle_create(
            programme=programme, title=title, cause=cause, severity=severity, status=status
        )
    # Resolved before the date asked about (the service dates a resolution today).
    Obstacle.objects.filter(status="resolved").update(resolved_on=date(2020, 1, 31))
    recorded_on(date(2018, 1, 1))  # entered before the date asked about, as they stand now

    figures = headline_figures(programmes=only(programme), on=ON)

    # Two on track of the three outputs not cancelled.
    assert figures == {
        "on": "2020-06-30",
        "outputs": 4,
        "on_track": 2,
        "on_track_percent": Decimal("66.7"),
        "open_severe_obstacles": 2,
        "unassessed_outputs": 2,
        "latest_assessment_on": "2020-03-31",
    }


@pytest.mark.parametrize(
    ("statuses", "percent"),
    [
        (["on_track"] + ["at_risk"] * 7, Decimal("12.5")),
        (["on_track"] + ["off_track"] * 15, Decimal("6.3")),  # 6.25: a half rounds up
        (["on_track", "at_risk", "cancelled", "cancelled"], Decimal("50.0")),
        (["at_risk", "completed"], Decimal("0.0")),
        (["cancelled", "cancelled"], None),
    ],
)
def test_on_track_share_leaves_cancelled_outputs_out_and_rounds_to_one_place(
    programme, outcome, statuses, percent
):
    for status in statuses:
        OutputFactory(outcome=outcome, status=status)
    recorded_on(date(2018, 1, 1))

    figures = headline_figures(programmes=only(programme), on=ON)

    assert figures["on_track_percent"] == percent
    assert figures["outputs"] == len(statuses)


def test_headline_figures_are_as_of_today_by_default(programme, outcome):
    output = OutputFactory(outcome=outcome)
    today = timezone.localdate()
    assess(output, today, ADMINISTRATIVE)

    figures = headline_figures(programmes=only(programme))

    assert (figures["on"], figures["latest_assessment_on"]) == (today.isoformat(),) * 2
    assert figures["unassessed_outputs"] == 0
