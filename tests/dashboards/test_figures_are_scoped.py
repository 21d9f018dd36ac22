"""Dashboard aggregates (apps.dashboards.selectors) count the programmes in their scope only, and
an outcome narrows them to its own outputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.accounts.selectors import programmes_readable_by
from apps.dashboards.selectors import status_by_quadrant
from apps.obstacles.services import obstacle_create
from tests.dashboards.figures import (
    POLITICAL,
    SYMBOLIC,
    assess,
    every_figure,
    nonzero,
    nothing_counted,
    only,
    recorded_on,
)
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
)


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
    recorded_on(date(2018, 1, 1))  # so it stands at every date asked about
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
# Outcome narrowing across the quadrant selectors
# --------------------------------------------------------------------------------------------


def test_an_outcome_narrows_every_output_figure_to_its_own_outputs(programme, outcome):
    mine = OutputFactory(outcome=outcome, code="1.1", status="on_track")
    assess(mine, date(2019, 1, 1), POLITICAL)
    other = OutputFactory(outcome=OutcomeFactory(programme=programme), code="2.1")
    assess(other, date(2019, 1, 1), SYMBOLIC)
    recorded_on(date(2018, 1, 1))
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
