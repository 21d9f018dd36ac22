"""Reads that aggregate a programme for dashboards and chart-data endpoints.

Every selector takes the programmes the caller may read (optionally narrowed to one outcome),
returns plain data (str codes, Decimal figures, ISO dates) and costs a fixed number of queries
whatever the number of outputs or obstacles.
"""

from __future__ import annotations

from apps.dashboards.selectors.headline import headline_figures, portfolio_headlines
from apps.dashboards.selectors.indicators import indicator_progress
from apps.dashboards.selectors.obstacles import (
    obstacles_by_cause,
    obstacles_by_dimension,
    obstacles_by_severity,
)
from apps.dashboards.selectors.quadrants import (
    quadrant_matrix,
    quadrant_strategies,
    status_by_quadrant,
)
from apps.dashboards.selectors.stakeholders import stakeholder_grid
from apps.dashboards.selectors.trend import quadrant_trend

__all__ = [
    "headline_figures",
    "indicator_progress",
    "obstacles_by_cause",
    "obstacles_by_dimension",
    "obstacles_by_severity",
    "portfolio_headlines",
    "quadrant_matrix",
    "quadrant_strategies",
    "quadrant_trend",
    "stakeholder_grid",
    "status_by_quadrant",
]
