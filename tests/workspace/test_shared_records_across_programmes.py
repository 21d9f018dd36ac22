"""Shared records (stakeholders, sources, evidence) between two programmes and their analysts.

Reproduced from the outside (issue S1): with a second programme and its own analyst, deleting a
stakeholder that IDN-CP-2017 used answered 204 and silently deleted its involvements, emptied
the lead of its outputs and dropped its obstacle links; deleting an evidence excerpt did the
same. (S2): filtering the shared lists by a programme, output, obstacle or assessment the user
cannot read counted that programme's records instead of refusing the filter.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.assessments.services import assessment_create
from apps.evidence.models import Evidence, Source
from apps.programmes.models import Output
from apps.stakeholders.models import Involvement, Stakeholder
from tests.api_clients import api_client_of
from tests.factories import (
    EvidenceFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dave(db):
    """Dave is an analyst of another programme only."""
    user = UserFactory(username="dave")
    MembershipFactory(user=user, programme=ProgrammeFactory(code="OTHER"), role="analyst")
    return user


@pytest.fixture
def used(programme, output, cause):
    """A stakeholder, a source and an evidence excerpt that the programme's records use."""
    stakeholder = StakeholderFactory(acronym="BNN")
    Output.objects.filter(pk=output.pk).update(lead=stakeholder)
    InvolvementFactory(stakeholder=stakeholder, output=output, programme=programme)
    source = SourceFactory(key="thesis")
    programme.sources.add(source)
    evidence = EvidenceFactory(source=SourceFactory())
    obstacle = ObstacleFactory(programme=programme, cause=cause)
    obstacle.stakeholders.add(stakeholder)
    obstacle.evidence.add(evidence)
    return {"stakeholders": stakeholder, "sources": source, "evidence": evidence}


@pytest.mark.parametrize("key", ["stakeholders", "sources", "evidence"])
def test_an_analyst_of_another_programme_cannot_delete_a_shared_record_in_use(
    dave, used, output, key
):
    record = used[key]

    response = api_client_of(dave).delete(f"/api/v1/{key}/{record.pk}/")

    assert response.status_code == 409, response.content
    assert "refer" in response.json()["detail"]
    assert type(record).objects.filter(pk=record.pk).exists()
    output.refresh_from_db()
    assert output.lead == used["stakeholders"]
    assert Involvement.objects.filter(stakeholder=used["stakeholders"]).count() == 1


def test_the_409_names_what_still_refers_to_the_record(dave, used):
    response = api_client_of(dave).delete(f"/api/v1/stakeholders/{used['stakeholders'].pk}/")

    detail = response.json()["detail"]
    for kind in ("involvements", "obstacles", "outputs"):
        assert kind in detail, detail


def test_not_even_the_programmes_own_analyst_deletes_a_record_in_use(alice, used):
    response = api_client_of(alice).delete(f"/api/v1/evidence/{used['evidence'].pk}/")

    assert response.status_code == 409
    assert Evidence.objects.filter(pk=used["evidence"].pk).exists()


def test_a_measurement_citing_evidence_keeps_it_from_deletion(alice, output):
    evidence = EvidenceFactory(source=SourceFactory())
    MeasurementFactory(indicator__output=output, evidence=evidence)

    response = api_client_of(alice).delete(f"/api/v1/evidence/{evidence.pk}/")

    assert response.status_code == 409
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_shared_record_nothing_refers_to_can_still_be_deleted(dave):
    unused = StakeholderFactory()

    response = api_client_of(dave).delete(f"/api/v1/stakeholders/{unused.pk}/")

    assert response.status_code == 204
    assert not Stakeholder.objects.filter(pk=unused.pk).exists()


def test_the_delete_page_refuses_a_record_in_use_and_says_why(client, dave, used):
    client.force_login(dave)
    source = used["sources"]
    url = reverse("shared-delete", args=["sources", source.pk])

    response = client.post(url, {"version": source.version})

    assert response.status_code == 302
    text = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "refer" in text and "programmes" in text
    assert Source.objects.filter(pk=source.pk).exists()


# Edits of a shared record other programmes use (S1) --------------------------------------


