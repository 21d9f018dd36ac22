"""Dashboard aggregates (apps.dashboards.selectors), checked against hand-counted fixtures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.selectors import programmes_readable_by
from apps.assessments import matland
from apps.assessments.services import assessment_create
from apps.dashboards.selectors import (
    headline_figures,
    indicator_progress,
    obstacles_by_cause,
    obstacles_by_dimension,
    obstacles_by_severity,
    quadrant_matrix,
    quadrant_strategies,
    quadrant_trend,
    stakeholder_grid,
    status_by_quadrant,
)
from apps.obstacles.services import obstacle_create
from apps.programmes.models import Programme
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleCauseFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    StakeholderFactory,
)

ADMINISTRATIVE = {"A1": 0, "A2": 0, "A3": 0, "C1": 0, "C2": 0, "C3": 0}
POLITICAL = {"A1": 0, "A2": 0, "A3": 0, "C1": 2, "C2": 2, "C3": 2}
EXPERIMENTAL = {"A1": 2, "A2": 2, "A3": 2, "C1": 0, "C2": 0, "C3": 0}
SYMBOLIC = {"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2}
# Two ambiguity items answered: too little evidence to classify, whatever the conflict score.
TOO_FEW = {"A1": 2, "A2": 2, "C1": 0, "C2": 0, "C3": 0}

QUADRANTS = ["administrative", "political", "experimental", "symbolic", "unclassified"]
STATUSES = ["not_started", "on_track", "at_risk", "off_track", "completed", "cancelled"]
ON = date(2020, 6, 30)


def only(*programmes: Programme) -> QuerySet[Programme]:
    """The scope a caller passes: these programmes and no others."""
    return Programme.objects.filter(pk__in=[p.pk for p in programmes])


def assess(output, on: date, items: dict[str, int | None], **kwargs: Any):
    return assessment_create(output=output, assessed_on=on, items=items, **kwargs)


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: count for key, count in counts.items() if count}


def every_figure(scope: QuerySet[Programme], **narrowing: Any) -> dict[str, Any]:
    """What each selector says about the scope, at fixed dates."""
    return {
        "matrix": quadrant_matrix(programmes=scope, **narrowing),
        "status": status_by_quadrant(programmes=scope, **narrowing),
        "causes": obstacles_by_cause(programmes=scope, **narrowing),
        "dimensions": obstacles_by_dimension(programmes=scope, **narrowing),
        "severities": obstacles_by_severity(programmes=scope, **narrowing),
        "indicators": indicator_progress(programmes=scope, on=ON, **narrowing),
        "grid": stakeholder_grid(programmes=scope, **narrowing),
        "trend": quadrant_trend(programmes=scope, end=ON, **narrowing),
        "headline": headline_figures(programmes=scope, on=ON, **narrowing),
        "strategies": quadrant_strategies(programmes=scope, **narrowing),
    }


def nothing_counted(cause) -> dict[str, Any]:
    """every_figure() of a scope with no outputs and no obstacles, with `cause` the taxonomy."""
    return {
        "matrix": [],
        "status": [
            {"quadrant": quadrant, "counts": dict.fromkeys(STATUSES, 0), "total": 0}
            for quadrant in QUADRANTS
        ],
        "causes": [
            {
                "code": cause.code,
                "name_en": cause.name_en,
                "name_id": cause.name_id,
                "dimension": cause.dimension,
                "count": 0,
            }
        ],
        "dimensions": [
            {"dimension": "ambiguity", "name": "Ambiguity", "count": 0},
            {"dimension": "conflict", "name": "Conflict", "count": 0},
            {"dimension": "resources", "name": "Resources", "count": 0},
            {"dimension": "context", "name": "Context", "count": 0},
        ],
        "severities": [
            {"severity": severity, "label": label, "count": 0}
            for severity, label in [*[(n, str(n)) for n in range(1, 6)], (None, "unknown")]
        ],
        "indicators": [],
        "grid": [],
        "trend": [],
        "headline": {
            "on": "2020-06-30",
            "outputs": 0,
            "on_track": 0,
            "on_track_percent": None,
            "open_severe_obstacles": 0,
            "unassessed_outputs": 0,
            "latest_assessment_on": None,
        },
        "strategies": [
            {
                "quadrant": quadrant,
                "name": matland.quadrant_info(quadrant).name_en,
                "principle": matland.quadrant_info(quadrant).principle_en,
                "strategy": matland.quadrant_info(quadrant).strategy_en,
                "outputs": [],
            }
            for quadrant in QUADRANTS[:4]
        ],
    }


@pytest.fixture
def elsewhere(cause):
    """Another programme, full of records that must never reach `programme`'s figures."""
    other = ProgrammeFactory()
    output = OutputFactory(outcome=OutcomeFactory(programme=other), status="on_track")
    assess(output, date(2018, 6, 30), SYMBOLIC)
    obstacle_create(programme=other, title="Elsewhere", cause=cause, severity=5, outputs=[output])
    indicator = IndicatorFactory(output=output, target_value=Decimal("10"))
    MeasurementFactory(indicator=indicator)
    InvolvementFactory(output=output)
    return other


