"""The versioned resources of the v1 router, and the checks the ETag and If-Match tests share.

One table: how to make one record of each resource and one harmless edit of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import models
from rest_framework.test import APIClient

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.evidence.models import Evidence, Source
from apps.obstacles.models import Obstacle
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Involvement, Stakeholder
from tests.factories import (
    EvidenceFactory,
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleFactory,
    OutcomeFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
)


@dataclass(frozen=True)
class Resource:
    """A versioned resource of the router: how to make one record and one harmless edit."""

    route: str
    model: type[models.Model]
    make: Callable[[Output], models.Model]
    edit: dict[str, Any]

    def url(self, record: models.Model) -> str:
        return f"/api/v1/{self.route}/{record.pk}/"


def assessment_of(output: Output) -> Assessment:
    return assessment_create(
        output=output, assessed_on=date(2019, 6, 30), items={"a1": 0, "a2": 0, "a3": 0}
    )


RESOURCES = [
    Resource("programmes", Programme, lambda output: output.programme, {"title": "Renamed"}),
    # A fresh, empty outcome: one that still holds outputs cannot be deleted (PROTECT).
    Resource(
        "outcomes",
        Outcome,
        lambda output: OutcomeFactory(programme=output.programme),
        {"title": "Renamed"},
    ),
    Resource("outputs", Output, lambda output: output, {"title": "Renamed"}),
    Resource(
        "indicators", Indicator, lambda output: IndicatorFactory(output=output), {"name": "Renamed"}
    ),
    Resource(
        "targets",
        Target,
        lambda output: TargetFactory(indicator=IndicatorFactory(output=output)),
        {"value": "12.0000"},
    ),
    Resource(
        "measurements",
        Measurement,
        lambda output: MeasurementFactory(indicator=IndicatorFactory(output=output)),
        {"note": "Checked against the annual report."},
    ),
    Resource("stakeholders", Stakeholder, lambda output: StakeholderFactory(), {"notes": "Edited"}),
    Resource(
        "involvements",
        Involvement,
        lambda output: InvolvementFactory(output=output),
        {"notes": "Leads the task force."},
    ),
    Resource(
        "obstacles",
        Obstacle,
        lambda output: ObstacleFactory(programme=output.programme),
        {"title": "Renamed obstacle"},
    ),
    Resource("sources", Source, lambda output: SourceFactory(), {"title": "Renamed source"}),
    Resource("evidence", Evidence, lambda output: EvidenceFactory(), {"excerpt": "Edited"}),
    Resource("assessments", Assessment, assessment_of, {"summary": "Clear goals, agreed means."}),
]
# Only staff delete programmes; the other records are deleted by analysts like Alice.
DELETABLE = [resource for resource in RESOURCES if resource.route != "programmes"]


def by_route(resources: list[Resource]) -> Any:
    return pytest.mark.parametrize("resource", resources, ids=[r.route for r in resources])


def stored(record: models.Model) -> dict[str, Any]:
    """Every column of the record as the database holds it now, with its history length."""
    row = type(record).objects.filter(pk=record.pk).values().first()
    return {"row": row, "history": record.history.count()}


def etag(version: int) -> str:
    return f'"{version}"'


def advance(resource: Resource, api: APIClient, record: models.Model) -> int:
    """Have someone else change the record once; return the version it is at now."""
    response = api.patch(resource.url(record), resource.edit, format="json")
    assert response.status_code == 200, response.content
    return response.json()["version"]


def assert_refused_as_stale(response, *, current: int) -> None:
    assert response.status_code == 412, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["ETag"] == etag(current)
    body = response.json()
    assert body["current_version"] == current
    assert "changed by someone else" in body["detail"]


OUTPUTS = next(resource for resource in RESOURCES if resource.route == "outputs")