def test_the_edit_page_of_a_record_another_programme_uses_sends_back_and_says_why(
    client, dave, used
):
    client.force_login(dave)
    stakeholder = used["stakeholders"]
    url = reverse("shared-edit", args=["stakeholders", stakeholder.pk])

    opened = client.get(url)
    fields = {"name": "Renamed", "kind": stakeholder.kind, "level": stakeholder.level}
    posted = client.post(url, fields | {"version": stakeholder.version})

    detail = reverse("shared-detail", args=["stakeholders", stakeholder.pk])
    assert (opened.status_code, opened["Location"]) == (302, detail)
    assert (posted.status_code, posted["Location"]) == (302, detail)
    text = " ".join(str(message) for message in get_messages(posted.wsgi_request))
    assert text == "Not saved."
    assert "1 programme you cannot change" in client.get(detail).content.decode()
    stakeholder.refresh_from_db()
    assert stakeholder.name != "Renamed"


def test_the_detail_page_tells_why_the_record_cannot_be_edited(client, dave, alice, used):
    url = reverse("shared-detail", args=["evidence", used["evidence"].pk])
    client.force_login(dave)

    page = client.get(url).content.decode()

    assert 'data-testid="change-refusal"' in page
    assert 'data-testid="edit-record"' not in page
    client.force_login(alice)  # an analyst of the programme that uses it: its steward
    page = client.get(url).content.decode()
    assert 'data-testid="edit-record"' in page
    assert 'data-testid="change-refusal"' not in page


def test_an_old_version_of_a_record_another_programme_uses_is_not_restored(client, dave, used):
    source = used["sources"]
    entry = source.history.earliest()
    client.force_login(dave)

    response = client.post(
        reverse("shared-restore", args=["sources", source.pk, entry.history_id]),
        {"version": source.version},
    )

    assert response.status_code == 302
    assert source.history.count() == 1


def test_the_programmes_own_analyst_edits_it_and_the_change_is_in_its_history(alice, used):
    stakeholder = used["stakeholders"]

    response = api_client_of(alice).patch(
        f"/api/v1/stakeholders/{stakeholder.pk}/", {"notes": "checked"}, format="json"
    )

    assert response.status_code == 200, response.content
    latest = stakeholder.history.latest()
    assert (latest.notes, latest.history_user) == ("checked", alice)


# Filters of the shared lists (S2) ------------------------------------------------------------


@pytest.fixture
def elsewhere(cause):
    """A programme nobody in these tests reads, with records that use shared ones."""
    hidden = ProgrammeFactory(code="HIDDEN")
    output = OutputFactory(outcome__programme=hidden)
    stakeholder = StakeholderFactory()
    InvolvementFactory(stakeholder=stakeholder, output=output, programme=hidden)
    evidence = EvidenceFactory(source=SourceFactory())
    obstacle = ObstacleFactory(programme=hidden, cause=cause)
    obstacle.evidence.add(evidence)
    assessment = assessment_create(
        output=output, assessed_on=date(2019, 1, 1), items={"A1": 1}, evidence=[evidence]
    )
    return {"programme": hidden, "output": output, "obstacle": obstacle, "assessment": assessment}


@pytest.mark.parametrize(
    ("resource", "parameter", "record"),
    [
        ("stakeholders", "programme", "programme"),
        ("stakeholders", "output", "output"),
        ("evidence", "obstacle", "obstacle"),
        ("evidence", "assessment", "assessment"),
    ],
)
def test_a_filter_naming_a_record_the_user_cannot_read_is_refused(
    charlie, elsewhere, resource, parameter, record
):
    response = api_client_of(charlie).get(f"/api/v1/{resource}/", {parameter: elsewhere[record].pk})

    assert response.status_code == 400, response.content
    assert parameter in response.json()


@pytest.mark.parametrize(
    ("resource", "parameter"),
    [("stakeholders", "programme"), ("stakeholders", "output"), ("evidence", "obstacle")],
)
def test_the_same_filter_on_a_readable_record_still_filters(
    alice, used, output, resource, parameter
):
    value = {"programme": output.programme.pk, "output": output.pk}.get(parameter)
    if parameter == "obstacle":
        value = used["evidence"].obstacles.get().pk

    response = api_client_of(alice).get(f"/api/v1/{resource}/", {parameter: value})

    assert response.status_code == 200
    assert response.json()["count"] == 1