# --------------------------------------------------------------------------------------------
# Empty scope and scoping
# --------------------------------------------------------------------------------------------


def test_an_empty_programme_lists_every_category_with_zero_counts(programme, outcome, cause):
    assert every_figure(only(programme)) == nothing_counted(cause)


def test_a_programme_outside_the_scope_never_counts(programme, outcome, cause, elsewhere):
    assert every_figure(only(programme)) == nothing_counted(cause)


def test_every_programme_in_the_scope_counts(programme, outcome, cause, elsewhere):
    figures = every_figure(only(programme, elsewhere))

    assert [row["programme_code"] for row in figures["matrix"]] == [elsewhere.code]
    assert [row["total"] for row in figures["status"]] == [0, 0, 0, 1, 0]
    assert [row["count"] for row in figures["causes"]] == [1]
    assert [row["programme_code"] for row in figures["indicators"]] == [elsewhere.code]
    assert [row["programme_code"] for row in figures["grid"]] == [elsewhere.code]
    assert figures["headline"]["open_severe_obstacles"] == 1


def test_a_members_scope_leaves_out_programmes_she_holds_no_role_in(
    programme, outcome, cause, elsewhere, alice
):
    assert every_figure(programmes_readable_by(user=alice)) == nothing_counted(cause)


def test_an_outcome_of_a_programme_outside_the_scope_gives_nothing(
    programme, outcome, cause, elsewhere
):
    foreign = elsewhere.outcomes.get()

    figures = every_figure(only(programme), outcome=foreign)

    assert figures == nothing_counted(cause)


# --------------------------------------------------------------------------------------------
# quadrant_matrix
# --------------------------------------------------------------------------------------------


def test_matrix_places_an_output_by_its_latest_assessment(programme, outcome):
    output = OutputFactory(outcome=outcome, code="1.1", title="Border control", status="at_risk")
    # Created newest-first, so the latest by date is not the latest inserted row.
    assess(output, date(2020, 6, 30), POLITICAL, is_illustrative=True)
    assess(output, date(2019, 6, 30), SYMBOLIC)

    assert quadrant_matrix(programmes=only(programme)) == [
        {
            "id": output.pk,
            "programme_code": programme.code,
            "outcome_code": outcome.code,
            "code": "1.1",
            "title": "Border control",
            "status": "at_risk",
            "is_illustrative": False,
            "ambiguity": Decimal("0"),
            "conflict": Decimal("1"),
            "ambiguity_threshold": Decimal("0.5"),
            "conflict_threshold": Decimal("0.5"),
            "quadrant": "political",
            "borderline": False,
            "assessed_on": "2020-06-30",
            "assessment_is_illustrative": True,
            "reason": None,
            # The output's workspace page, which the matrix and the lists link to.
            "url": f"/p/{programme.code}/outputs/{output.pk}/",
        }
    ]


