"""Every bad input to the API is a 4xx JSON body naming the field and the reason, never a 500.

DESIGN section 7: "Errors are JSON with a field-by-field message." The cases are one table per
kind of mistake (wrong type, out of range, dates in the wrong order, unknown references,
duplicates, domain rules, bad query parameters), in `api_error_cases.py`; each runs against the
real v1 router as Alice, an analyst of the programme, and checks the answer's status, that the
body is JSON, the field it names with a reason, and that nothing was written.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from apps.assessments.services import assessment_create
from apps.evidence.models import Evidence, Source
from apps.programmes.models import Output
from tests.factories import (
    EvidenceFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleFactory,
    OutcomeFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
)
from tests.workspace.api_error_cases import (
    CASES,
    Case,
    fingerprint,
    obstacle_body,
    pk_map,
    reasons_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, outcome, output, cause, alice) -> SimpleNamespace:
    """One record of each kind in Alice's programme, for the cases to point at."""
    indicator = IndicatorFactory(output=output, code="SEIZED-KG")
    source = SourceFactory(key="bnn-survey-2021")
    evidence = EvidenceFactory(source=source)
    # An outcome of another programme where Alice is an analyst too.
    elsewhere = OutcomeFactory(programme=ProgrammeFactory(code="IDN-OTHER"))
    MembershipFactory(user=alice, programme=elsewhere.programme, role="analyst")
    return SimpleNamespace(
        programme=programme,
        outcome=outcome,
        output=output,
        indicator=indicator,
        percentage=IndicatorFactory(output=output, measure="percentage", aggregation="latest"),
        target=TargetFactory(indicator=indicator),
        measurement=MeasurementFactory(
            indicator=indicator, period_start=date(2018, 1, 1), period_end=date(2018, 12, 31)
        ),
        stakeholder=StakeholderFactory(name="Badan Narkotika Nasional", country="IDN"),
        cause=cause,
        obstacle=ObstacleFactory(programme=programme, cause=cause, title="No SOPs"),
        source=source,
        evidence=evidence,
        elsewhere=elsewhere,
        assessment=assessment_create(
            output=output, assessed_on=date(2019, 6, 30), items={"a1": 1, "a2": 1, "a3": 1}
        ),
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_a_4xx_json_body_naming_the_field_and_the_reason(
    api, world, alice, case: Case
):
    if case.session:
        api.credentials()
        api.force_login(alice)
    before = fingerprint(case.model)
    path = case.path.format(**pk_map(world))
    body = case.body(world) if case.body else None

    response = getattr(api, case.method)(path, body, format="json")

    assert response.status_code == case.status, response.content
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()
    names = (case.field,) if isinstance(case.field, str) else case.field
    named = [name for name in names if name in errors]
    assert named, f"{case.id}: expected one of {names} in {errors}"
    reasons = reasons_of(errors[named[0]])
    assert reasons and all(reason.strip() for reason in reasons), errors
    assert case.reason in " ".join(reasons), errors
    assert fingerprint(case.model) == before


# --------------------------------------------------------------------------------------------
# Errors outside the field table
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [("post", "/api/v1/outputs/"), ("patch", "/api/v1/outputs/{output}/"),
     ("put", "/api/v1/assessments/{assessment}/"), ("post", "/api/v1/sources/")],
)  # fmt: skip
def test_a_body_that_is_not_json_is_a_400_saying_so(api, world, method, path):
    before = fingerprint(Output)

    response = getattr(api, method)(
        path.format(**pk_map(world)), '{"title": "unterminated', content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "JSON parse error" in response.json()["detail"]
    assert fingerprint(Output) == before


def test_a_body_in_an_unsupported_media_type_is_a_415_with_json(api, world):
    response = api.generic(
        "POST", "/api/v1/sources/", "title=x", content_type="text/csv; charset=utf-8"
    )

    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]


def test_deleting_a_source_that_evidence_points_at_is_a_409_naming_the_referrers(api, world):
    response = api.delete(f"/api/v1/sources/{world.source.pk}/")

    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/json")
    assert "evidence" in response.json()["detail"]
    assert Source.objects.filter(pk=world.source.pk).exists()
    assert Evidence.objects.filter(pk=world.evidence.pk).exists()


def test_a_source_nothing_points_at_can_be_deleted(api, world):
    lonely = SourceFactory()

    assert api.delete(f"/api/v1/sources/{lonely.pk}/").status_code == 204


def test_a_put_missing_required_fields_names_each_of_them(api, world):
    response = api.put(f"/api/v1/outputs/{world.output.pk}/", {}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert {"outcome", "code", "title"} <= set(errors)
    assert all("required" in " ".join(errors[name]) for name in ("outcome", "code", "title"))


def test_a_post_missing_required_fields_names_each_of_them(api, world):
    response = api.post("/api/v1/obstacles/", {}, format="json")

    assert response.status_code == 400
    assert {"programme", "title", "cause"} <= set(response.json())


def test_several_bad_fields_are_all_named_at_once(api, world):
    response = api.post(
        "/api/v1/obstacles/",
        obstacle_body(world, severity=9, status="forgotten", identified_on="yesterday"),
        format="json",
    )

    assert response.status_code == 400
    assert {"severity", "status", "identified_on"} <= set(response.json())
