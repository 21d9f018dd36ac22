"""Each aggregate endpoint a dashboard calls gives the selectors' numbers, for a programme and for
a sub-programme."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from apps.dashboards import selectors
from apps.dashboards.views import CHARTS
from apps.programmes.models import Programme
from tests.dashboards.dashboard_data import add_outputs
from tests.dashboards.pages import BESIDE_THE_CHARTS, dashboard_requests
from tests.factories import ObstacleCauseFactory, OutcomeFactory, OutputFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------------------------
# The endpoints give the selectors' numbers
# --------------------------------------------------------------------------------------------


def like(api: Any, selected: Any) -> Any:
    """The API's JSON in the selector's types (decimals travel as strings), to compare with it."""
    if isinstance(api, dict) and isinstance(selected, dict):
        return {key: like(value, selected.get(key)) for key, value in api.items()}
    if isinstance(api, list) and isinstance(selected, list) and len(api) == len(selected):
        return [like(a, s) for a, s in zip(api, selected, strict=True)]
    if isinstance(api, str) and isinstance(selected, Decimal):
        return Decimal(api)
    return api


@pytest.fixture
def filled(programme, outcome, bob, cause):
    """A programme with every kind of figure, in two sub-programmes, beside one bob cannot read."""
    ObstacleCauseFactory(code="TURF", name_en="Turf", name_id="Wilayah", dimension="conflict")
    other = OutcomeFactory(programme=programme, code="SUB-B")
    add_outputs(programme, 6, cause=cause, outcome=outcome)
    add_outputs(programme, 2, cause=cause, outcome=other)
    OutputFactory(outcome=other, status="completed")
    add_outputs(ProgrammeFactory(), 3, cause=cause)
    return programme


def selected_figures(name: str, programme: Programme, outcome: Any) -> Any:
    """What the selector behind `name` says, called as the endpoint calls it by default."""
    scope = {"programmes": Programme.objects.filter(pk=programme.pk), "outcome": outcome}
    if name == "quadrant-trend":
        return selectors.quadrant_trend(**scope, period="year")
    if name == "quadrant-strategies":
        return selectors.quadrant_strategies(**scope, language="en")
    return {
        "quadrant-matrix": selectors.quadrant_matrix,
        "status-by-quadrant": selectors.status_by_quadrant,
        "obstacles-by-cause": selectors.obstacles_by_cause,
        "obstacles-by-dimension": selectors.obstacles_by_dimension,
        "obstacles-by-severity": selectors.obstacles_by_severity,
        "indicator-progress": selectors.indicator_progress,
        "stakeholder-grid": selectors.stakeholder_grid,
        "headline": selectors.headline_figures,
    }[name](**scope)


@pytest.mark.parametrize("narrowed", [False, True], ids=["programme", "sub-programme"])
@pytest.mark.parametrize("name", CHARTS + BESIDE_THE_CHARTS)
def test_each_endpoint_the_dashboard_calls_gives_the_selectors_figures(
    client, bob, filled, outcome, name, narrowed
):
    client.force_login(bob)
    scope_outcome = outcome if narrowed else None
    url = dashboard_requests(filled, outcome=outcome.pk if narrowed else None)[name]

    response = client.get(url, HTTP_ACCEPT="application/json")
    selected = selected_figures(name, filled, scope_outcome)

    assert response.status_code == 200
    assert selected, f"{name}: nothing to compare"
    assert like(response.json()["results"], selected) == selected
