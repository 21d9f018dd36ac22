"""ETags and If-Match on the API (DESIGN section 6): a stale write is refused, nothing is lost.

Every versioned resource of the v1 router is covered from one table: a detail answer carries
the record's version as its ETag; PATCH, PUT and DELETE with the current ETag succeed; a stale
one answers 412 with the current ETag and changes nothing. Derived fields and `version` are read
only: a client sending them is ignored, and the derived values follow the rubric answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from rest_framework.test import APIClient

from apps.accounts.services import api_token_create
from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.core.api.viewsets import VersionedWriteMixin
from apps.evidence.models import Evidence, Source
from apps.obstacles.models import Obstacle
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Involvement, Stakeholder
from config.api_urls import router
from tests.factories import (
    EvidenceFactory,
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Resource:
    """A versioned resource of the router: how to make one record and one harmless edit."""

    route: str
    model: type[models.Model]
    make: Callable[[Output], models.Model]
    edit: dict[str, Any]

    def url(self, record: models.Model) -> str:
        return f"/api/v1/{self.route}/{record.pk}/"


def _assessment(output: Output) -> Assessment:
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
    Resource("assessments", Assessment, _assessment, {"summary": "Clear goals, agreed means."}),
]
# Only staff delete programmes; the other records are deleted by analysts like Alice.
DELETABLE = [resource for resource in RESOURCES if resource.route != "programmes"]


def by_route(resources: list[Resource]) -> Any:
    return pytest.mark.parametrize("resource", resources, ids=[r.route for r in resources])


@pytest.fixture
def api(alice) -> APIClient:
    """An API client holding a read-write token of Alice, an analyst of the programme."""
    _, secret = api_token_create(user=alice, name="versioning", read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


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


def test_every_versioned_route_of_the_router_is_in_the_table():
    versioned = {
        prefix for prefix, viewset, _ in router.registry if issubclass(viewset, VersionedWriteMixin)
    }
    assert versioned == {resource.route for resource in RESOURCES}


# --------------------------------------------------------------------------------------------
# ETags on reads and successful writes
# --------------------------------------------------------------------------------------------


@by_route(RESOURCES)
def test_detail_answer_carries_the_version_as_a_quoted_etag(api, output, resource):
    record = resource.make(output)

    response = api.get(resource.url(record))

    assert response.status_code == 200
    assert response["ETag"] == etag(record.version) == etag(response.json()["version"])


@by_route(RESOURCES)
def test_patch_with_the_current_etag_succeeds_and_answers_the_new_etag(api, output, resource):
    record = resource.make(output)
    version = type(record).objects.get(pk=record.pk).version

    response = api.patch(
        resource.url(record), resource.edit, format="json", HTTP_IF_MATCH=etag(version)
    )

    assert response.status_code == 200, response.content
    assert response.json()["version"] == version + 1
    assert response["ETag"] == etag(version + 1)
    assert stored(record)["row"]["version"] == version + 1


@by_route(RESOURCES)
def test_put_of_the_record_as_read_with_its_etag_succeeds(api, output, resource):
    record = resource.make(output)
    read = api.get(resource.url(record))
    body = read.json() | resource.edit

    response = api.put(resource.url(record), body, format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(record.version + 1)
    assert stored(record)["row"]["version"] == record.version + 1
    for name, value in resource.edit.items():
        assert response.json()[name] == value


@by_route(DELETABLE)
def test_delete_with_the_current_etag_removes_the_record(api, output, resource):
    record = resource.make(output)

    response = api.delete(resource.url(record), HTTP_IF_MATCH=etag(record.version))

    assert response.status_code == 204, response.content
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_staff_delete_a_programme_with_its_current_etag(programme):
    staff = UserFactory(username="root", is_staff=True)
    _, secret = api_token_create(user=staff, name="admin", read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = client.delete(
        f"/api/v1/programmes/{programme.pk}/", HTTP_IF_MATCH=etag(programme.version)
    )

    assert response.status_code == 204, response.content
    assert not Programme.objects.filter(pk=programme.pk).exists()


# --------------------------------------------------------------------------------------------
# A stale If-Match is refused and changes nothing
# --------------------------------------------------------------------------------------------


def assert_refused_as_stale(response, *, current: int) -> None:
    assert response.status_code == 412, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["ETag"] == etag(current)
    body = response.json()
    assert body["current_version"] == current
    assert "changed by someone else" in body["detail"]


@by_route(RESOURCES)
def test_stale_patch_is_refused_with_412_and_changes_nothing(api, output, resource):
    record = resource.make(output)
    read_at = record.version
    current = advance(resource, api, record)
    before = stored(record)

    response = api.patch(
        resource.url(record), {**resource.edit, "version": 99}, format="json",
        HTTP_IF_MATCH=etag(read_at),
    )  # fmt: skip

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


@by_route(RESOURCES)
def test_stale_put_is_refused_with_412_and_changes_nothing(api, output, resource):
    record = resource.make(output)
    read = api.get(resource.url(record))
    current = advance(resource, api, record)
    before = stored(record)

    response = api.put(resource.url(record), read.json(), format="json", HTTP_IF_MATCH=read["ETag"])

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


@by_route(DELETABLE)
def test_stale_delete_is_refused_with_412_and_the_record_stays(api, output, resource):
    record = resource.make(output)
    read_at = record.version
    current = advance(resource, api, record)
    before = stored(record)

    response = api.delete(resource.url(record), HTTP_IF_MATCH=etag(read_at))

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


# --------------------------------------------------------------------------------------------
# The forms of If-Match that are accepted, and the one that is not
# --------------------------------------------------------------------------------------------

OUTPUTS = next(resource for resource in RESOURCES if resource.route == "outputs")


@pytest.mark.parametrize(
    "header",
    ['W/"{v}"', '"{v}"', '"{old}", "{v}"', 'W/"{old}", W/"{v}"', '"{v}","{old}"'],
    ids=["weak", "strong", "list", "weak-list", "list-without-spaces"],
)
def test_if_match_naming_the_current_version_is_accepted_in_each_form(api, output, header):
    OutputFactory(outcome=output.outcome)  # a neighbour, so a wrong row would show
    version = advance(OUTPUTS, api, output)

    response = api.patch(
        OUTPUTS.url(output),
        {"title": "Accepted"},
        format="json",
        HTTP_IF_MATCH=header.format(v=version, old=version - 1),
    )

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(version + 1)


def test_a_list_of_etags_none_of_them_current_is_stale(api, output):
    advance(OUTPUTS, api, output)
    version = advance(OUTPUTS, api, output)

    response = api.patch(
        OUTPUTS.url(output),
        {"title": "Refused"},
        format="json",
        HTTP_IF_MATCH=f'"{version - 2}", W/"{version - 1}"',
    )

    assert_refused_as_stale(response, current=version)
    assert Output.objects.get(pk=output.pk).title != "Refused"


@pytest.mark.parametrize("headers", [{"HTTP_IF_MATCH": "*"}, {}], ids=["star", "absent"])
def test_star_or_no_if_match_is_accepted_as_documented(api, output, headers):
    advance(OUTPUTS, api, output)
    version = Output.objects.get(pk=output.pk).version

    response = api.patch(OUTPUTS.url(output), {"title": "Accepted"}, format="json", **headers)

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(version + 1)
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "Writes without If-Match are accepted" in schema["info"]["description"]


@pytest.mark.parametrize("header", ["abc", '"abc"', 'W/"1.5"', '"1", "x"', '"-1"', ""])
def test_malformed_if_match_is_a_400_naming_if_match(api, output, header):
    before = stored(output)

    response = api.patch(
        OUTPUTS.url(output), {"title": "Refused"}, format="json", HTTP_IF_MATCH=header
    )

    assert response.status_code == 400, response.content
    assert "If-Match" in response.json()
    assert stored(output) == before


def test_malformed_if_match_on_delete_is_a_400_and_the_record_stays(api, output):
    response = api.delete(OUTPUTS.url(output), HTTP_IF_MATCH="abc")

    assert response.status_code == 400
    assert "If-Match" in response.json()
    assert Output.objects.filter(pk=output.pk).exists()


# --------------------------------------------------------------------------------------------
# Derived fields and the version are never taken from the client
# --------------------------------------------------------------------------------------------


@by_route(RESOURCES)
def test_a_version_sent_in_the_body_is_ignored(api, output, resource):
    record = resource.make(output)

    response = api.patch(resource.url(record), {**resource.edit, "version": 42}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["version"] == record.version + 1
    assert stored(record)["row"]["version"] == record.version + 1


def test_derived_assessment_fields_sent_by_the_client_are_ignored_and_recomputed(api, output):
    assessment = assessment_create(
        output=output,
        assessed_on=date(2019, 6, 30),
        items={"a1": 0, "a2": 0, "a3": 0, "c1": 0, "c2": 0, "c3": 0},
    )
    assert assessment.quadrant == "administrative"

    response = api.patch(
        f"/api/v1/assessments/{assessment.pk}/",
        {
            "c1": 2, "c2": 2, "c3": 2,
            "quadrant": "symbolic", "ambiguity": "0.9000", "conflict": "0.1000",
            "borderline": True,
        },
        format="json",
        HTTP_IF_MATCH=etag(assessment.version),
    )  # fmt: skip

    assert response.status_code == 200, response.content
    body = response.json()
    assessment.refresh_from_db()
    # Low ambiguity (0 of 6), high conflict (6 of 6): political, whatever the client claimed.
    assert (assessment.quadrant, body["quadrant"]) == ("political", "political")
    assert (assessment.ambiguity, body["ambiguity"]) == (Decimal("0"), "0.0000")
    assert (assessment.conflict, body["conflict"]) == (Decimal("1"), "1.0000")
    assert (assessment.borderline, body["borderline"]) == (False, False)


def test_derived_assessment_fields_alone_change_nothing_but_the_version(api, output):
    assessment = _assessment(output)
    before = stored(assessment)["row"]

    response = api.patch(
        f"/api/v1/assessments/{assessment.pk}/",
        {"quadrant": "symbolic", "ambiguity": "1", "conflict": "1", "borderline": True},
        format="json",
    )

    assert response.status_code == 200, response.content
    after = stored(assessment)["row"]
    assert after.pop("version") == before.pop("version") + 1
    after.pop("updated_at"), before.pop("updated_at")
    assert after == before
    assert after["quadrant"] == "unclassified"


def test_an_assessment_posted_with_a_quadrant_gets_the_derived_one(api, output):
    response = api.post(
        "/api/v1/assessments/",
        {
            "output": output.pk, "assessed_on": "2019-07-01",
            "a1": 2, "a2": 2, "a3": 2, "c1": 0, "c2": 0, "c3": 0,
            "quadrant": "administrative", "ambiguity": "0", "version": 7,
        },
        format="json",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    stored_assessment = Assessment.objects.get(pk=response.json()["id"])
    assert stored_assessment.quadrant == "experimental"
    assert stored_assessment.ambiguity == Decimal("1")
    assert stored_assessment.version == 1
    assert response["ETag"] == etag(1)


def test_the_programme_of_an_output_cannot_be_set_by_the_client(api, output, alice):
    other = OutcomeFactory()  # of another programme, where Alice is an analyst too
    MembershipFactory(user=alice, programme=other.programme, role="analyst")

    response = api.patch(
        OUTPUTS.url(output), {"programme": other.programme.pk, "title": "Kept"}, format="json"
    )

    assert response.status_code == 200, response.content
    output.refresh_from_db()
    assert output.programme_id == output.outcome.programme_id != other.programme.pk
    assert response.json()["programme"] == output.programme_id
    assert output.title == "Kept"
