"""The quadrant aggregates, checked against hand-counted fixtures: the matrix, statuses by
quadrant, the trend and the strategies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.dashboards.selectors import (
    quadrant_matrix,
    quadrant_strategies,
    quadrant_trend,
    status_by_quadrant,
)
from tests.dashboards.figures import (
    ADMINISTRATIVE,
    EXPERIMENTAL,
    ON,
    POLITICAL,
    QUADRANTS,
    STATUSES,
    SYMBOLIC,
    TOO_FEW,
    assess,
    nonzero,
    only,
)
from tests.factories import OutcomeFactory, OutputFactory, ProgrammeFactory

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
