"""Query-count guards: each dashboard selector costs as much for 50 outputs as for 5."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.selectors import programmes_readable_by
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
from tests.dashboards.figures import ADMINISTRATIVE, ON, SYMBOLIC, assess, measure, recorded_on
from tests.factories import IndicatorFactory, InvolvementFactory, OutputFactory

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
    recorded_on(date(2018, 1, 1))  # entered before ON, where the dated figures look


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
        # As of a past date: the history's rows in force are subqueries of the same query.
        pytest.param(quadrant_matrix, {"on": ON}, 1, id="quadrant_matrix-as-of"),
        pytest.param(status_by_quadrant, {"on": ON}, 1, id="status_by_quadrant-as-of"),
        pytest.param(obstacles_by_cause, {"on": ON}, 1, id="obstacles_by_cause-as-of"),
        pytest.param(obstacles_by_dimension, {"on": ON}, 1, id="obstacles_by_dimension-as-of"),
        pytest.param(obstacles_by_severity, {"on": ON}, 1, id="obstacles_by_severity-as-of"),
        pytest.param(stakeholder_grid, {"on": ON}, 1, id="stakeholder_grid-as-of"),
        pytest.param(quadrant_strategies, {"on": ON}, 1, id="quadrant_strategies-as-of"),
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
