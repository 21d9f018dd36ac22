"""A write that changes nothing saves nothing: no new version, no history row, no outbox event.

Reproduced from the outside: saving an edit form untouched, or a loader re-sending the same
values, used to raise the version (so other people's open forms went stale for no change) and
add an empty history entry.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.assessments.services import assessment_create, assessment_update
from apps.core.models import OutboxEvent
from apps.obstacles.services import obstacle_update
from apps.programmes.services import output_update, programme_update
from apps.stakeholders.services import stakeholder_update
from tests.factories import ObstacleFactory, OutputFactory, SourceFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

ITEMS = {"A1": 1, "A2": 1, "A3": 1, "C1": 0, "C2": 0, "C3": 0}


def snapshot(record) -> tuple[int, int]:
    record.refresh_from_db()
    return record.version, record.history.count()


def test_an_update_with_the_stored_values_keeps_the_version_and_writes_no_history(alice, output):
    before = snapshot(output)

    returned = output_update(
        output=output, actor=alice, version=output.version, title=output.title, code=output.code
    )

    assert snapshot(output) == before
    assert returned.version == before[0]


def test_the_same_links_again_are_no_change(alice, programme, cause):
    obstacle = ObstacleFactory(programme=programme, cause=cause)
    linked = OutputFactory(outcome__programme=programme)
    obstacle_update(obstacle=obstacle, actor=alice, outputs=[linked])
    before = snapshot(obstacle)

    obstacle_update(obstacle=obstacle, actor=alice, outputs=[linked], severity=obstacle.severity)

    assert snapshot(obstacle) == before


def test_a_real_change_among_unchanged_values_still_raises_the_version_once(alice, output):
    version, rows = snapshot(output)

    output_update(output=output, actor=alice, title=output.title, description="New description")

    assert snapshot(output) == (version + 1, rows + 1)


def test_a_stale_version_is_refused_even_when_nothing_would_change(alice, output):
    from apps.core.services import VersionConflict

    output_update(output=output, actor=alice, title="Moved on")

    with pytest.raises(VersionConflict):
        output_update(output=output, actor=alice, version=1, title="Moved on")


def test_unchanged_thresholds_emit_no_outbox_event(alice, programme):
    programme_update(
        programme=programme,
        actor=alice,
        ambiguity_threshold=programme.ambiguity_threshold,
        conflict_threshold=programme.conflict_threshold,
    )

    assert not OutboxEvent.objects.exists()
    assert snapshot(programme)[0] == 1


def test_reanswering_an_assessment_with_the_same_answers_is_no_change(alice, output):
    assessment = assessment_create(
        actor=alice, output=output, assessed_on=output.start_date, items=ITEMS
    )
    before = snapshot(assessment)

    assessment_update(assessment=assessment, actor=alice, items={"A1": 1, "c2": 0})

    assert snapshot(assessment) == before


def test_the_same_sources_on_a_shared_record_are_no_change(alice):
    source = SourceFactory()
    stakeholder = StakeholderFactory()
    stakeholder.sources.set([source])
    before = snapshot(stakeholder)

    stakeholder_update(
        stakeholder=stakeholder, actor=alice, sources=[source], name=stakeholder.name
    )

    assert snapshot(stakeholder) == before


def test_saving_an_edit_form_untouched_keeps_the_version(client, alice, programme, output):
    client.force_login(alice)
    url = reverse("record-edit", args=[programme.code, "outputs", output.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data.pop("sources", None)

    response = client.post(url, data)

    assert response.status_code == 302
    assert snapshot(output) == (1, 1)


def test_an_api_patch_with_the_current_values_keeps_the_etag(client, alice, output):
    client.force_login(alice)
    url = reverse("api-output-detail", args=[output.pk])
    etag = client.get(url)["ETag"]

    response = client.patch(
        url,
        {"title": output.title, "budget_planned": None},
        content_type="application/json",
        headers={"If-Match": etag},
    )

    assert response.status_code == 200
    assert response["ETag"] == etag
    assert snapshot(output) == (1, 1)


def test_a_decimal_written_with_other_trailing_zeros_is_the_same_value(alice, programme):
    programme_update(programme=programme, actor=alice, ambiguity_threshold=Decimal("0.50"))

    assert snapshot(programme) == (1, 1)