def test_matrix_carries_each_programmes_thresholds_and_the_borderline_flag(db):
    strict = ProgrammeFactory(
        ambiguity_threshold=Decimal("0.25"), conflict_threshold=Decimal("0.75")
    )
    output = OutputFactory(outcome=OutcomeFactory(programme=strict))
    # Ambiguity 2/6 is just above 0.25, conflict 5/6 just above 0.75: symbolic, borderline.
    assess(output, ON, {"A1": 1, "A2": 0, "A3": 1, "C1": 2, "C2": 2, "C3": 1})

    [row] = quadrant_matrix(programmes=only(strict))

    assert (row["ambiguity_threshold"], row["conflict_threshold"]) == (
        Decimal("0.25"),
        Decimal("0.75"),
    )
    assert (row["ambiguity"], row["conflict"]) == (Decimal("0.3333"), Decimal("0.8333"))
    assert (row["quadrant"], row["borderline"]) == ("symbolic", True)


def test_matrix_says_why_an_output_is_unclassified(programme, outcome):
    OutputFactory(outcome=outcome, code="1.1")
    sparse = OutputFactory(outcome=outcome, code="1.2")
    assess(sparse, date(2018, 6, 30), ADMINISTRATIVE)
    assess(sparse, date(2019, 6, 30), TOO_FEW, is_illustrative=False)

    rows = {row["code"]: row for row in quadrant_matrix(programmes=only(programme))}

    never, too_few = rows["1.1"], rows["1.2"]
    assert (never["quadrant"], never["reason"]) == ("unclassified", "never_assessed")
    assert (never["ambiguity"], never["conflict"], never["borderline"]) == (None, None, False)
    assert (never["assessed_on"], never["assessment_is_illustrative"]) == (None, None)
    # The older classified assessment does not count: the latest one lacks answers.
    assert (too_few["quadrant"], too_few["reason"]) == ("unclassified", "too_few_answers")
    assert (too_few["ambiguity"], too_few["conflict"]) == (None, Decimal("0"))
    assert (too_few["assessed_on"], too_few["assessment_is_illustrative"]) == (
        "2019-06-30",
        False,
    )


def test_matrix_lists_outputs_by_programme_outcome_order_and_code(programme, outcome):
    later = OutcomeFactory(programme=programme, order=2)
    outcome.order = 1
    outcome.save()
    OutputFactory(outcome=later, code="1.1")
    OutputFactory(outcome=outcome, code="2.2")
    OutputFactory(outcome=outcome, code="2.1")

    codes = [row["code"] for row in quadrant_matrix(programmes=only(programme))]

    assert codes == ["2.1", "2.2", "1.1"]


# --------------------------------------------------------------------------------------------
# status_by_quadrant
# --------------------------------------------------------------------------------------------


def test_status_by_quadrant_counts_outputs_per_current_quadrant_and_status(programme, outcome):
    def output(code: str, status: str, *assessments: tuple[date, dict]) -> None:
        made = OutputFactory(outcome=outcome, code=code, status=status)
        for on, items in assessments:
            assess(made, on, items)

    output("1.1", "on_track", (date(2019, 1, 1), ADMINISTRATIVE))
    output("1.2", "at_risk", (date(2019, 1, 1), ADMINISTRATIVE))
    output("1.3", "on_track", (date(2019, 1, 1), ADMINISTRATIVE), (date(2020, 1, 1), SYMBOLIC))
    output("1.4", "not_started")
    output("1.5", "cancelled", (date(2019, 1, 1), TOO_FEW))

    rows = status_by_quadrant(programmes=only(programme))

    assert [row["quadrant"] for row in rows] == QUADRANTS
    assert all(list(row["counts"]) == STATUSES for row in rows)
    assert {row["quadrant"]: nonzero(row["counts"]) for row in rows} == {
        "administrative": {"on_track": 1, "at_risk": 1},
        "political": {},
        "experimental": {},
        "symbolic": {"on_track": 1},
        "unclassified": {"not_started": 1, "cancelled": 1},
    }
    assert [row["total"] for row in rows] == [2, 0, 0, 1, 2]


# --------------------------------------------------------------------------------------------
# obstacles_by_cause / _dimension / _severity
# --------------------------------------------------------------------------------------------


