"""Query-count guards: every list and aggregate of the API costs as much for 50 rows as for 5.

The endpoints come from the v1 router and the aggregate table themselves, so a route added
later is guarded without anyone remembering to add it here. Each case builds 5 "units" of the
portfolio (one of every kind of record, each with the related data its representation shows:
an output with a lead stakeholder, a source, an indicator with two measurements and a target,
an assessment citing evidence, an involvement, an obstacle with its cause and links, and a
programme, membership and token of the reader), counts the queries of one request, builds 45
more units and counts again. Lists are read with `?page_size=100` so every row is serialised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import count
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from apps.assessments.services import assessment_create
from apps.dashboards.api.views import AGGREGATE_VIEWS
from config.api_urls import router
from tests.factories import (
    ApiTokenFactory,
    EvidenceFactory,
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleCauseFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
    UserFactory,
)
from tests.query_counts import RecordQueries

# Also what makes pytest-django create the test database for the module-scoped fixture below.
pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50
LIST_PATHS = [f"/api/v1/{prefix}/?page_size=100" for prefix, _, _ in router.registry]
AGGREGATE_PATHS = [f"/api/v1/aggregates/{name}/" for name in AGGREGATE_VIEWS]
SERIAL = count(1)


def add_unit(world: SimpleNamespace) -> None:
    """One record of every kind the API lists, in the reader's programme, fully linked."""
    n = next(SERIAL)
    source = SourceFactory()
    evidence = EvidenceFactory(source=source)
    lead = StakeholderFactory(parent=world.ministry)
    lead.sources.add(source)

    outcome = OutcomeFactory(programme=world.programme, order=n)
    outcome.sources.add(source)
    output = OutputFactory(outcome=outcome, lead=lead, status="on_track")
    output.sources.add(source)
    indicator = IndicatorFactory(
        output=output, baseline_value=Decimal("0"), target_value=Decimal("100"),
        target_date=date(2020, 12, 31),
    )  # fmt: skip
    indicator.sources.add(source)
    TargetFactory(indicator=indicator)
    for year in (2018, 2019):
        MeasurementFactory(
            indicator=indicator, period_start=date(year, 1, 1), period_end=date(year, 12, 31),
            value=Decimal(year - 2000), evidence=evidence, recorded_by=world.reader,
        )  # fmt: skip
    # Two dates, so the current assessment and the trend have a history to choose from.
    for assessed_on, items in (
        (date(2018, 3, 31), {"a1": 2, "a2": 2, "a3": 2}),
        (date(2019, 9, 30), {"a1": 0, "a2": 1, "a3": 0, "c1": 2, "c2": 2, "c3": 1}),
    ):
        assessment_create(
            actor=world.reader, output=output, assessed_on=assessed_on, items=items,
            evidence=[evidence],
        )  # fmt: skip
    involvement = InvolvementFactory(output=output, stakeholder=lead, influence=1 + n % 5)
    involvement.sources.add(source)

    cause = ObstacleCauseFactory(code=f"CAUSE_{n}", dimension=("ambiguity", "conflict")[n % 2])
    obstacle = ObstacleFactory(
        programme=world.programme, cause=cause, severity=1 + n % 5, owner=world.reader
    )
    obstacle.outputs.add(output)
    obstacle.stakeholders.add(lead, world.ministry)
    obstacle.evidence.add(evidence)
    obstacle.sources.add(source)

    elsewhere = ProgrammeFactory()
    elsewhere.sources.add(source)
    MembershipFactory(user=world.reader, programme=elsewhere, role="viewer")
    ApiTokenFactory(user=world.reader)


@dataclass
class Cost:
    """What one endpoint cost with few and with many units, or why it could not be measured."""

    few: int = 0
    many: int = 0
    rows: tuple[int, int] = (0, 0)
    grows: bool = False  # a paginated list whose count rose with the units
    error: str = ""


def queries_of(api: APIClient, path: str) -> tuple[int, object]:
    with RecordQueries(connection) as captured:
        response = api.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.content!r}"
    return len(captured.captured_queries), response.json()


def rows_of(body: object) -> int:
    if isinstance(body, dict) and "count" in body:
        # A list: every row must be on this one page, or the count would prove nothing.
        assert body["count"] == len(body["results"]), "raise page_size: rows were left off"
        return body["count"]
    results = body["results"] if isinstance(body, dict) else body
    return len(results) if isinstance(results, list) else 1


@pytest.fixture(scope="module")
def costs(django_db_setup, django_db_blocker) -> dict[str, Cost]:
    """Every endpoint measured over one portfolio grown from 5 to 50 units, then rolled back.

    Building 50 units is the slow part, so it is done once for all endpoints, inside a
    transaction that is never committed (as a TestCase would).
    """
    paths = LIST_PATHS + AGGREGATE_PATHS
    measured = {path: Cost() for path in paths}
    with django_db_blocker.unblock(), transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"refusing to build in {name}"
        reader = UserFactory(username="reader")
        world = SimpleNamespace(
            programme=ProgrammeFactory(), reader=reader, ministry=StakeholderFactory()
        )
        MembershipFactory(user=reader, programme=world.programme, role="analyst")
        api = APIClient()
        api.force_login(reader)  # a browser session: the same queries on every request

        for phase, units in (("few", FEW), ("many", MANY - FEW)):
            for _ in range(units):
                add_unit(world)
            for path in paths:
                cost = measured[path]
                if cost.error:
                    continue
                try:
                    # A savepoint each, so one failing endpoint leaves the others measurable.
                    with transaction.atomic():
                        if phase == "few":
                            queries_of(api, path)  # warm-up: content types, the session
                        queries, body = queries_of(api, path)
                    rows = rows_of(body)
                except Exception as error:  # reported by the endpoint's own test
                    cost.error = f"{type(error).__name__}: {error}"
                    continue
                setattr(cost, phase, queries)
                cost.rows = (rows, cost.rows[1]) if phase == "few" else (cost.rows[0], rows)
                cost.grows = isinstance(body, dict) and "count" in body
        transaction.set_rollback(True)
    return measured


@pytest.mark.parametrize("path", LIST_PATHS + AGGREGATE_PATHS)
def test_an_endpoint_costs_the_same_queries_for_50_units_as_for_5(costs, path, request):
    cost = costs[path]
    assert not cost.error, cost.error
    # Written to a JUnit XML report (with -o junit_family=legacy).
    request.node.user_properties.append(("queries", f"{cost.few} / {cost.many}"))

    assert cost.few == cost.many, (
        f"{path}: {cost.few} queries with {FEW} units ({cost.rows[0]} rows), "
        f"{cost.many} with {MANY} units ({cost.rows[1]} rows)"
    )
    if cost.grows:
        assert cost.rows[1] >= cost.rows[0] + MANY - FEW, f"{path}: the list did not grow"
