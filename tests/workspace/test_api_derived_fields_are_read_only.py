"""Derived fields and `version` are read only on the API: a client sending them is ignored, and
the derived values follow the rubric answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from tests.factories import MembershipFactory, OutcomeFactory
from tests.workspace.versioned_resources import (
    OUTPUTS,
    RESOURCES,
    assessment_of,
    by_route,
    etag,
    stored,
)

pytestmark = pytest.mark.django_db

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


def test_derived_assessment_fields_alone_change_nothing_not_even_the_version(api, output):
    assessment = assessment_of(output)
    before = stored(assessment)["row"]

    response = api.patch(
        f"/api/v1/assessments/{assessment.pk}/",
        {"quadrant": "symbolic", "ambiguity": "1", "conflict": "1", "borderline": True},
        format="json",
    )

    assert response.status_code == 200, response.content
    after = stored(assessment)["row"]
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