@pytest.fixture
def register(programme, outcome, cause):
    """Obstacles of every status, on one output, two outputs, another outcome, or none."""
    turf = ObstacleCauseFactory(
        code="TURF",
        name_en="Overlapping mandates",
        name_id="Tumpang tindih kewenangan",
        dimension="conflict",
        items=["C3"],
    )
    ObstacleCauseFactory(code="BUDGET", name_en="Budget", name_id="Anggaran", dimension="resources")
    first = OutputFactory(outcome=outcome, code="1.1")
    second = OutputFactory(outcome=outcome, code="1.2")
    beyond = OutputFactory(outcome=OutcomeFactory(programme=programme), code="2.1")

    def obstacle(title, cause, severity, status="open", outputs=()):
        obstacle_create(
            programme=programme,
            title=title,
            cause=cause,
            severity=severity,
            status=status,
            outputs=outputs,
        )

    obstacle("Goals unclear", cause, 5, outputs=[first, second])
    obstacle("Targets vague", cause, None, status="mitigating", outputs=[first])
    obstacle("Settled", cause, 5, status="resolved", outputs=[first])
    obstacle("Turf war", turf, 4, outputs=[beyond])
    obstacle("Programme-wide", turf, 2)
    obstacle("Lived with", turf, 1, status="accepted", outputs=[second])


def cause_counts(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["code"], row["count"]) for row in rows]


def test_obstacles_by_cause_counts_unresolved_obstacles_for_every_cause(programme, register):
    rows = obstacles_by_cause(programmes=only(programme))

    assert cause_counts(rows) == [("BUDGET", 0), ("GOAL_UNCLEAR", 2), ("TURF", 2)]
    assert rows[2] == {
        "code": "TURF",
        "name_en": "Overlapping mandates",
        "name_id": "Tumpang tindih kewenangan",
        "dimension": "conflict",
        "count": 2,
    }


def test_obstacles_by_cause_counts_the_statuses_asked_for(programme, register):
    scope = only(programme)

    every = obstacles_by_cause(programmes=scope, statuses=None)
    closed = obstacles_by_cause(programmes=scope, statuses=("resolved", "accepted"))

    assert cause_counts(every) == [("BUDGET", 0), ("GOAL_UNCLEAR", 3), ("TURF", 3)]
    assert cause_counts(closed) == [("BUDGET", 0), ("GOAL_UNCLEAR", 1), ("TURF", 1)]


def test_obstacles_of_an_outcome_are_those_on_its_outputs_each_counted_once(
    programme, outcome, register
):
    scope = only(programme)

    unresolved = obstacles_by_cause(programmes=scope, outcome=outcome)
    every = obstacles_by_cause(programmes=scope, outcome=outcome, statuses=None)
    dimensions = obstacles_by_dimension(programmes=scope, outcome=outcome)
    severities = obstacles_by_severity(programmes=scope, outcome=outcome)

    # "Goals unclear" hinders two of the outcome's outputs and still counts once.
    assert cause_counts(unresolved) == [("BUDGET", 0), ("GOAL_UNCLEAR", 2), ("TURF", 0)]
    assert cause_counts(every) == [("BUDGET", 0), ("GOAL_UNCLEAR", 3), ("TURF", 1)]
    assert [(row["dimension"], row["count"]) for row in dimensions] == [
        ("ambiguity", 2),
        ("conflict", 0),
        ("resources", 0),
        ("context", 0),
    ]
    assert [(row["label"], row["count"]) for row in severities] == [
        ("1", 0),
        ("2", 0),
        ("3", 0),
        ("4", 0),
        ("5", 1),
        ("unknown", 1),
    ]


def test_obstacles_by_dimension_lists_all_four_dimensions(programme, register):
    rows = obstacles_by_dimension(programmes=only(programme))

    assert rows == [
        {"dimension": "ambiguity", "name": "Ambiguity", "count": 2},
        {"dimension": "conflict", "name": "Conflict", "count": 2},
        {"dimension": "resources", "name": "Resources", "count": 0},
        {"dimension": "context", "name": "Context", "count": 0},
    ]


