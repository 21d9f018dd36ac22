"""Indicator progress and the stakeholder grid, checked against hand-counted fixtures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.dashboards.selectors import indicator_progress, stakeholder_grid
from tests.dashboards.figures import ON, measure, only
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    OutcomeFactory,
    OutputFactory,
    StakeholderFactory,
)

# --------------------------------------------------------------------------------------------
# indicator_progress
# --------------------------------------------------------------------------------------------


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
