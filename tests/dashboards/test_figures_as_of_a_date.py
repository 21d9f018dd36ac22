"""Every aggregate endpoint answers "as of date D" with `on`: the latest assessment made by D,
output statuses and stakeholder positions as recorded at the end of D, obstacles open on D,
measurements of periods ended by D; the trend ends at D. An output or involvement recorded only
after D still counts, as it was first recorded. Without `on`, or with today, the figures are the
records as they stand."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.obstacles.services import obstacle_create
from tests.dashboards.figures import (
    ADMINISTRATIVE,
    POLITICAL,
    SYMBOLIC,
    assess,
    changed_on,
    measure,
    nonzero,
)
from tests.dashboards.pages import dashboard_config, portfolio_rows
from tests.factories import IndicatorFactory, InvolvementFactory, OutputFactory

pytestmark = pytest.mark.django_db

D = date(2019, 12, 31)
BEFORE, AFTER = date(2019, 3, 1), date(2020, 2, 1)


@pytest.fixture
def history(programme, outcome, cause):
    """A programme whose assessments, statuses, obstacles and positions changed around D."""
    early = OutputFactory(outcome=outcome, code="1.1", status="on_track")
    changed_on(BEFORE, early)
    assess(early, date(2019, 6, 30), ADMINISTRATIVE)
    assess(early, date(2020, 6, 30), SYMBOLIC)  # after D
    early.status = "at_risk"
    early.save()
    changed_on(AFTER, early)
    waiting = OutputFactory(outcome=outcome, code="1.2", status="not_started")
    changed_on(BEFORE, waiting)
    assess(waiting, date(2020, 5, 1), POLITICAL)  # its first assessment, after D
    late = OutputFactory(outcome=outcome, code="1.3", status="on_track")  # recorded after D
    changed_on(AFTER, late)
    assess(late, date(2019, 1, 1), POLITICAL)
    late.status = "at_risk"  # changed since it was first recorded
    late.save()

    # Open on D by its dates, though entered after D already resolved.
    dated = obstacle_create(
        programme=programme,
        title="Identified in 2019, resolved in 2020",
        cause=cause,
        severity=5,
        status="resolved",
        identified_on=date(2019, 5, 1),
        resolved_on=date(2020, 1, 15),
        outputs=[early],
    )
    changed_on(AFTER, dated)
    obstacle_create(  # identified after D
        programme=programme,
        title="Identified in 2020",
        cause=cause,
        severity=4,
        identified_on=date(2020, 1, 10),
    )
    # No dates: its history says it was being mitigated on D, and accepted since.
    undated = obstacle_create(
        programme=programme, title="Mitigated on D", cause=cause, severity=4, status="mitigating"
    )
    changed_on(BEFORE, undated)
    undated.status = "accepted"
    undated.save()
    changed_on(AFTER, undated)
    recorded_later = obstacle_create(programme=programme, title="New", cause=cause, severity=5)
    changed_on(AFTER, recorded_later)

    involvement = InvolvementFactory(output=early, influence=2, interest=3, stance="neutral")
    changed_on(BEFORE, involvement)
    involvement.influence, involvement.stance = 5, "champion"
    involvement.save()
    changed_on(AFTER, involvement)
    entered_later = InvolvementFactory(output=waiting, influence=4, interest=4)
    changed_on(AFTER, entered_later)
    entered_later.influence = 1  # changed since it was first recorded
    entered_later.save()

    indicator = IndicatorFactory(output=early)
    measure(indicator, 2019, "10")
    measure(indicator, 2020, "30")
    return programme


def results(client, name: str, programme, **params: Any) -> Any:
    query = {"programme": programme.pk, **params}
    response = client.get(reverse(f"aggregate-{name}"), query, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def api(client, bob):
    client.force_login(bob)
    return client


def test_the_matrix_places_every_output_at_its_assessment_by_d(api, history):
    rows = results(api, "quadrant-matrix", history, on=D)

    assert [(r["code"], r["quadrant"], r["assessed_on"], r["status"]) for r in rows] == [
        ("1.1", "administrative", "2019-06-30", "on_track"),
        ("1.2", "unclassified", None, "not_started"),
        ("1.3", "political", "2019-01-01", "on_track"),
    ]
    assert rows[1]["reason"] == "never_assessed"
    today = results(api, "quadrant-matrix", history)
    assert [(r["code"], r["quadrant"], r["status"]) for r in today] == [
        ("1.1", "symbolic", "at_risk"),
        ("1.2", "political", "not_started"),
        ("1.3", "political", "at_risk"),
    ]


def test_an_output_recorded_after_d_counts_with_the_status_it_was_first_recorded_with(
    api, history, outcome
):
    # 1.3 was entered after D (on track), assessed as of 2019-01-01, and is at risk since.
    matrix = results(api, "quadrant-matrix", history, on=D)
    by_quadrant = results(api, "status-by-quadrant", history, on=D)
    headline = results(api, "headline", history, on=D)

    assert [(r["code"], r["status"]) for r in matrix if r["code"] == "1.3"] == [("1.3", "on_track")]
    assert {r["quadrant"]: nonzero(r["counts"]) for r in by_quadrant}["political"] == {
        "on_track": 1
    }
    assert (headline["outputs"], headline["on_track"]) == (3, 2)
    # Entered after D with no assessment at all: it counts, as never assessed by D.
    OutputFactory(outcome=outcome, code="1.4", status="not_started")
    headline = results(api, "headline", history, on=D)
    assert (headline["outputs"], headline["unassessed_outputs"]) == (4, 2)


def test_status_by_quadrant_counts_the_statuses_recorded_at_d(api, history):
    rows = results(api, "status-by-quadrant", history, on=D)

    assert {r["quadrant"]: nonzero(r["counts"]) for r in rows if r["total"]} == {
        "administrative": {"on_track": 1},
        "political": {"on_track": 1},
        "unclassified": {"not_started": 1},
    }


def test_the_strategies_list_the_outputs_in_each_quadrant_at_d(api, history):
    rows = results(api, "quadrant-strategies", history, on=D)

    assert {r["quadrant"]: [o["code"] for o in r["outputs"]] for r in rows} == {
        "administrative": ["1.1"],
        "political": ["1.3"],
        "experimental": [],
        "symbolic": [],
    }


def test_the_obstacle_counts_are_of_the_obstacles_open_on_d(api, history, cause):
    by_severity = results(api, "obstacles-by-severity", history, on=D)
    by_cause = results(api, "obstacles-by-cause", history, on=D)
    by_dimension = results(api, "obstacles-by-dimension", history, on=D)

    assert {r["severity"]: r["count"] for r in by_severity if r["count"]} == {4: 1, 5: 1}
    assert [r["count"] for r in by_cause] == [2]
    assert {r["dimension"]: r["count"] for r in by_dimension if r["count"]} == {cause.dimension: 2}
    # Today: the one identified in 2020 and the one recorded in 2020 are open.
    today = results(api, "obstacles-by-severity", history)
    assert {r["severity"]: r["count"] for r in today if r["count"]} == {4: 1, 5: 1}
    resolved = results(api, "obstacles-by-cause", history, on=D, status="resolved")
    assert [r["count"] for r in resolved] == [0]


def test_the_headline_is_as_of_d(api, history):
    assert results(api, "headline", history, on=D) == {
        "on": "2019-12-31",
        "outputs": 3,
        "on_track": 2,
        "on_track_percent": "66.7",
        "open_severe_obstacles": 2,
        "unassessed_outputs": 1,
        "latest_assessment_on": "2019-06-30",
    }


def test_the_grid_places_stakeholders_as_recorded_at_d(api, history):
    rows = results(api, "stakeholder-grid", history, on=D)

    assert [(r["output_code"], r["influence"], r["interest"], r["stance"]) for r in rows] == [
        ("1.1", 2, 3, "neutral"),
        ("1.2", 4, 4, "neutral"),
    ]
    today = results(api, "stakeholder-grid", history)
    assert [(r["output_code"], r["influence"], r["stance"]) for r in today] == [
        ("1.1", 5, "champion"),
        ("1.2", 1, "neutral"),
    ]


def test_an_involvement_recorded_after_d_shows_the_position_it_was_first_recorded_with(
    api, history, outcome
):
    # On 1.2: entered after D with influence 4, lowered to 1 since.
    rows = results(api, "stakeholder-grid", history, on=D)
    assert [r["influence"] for r in rows if r["output_code"] == "1.2"] == [4]
    # Scored when first recorded, unscored before D, scored again since: off the grid at D, as
    # its history held then; the first record only stands in for a record not yet made.
    rescored = InvolvementFactory(
        output=OutputFactory(outcome=outcome, code="1.5"), influence=2, interest=2
    )
    changed_on(date(2019, 1, 1), rescored)
    rescored.influence = rescored.interest = None
    rescored.save()
    changed_on(BEFORE, rescored)
    rescored.influence = rescored.interest = 5
    rescored.save()
    rows = results(api, "stakeholder-grid", history, on=D)
    assert "1.5" not in [r["output_code"] for r in rows]


def test_indicator_progress_counts_the_measurements_of_periods_ended_by_d(api, history):
    [row] = results(api, "indicator-progress", history, on=D)

    assert (row["actual"], row["latest_period_end"]) == ("10.0000", "2019-12-31")


def test_the_trend_ends_at_d(api, history):
    rows = results(api, "quadrant-trend", history, on=D)

    assert rows[-1]["period_end"] == "2019-12-31"
    assert nonzero(rows[-1]["counts"]) == {"administrative": 1, "political": 1, "unclassified": 1}
    earlier = results(api, "quadrant-trend", history, on=D, end="2019-06-30")
    assert earlier[-1]["as_of"] == "2019-06-30"


@pytest.mark.parametrize("name", list(AGGREGATE_VIEWS))
def test_as_of_today_every_endpoint_gives_the_figures_as_they_stand(api, history, name):
    today = timezone.localdate().isoformat()

    assert results(api, name, history, on=today) == results(api, name, history)


def test_the_schema_documents_on_for_every_aggregate(api):
    schema = api.get(reverse("api-schema"), {"format": "json"}).json()
    aggregates = {
        path: operation["get"]
        for path, operation in schema["paths"].items()
        if "/aggregates/" in path
    }

    assert len(aggregates) == 10
    for path, operation in aggregates.items():
        on = [p for p in operation["parameters"] if p["name"] == "on"]
        assert on and on[0]["schema"]["format"] == "date", path
        assert "as of" in on[0]["description"], path


def test_the_portfolio_page_as_of_d_shows_its_table_as_of_d_and_hands_d_to_its_charts(api, history):
    response = api.get(reverse("portfolio-dashboard"), {"on": D.isoformat()})

    [row] = portfolio_rows(response)
    # Outputs, on track, open high-severity obstacles, without an assessment.
    assert row[1:5] == ["3", "66.7%", "2", "1"]
    assert dashboard_config(response)["on"] == "2019-12-31"
    assert 'name="on" id="filter-on" value="2019-12-31"' in response.text
    today = api.get(reverse("portfolio-dashboard"), {"on": "not a date"})
    assert portfolio_rows(today)[0][1:3] == ["3", "0.0%"]
    assert dashboard_config(today)["on"] is None