def test_obstacles_by_severity_counts_each_level_and_the_unknown(programme, register):
    scope = only(programme)

    unresolved = obstacles_by_severity(programmes=scope)
    every = obstacles_by_severity(programmes=scope, statuses=None)

    assert [(row["severity"], row["count"]) for row in unresolved] == [
        (1, 0),
        (2, 1),
        (3, 0),
        (4, 1),
        (5, 1),
        (None, 1),
    ]
    assert [row["count"] for row in every] == [1, 1, 0, 1, 2, 1]
    assert unresolved[-1]["label"] == "unknown"


# --------------------------------------------------------------------------------------------
# indicator_progress
# --------------------------------------------------------------------------------------------


def measure(indicator, year: int, value: str) -> None:
    MeasurementFactory(
        indicator=indicator,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        value=Decimal(value),
    )


def test_indicator_progress_measures_a_decreasing_level_against_its_timeline(programme, outcome):
    output = OutputFactory(outcome=outcome, code="1.1")
    prevalence = IndicatorFactory(
        output=output,
        code="PREV",
        name="Drug-use prevalence",
        unit="%",
        measure="percentage",
        aggregation="latest",
        direction="decrease",
        baseline_value=Decimal("40"),
        baseline_date=date(2018, 1, 1),
        target_value=Decimal("20"),
        target_date=date(2020, 1, 1),
        is_illustrative=True,
    )
    measure(prevalence, 2019, "25")
    measure(prevalence, 2018, "30")
    measure(prevalence, 2020, "10")  # ends after the date asked about: not yet counted

    rows = indicator_progress(programmes=only(programme), on=date(2020, 1, 1))

    # 40 -> 25 is three quarters of the way to 20, with the whole timeline elapsed.
    assert rows == [
        {
            "id": prevalence.pk,
            "code": "PREV",
            "name": "Drug-use prevalence",
            "unit": "%",
            "output_code": "1.1",
            "programme_code": programme.code,
            "measure": "percentage",
            "direction": "decrease",
            "aggregation": "latest",
            "baseline": Decimal("40"),
            "target": Decimal("20"),
            "actual": Decimal("25"),
            "achievement": Decimal("0.75"),
            "expected": Decimal("1"),
            "band": "below",
            "latest_period_end": "2019-12-31",
            "is_illustrative": True,
        }
    ]


def test_indicator_progress_sums_a_flow_halfway_through_and_leaves_blanks_unmeasured(
    programme, outcome
):
    output = OutputFactory(outcome=outcome, code="1.1")
    seized = IndicatorFactory(
        output=output,
        code="SEIZED",
        aggregation="sum",
        baseline_value=Decimal("0"),
        baseline_date=date(2018, 1, 1),
        target_value=Decimal("100"),
        target_date=date(2020, 1, 1),
    )
    measure(seized, 2018, "30")
    measure(seized, 2019, "20")
    unmeasured = IndicatorFactory(output=output, code="TRAINED", target_value=Decimal("10"))

    rows = {row["code"]: row for row in indicator_progress(programmes=only(programme), on=ON)}

    # 30 + 20 of 100 at a date past the target: half achieved where all was expected.
    assert (rows["SEIZED"]["actual"], rows["SEIZED"]["achievement"]) == (
        Decimal("50"),
        Decimal("0.5"),
    )
    assert (rows["SEIZED"]["band"], rows["SEIZED"]["latest_period_end"]) == (
        "below",
        "2019-12-31",
    )
    assert rows["TRAINED"]["id"] == unmeasured.pk
    assert (rows["TRAINED"]["actual"], rows["TRAINED"]["band"]) == (None, None)
    assert rows["TRAINED"]["latest_period_end"] is None


def test_indicator_progress_of_an_outcome_leaves_out_other_outcomes(programme, outcome):
    IndicatorFactory(output=OutputFactory(outcome=outcome), code="MINE")
    IndicatorFactory(output=OutputFactory(outcome=OutcomeFactory(programme=programme)), code="NOT")

    rows = indicator_progress(programmes=only(programme), outcome=outcome, on=ON)

    assert [row["code"] for row in rows] == ["MINE"]


# --------------------------------------------------------------------------------------------
# stakeholder_grid
# --------------------------------------------------------------------------------------------


def test_stakeholder_grid_places_every_scored_involvement(programme, outcome):
    bnn = StakeholderFactory(name="National Narcotics Board", acronym="BNN", kind="government")
    kpk = StakeholderFactory(name="Corruption Eradication Commission", acronym="KPK")
    first = OutputFactory(outcome=outcome, code="1.1")
    beyond = OutputFactory(outcome=OutcomeFactory(programme=programme), code="2.1")
    InvolvementFactory(
        stakeholder=bnn, output=first, role="lead", influence=5, interest=4, stance="champion"
    )
    InvolvementFactory(
        stakeholder=kpk, output=beyond, influence=2, interest=5, stance="", is_illustrative=True
    )
    InvolvementFactory(
        stakeholder=kpk, output=None, programme=programme, role="oversight", influence=4
    )
    # Not scored on both axes, so it has no place on the grid.
    InvolvementFactory(stakeholder=bnn, output=beyond, role="consulted", influence=None)
    InvolvementFactory(stakeholder=bnn, output=first, role="donor", interest=None)

    grid = stakeholder_grid(programmes=only(programme))
    narrowed = stakeholder_grid(programmes=only(programme), outcome=outcome)

    assert [(p["acronym"], p["output_code"], p["role"]) for p in grid] == [
        ("KPK", None, "oversight"),
        ("BNN", "1.1", "lead"),
        ("KPK", "2.1", "implementing_partner"),
    ]
    assert grid[1] == {
        "stakeholder_id": bnn.pk,
        "acronym": "BNN",
        "name": "National Narcotics Board",
        "kind": "government",
        "output_code": "1.1",
        "programme_code": programme.code,
        "role": "lead",
        "influence": 5,
        "interest": 4,
        "stance": "champion",
        "is_illustrative": False,
    }
    assert (grid[2]["stance"], grid[2]["is_illustrative"]) == (None, True)
    assert narrowed == [grid[1]]


# --------------------------------------------------------------------------------------------
# quadrant_trend
# --------------------------------------------------------------------------------------------


def test_trend_follows_outputs_from_year_to_year(programme, outcome):
    moving = OutputFactory(outcome=outcome, code="1.1")
    assess(moving, date(2018, 6, 30), ADMINISTRATIVE)
    assess(moving, date(2019, 3, 31), POLITICAL)
    assess(moving, date(2020, 12, 31), SYMBOLIC)  # on a period end: counts for that period
    sparse = OutputFactory(outcome=outcome, code="1.2")
    assess(sparse, date(2019, 9, 30), EXPERIMENTAL)
    assess(sparse, date(2020, 6, 30), TOO_FEW)
    OutputFactory(outcome=outcome, code="1.3")  # never assessed

    points = quadrant_trend(programmes=only(programme), period="year", end=date(2021, 12, 31))

    assert [(p["period"], p["period_end"], p["as_of"]) for p in points] == [
        ("2018", "2018-12-31", "2018-12-31"),
        ("2019", "2019-12-31", "2019-12-31"),
        ("2020", "2020-12-31", "2020-12-31"),
        ("2021", "2021-12-31", "2021-12-31"),
    ]
    assert [nonzero(p["counts"]) for p in points] == [
        {"administrative": 1, "unclassified": 2},
        {"political": 1, "experimental": 1, "unclassified": 1},
        {"symbolic": 1, "unclassified": 2},
        {"symbolic": 1, "unclassified": 2},
    ]
    assert all(list(p["counts"]) == QUADRANTS and p["total"] == 3 for p in points)


def test_quarterly_trend_starts_where_asked_and_counts_the_running_quarter_at_its_end(
    programme, outcome
):
    output = OutputFactory(outcome=outcome)
    assess(output, date(2019, 2, 15), ADMINISTRATIVE)
    assess(output, date(2019, 8, 1), SYMBOLIC)

    points = quadrant_trend(
        programmes=only(programme),
        period="quarter",
        start=date(2018, 12, 1),
        end=date(2019, 8, 15),
    )

    assert [(p["period"], p["period_end"], p["as_of"]) for p in points] == [
        ("2018-Q4", "2018-12-31", "2018-12-31"),
        ("2019-Q1", "2019-03-31", "2019-03-31"),
        ("2019-Q2", "2019-06-30", "2019-06-30"),
        ("2019-Q3", "2019-09-30", "2019-08-15"),
    ]
    assert [nonzero(p["counts"]) for p in points] == [
        {"unclassified": 1},
        {"administrative": 1},
        {"administrative": 1},
        {"symbolic": 1},
    ]


def test_trend_starts_at_the_first_assessment_and_ends_today_by_default(programme, outcome):
    output = OutputFactory(outcome=outcome)
    today = timezone.localdate()
    assess(output, date(today.year - 2, 7, 1), POLITICAL)

    points = quadrant_trend(programmes=only(programme))

    assert [p["period"] for p in points] == [str(today.year - n) for n in (2, 1, 0)]
    assert points[-1]["as_of"] == today.isoformat()
    assert [p["counts"]["political"] for p in points] == [1, 1, 1]


def test_trend_of_never_assessed_outputs_or_an_empty_range_is_empty(programme, outcome):
    output = OutputFactory(outcome=outcome)
    scope = only(programme)
    unassessed = quadrant_trend(programmes=scope, end=ON)
    assess(output, date(2019, 1, 1), ADMINISTRATIVE)

    assert unassessed == []
    assert quadrant_trend(programmes=scope, end=date(2018, 12, 31)) == []


def test_trend_refuses_an_unknown_period(programme):
    with pytest.raises(ValueError, match="period"):
        quadrant_trend(programmes=only(programme), period="month")


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


# --------------------------------------------------------------------------------------------
# quadrant_strategies
# --------------------------------------------------------------------------------------------


def test_strategies_name_each_quadrant_and_its_outputs_in_english_and_indonesian(
    programme, outcome
):
    border = OutputFactory(outcome=outcome, code="1.1", title="Border control")
    assess(border, date(2019, 1, 1), ADMINISTRATIVE)
    coalition = OutputFactory(outcome=outcome, code="1.2", title="Community coalitions")
    assess(coalition, date(2019, 1, 1), SYMBOLIC)
    moved = OutputFactory(outcome=outcome, code="1.3", title="Court records")
    assess(moved, date(2019, 1, 1), SYMBOLIC)
    assess(moved, date(2020, 1, 1), ADMINISTRATIVE)
    OutputFactory(outcome=outcome, code="1.4")  # never assessed: in no quadrant
    assess(OutputFactory(outcome=outcome, code="1.5"), date(2019, 1, 1), TOO_FEW)

    english = quadrant_strategies(programmes=only(programme), language="en")
    indonesian = quadrant_strategies(programmes=only(programme), language="id")

    assert [(s["quadrant"], s["name"], s["principle"]) for s in english] == [
        ("administrative", "Administrative implementation", "Resources"),
        ("political", "Political implementation", "Power"),
        ("experimental", "Experimental implementation", "Contextual conditions"),
        ("symbolic", "Symbolic implementation", "Coalition strength"),
    ]
    assert [(s["name"], s["principle"]) for s in indonesian] == [
        ("Implementasi administratif", "Sumber daya"),
        ("Implementasi politik", "Kekuasaan"),
        ("Implementasi eksperimental", "Kondisi kontekstual"),
        ("Implementasi simbolis", "Kekuatan koalisi"),
    ]
    assert english[0]["strategy"].startswith("Secure adequate resources")
    assert indonesian[0]["strategy"].startswith("Pastikan sumber daya")
    assert [[o["code"] for o in s["outputs"]] for s in english] == [["1.1", "1.3"], [], [], ["1.2"]]
    assert english[3]["outputs"] == [
        {
            "id": coalition.pk,
            "programme_code": programme.code,
            "code": "1.2",
            "title": "Community coalitions",
            "url": f"/p/{programme.code}/outputs/{coalition.pk}/",
        }
    ]
    assert [s["outputs"] for s in indonesian] == [s["outputs"] for s in english]


# --------------------------------------------------------------------------------------------
# Outcome narrowing across the quadrant selectors
# --------------------------------------------------------------------------------------------


def test_an_outcome_narrows_every_output_figure_to_its_own_outputs(programme, outcome):
    mine = OutputFactory(outcome=outcome, code="1.1", status="on_track")
    assess(mine, date(2019, 1, 1), POLITICAL)
    other = OutputFactory(outcome=OutcomeFactory(programme=programme), code="2.1")
    assess(other, date(2019, 1, 1), SYMBOLIC)
    scope = only(programme)

    figures = every_figure(scope, outcome=outcome)

    assert [row["code"] for row in figures["matrix"]] == ["1.1"]
    assert [row["total"] for row in figures["status"]] == [0, 1, 0, 0, 0]
    assert [nonzero(p["counts"]) for p in figures["trend"]] == [{"political": 1}] * 2
    assert (figures["headline"]["outputs"], figures["headline"]["on_track_percent"]) == (
        1,
        Decimal("100.0"),
    )
    assert [len(s["outputs"]) for s in figures["strategies"]] == [0, 1, 0, 0]
    assert [row["total"] for row in status_by_quadrant(programmes=scope)] == [0, 1, 0, 1, 0]


# --------------------------------------------------------------------------------------------
# Query-count guards
# --------------------------------------------------------------------------------------------


def populate(outcome, cause, count: int) -> None:
    """`count` outputs, each assessed twice, measured, hindered, and with a stakeholder."""
    for _ in range(count):
        output = OutputFactory(outcome=outcome, status="on_track")
        assess(output, date(2018, 6, 30), ADMINISTRATIVE)
        assess(output, date(2019, 6, 30), SYMBOLIC)
        indicator = IndicatorFactory(output=output, target_value=Decimal("100"))
        measure(indicator, 2018, "10")
        measure(indicator, 2019, "20")
        obstacle_create(
            programme=outcome.programme,
            title=f"Obstacle of {output.code}",
            cause=cause,
            severity=4,
            outputs=[output],
        )
        InvolvementFactory(output=output)


@pytest.mark.parametrize(
    ("selector", "options", "queries"),
    [
        pytest.param(quadrant_matrix, {}, 1, id="quadrant_matrix"),
        pytest.param(status_by_quadrant, {}, 1, id="status_by_quadrant"),
        pytest.param(obstacles_by_cause, {}, 1, id="obstacles_by_cause"),
        pytest.param(obstacles_by_dimension, {}, 1, id="obstacles_by_dimension"),
        pytest.param(obstacles_by_severity, {}, 1, id="obstacles_by_severity"),
        # Outputs, then indicators with their outputs, then all their measurements.
        pytest.param(indicator_progress, {"on": ON}, 3, id="indicator_progress"),
        pytest.param(stakeholder_grid, {}, 1, id="stakeholder_grid"),
        pytest.param(quadrant_trend, {"period": "quarter", "end": ON}, 1, id="quadrant_trend"),
        # Output totals, the latest assessment date, severe obstacles.
        pytest.param(headline_figures, {"on": ON}, 3, id="headline_figures"),
        pytest.param(quadrant_strategies, {}, 1, id="quadrant_strategies"),
    ],
)
def test_each_selector_costs_the_same_queries_for_5_outputs_as_for_50(
    programme, outcome, cause, alice, selector, options, queries
):
    scope = programmes_readable_by(user=alice)

    def figures_and_queries() -> list[tuple[Any, int]]:
        measured = []
        for narrowing in ({}, {"outcome": outcome}):
            with CaptureQueriesContext(connection) as captured:
                figures = selector(programmes=scope, **narrowing, **options)
            measured.append((figures, len(captured)))
        return measured

    populate(outcome, cause, 5)
    few = figures_and_queries()
    populate(outcome, cause, 45)
    many = figures_and_queries()

    assert [count for _, count in few + many] == [queries] * 4
    # The figures grew with the data, so the second calls did read all 50.
    assert all(small != large for (small, _), (large, _) in zip(few, many, strict=True))
