"""Writes of the obstacle register (apps.obstacles.services): create and update with their
links, outputs of the same programme only, one title per programme, and the links' history."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.core.services import VersionConflict
from apps.obstacles.models import Obstacle
from apps.obstacles.services import obstacle_create, obstacle_update
from tests.factories import (
    EvidenceFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
)
from tests.obstacles.stored_obstacles import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_output(db):
    """An output of a programme other than the `programme` fixture."""
    return OutputFactory(outcome=OutcomeFactory(programme=ProgrammeFactory()), code="9.9")


# --------------------------------------------------------------------------------------------
# Create and update
# --------------------------------------------------------------------------------------------


def test_create_registers_an_obstacle_with_its_links(programme, output, cause, alice):
    stakeholder = StakeholderFactory()
    evidence = EvidenceFactory()
    source = SourceFactory()

    obstacle = obstacle_create(
        actor=alice,
        programme=programme,
        title="Lack of clear operational guidelines",
        cause=cause,
        manifestation="missing_operational_guidelines",
        severity=4,
        identified_on=date(2018, 3, 1),
        owner=alice,
        mitigation_plan="Draft SOPs with BNN",
        outputs=[output],
        stakeholders=[stakeholder],
        evidence=[evidence],
        sources=[source],
    )

    row = stored(obstacle)
    assert (row.programme, row.cause, row.severity, row.status) == (programme, cause, 4, "open")
    assert row.manifestation == "missing_operational_guidelines"
    assert row.resolved_on is None
    assert row.version == 1
    assert list(row.outputs.all()) == [output]
    assert list(row.stakeholders.all()) == [stakeholder]
    assert list(row.evidence.all()) == [evidence]
    assert list(row.sources.all()) == [source]
    assert row.history.latest().history_user == alice


def test_create_defaults_to_an_open_obstacle_of_unknown_severity(programme, cause):
    row = stored(obstacle_create(programme=programme, title="Something", cause=cause))

    assert (row.status, row.severity, row.manifestation) == ("open", None, "other")
    assert row.outputs.count() == 0


def test_update_changes_fields_and_raises_the_version(obstacle, alice):
    updated = obstacle_update(
        obstacle=obstacle, actor=alice, version=1, severity=5, status="mitigating"
    )

    row = stored(updated)
    assert (row.severity, row.status, row.version) == (5, "mitigating", 2)


def test_update_from_a_stale_version_is_refused(obstacle):
    obstacle_update(obstacle=obstacle, version=1, severity=2)

    with pytest.raises(VersionConflict):
        obstacle_update(obstacle=obstacle, version=1, severity=5)

    row = stored(obstacle)
    assert (row.severity, row.version) == (2, 2)


def test_an_obstacle_cannot_move_to_another_programme(obstacle):
    other = ProgrammeFactory()

    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, programme=other)

    assert "programme" in error.value.message_dict
    assert stored(obstacle).programme_id == obstacle.programme_id


def test_update_replaces_the_links_it_is_given_and_keeps_the_others(obstacle, output):
    stakeholder = StakeholderFactory()
    obstacle_update(obstacle=obstacle, outputs=[output], stakeholders=[stakeholder])
    second = OutputFactory(outcome=output.outcome)

    obstacle_update(obstacle=obstacle, outputs=[second])

    row = stored(obstacle)
    assert list(row.outputs.all()) == [second]
    assert list(row.stakeholders.all()) == [stakeholder]


# --------------------------------------------------------------------------------------------
# Links to outputs of the same programme only
# --------------------------------------------------------------------------------------------


def test_create_refuses_an_output_of_another_programme(programme, output, cause, foreign_output):
    with pytest.raises(ValidationError) as error:
        obstacle_create(
            programme=programme, title="Turf", cause=cause, outputs=[output, foreign_output]
        )

    assert set(error.value.message_dict) == {"outputs"}
    assert "9.9" in error.value.message_dict["outputs"][0]
    assert not Obstacle.objects.exists()


def test_update_refuses_an_output_of_another_programme(obstacle, output, foreign_output):
    obstacle_update(obstacle=obstacle, outputs=[output])

    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, outputs=[foreign_output])

    assert set(error.value.message_dict) == {"outputs"}
    row = stored(obstacle)
    assert list(row.outputs.all()) == [output]
    assert row.version == 2


# --------------------------------------------------------------------------------------------
# Unique title per programme
# --------------------------------------------------------------------------------------------


def test_a_title_is_unique_within_a_programme(obstacle, programme, cause):
    with pytest.raises(ValidationError):
        obstacle_create(programme=programme, title=obstacle.title, cause=cause)

    assert Obstacle.objects.filter(programme=programme).count() == 1


def test_the_same_title_may_be_used_in_another_programme(obstacle, cause):
    other = obstacle_create(programme=ProgrammeFactory(), title=obstacle.title, cause=cause)

    assert Obstacle.objects.filter(title=obstacle.title).count() == 2
    assert other.programme_id != obstacle.programme_id


def test_renaming_to_a_title_taken_in_the_programme_is_refused(obstacle, programme, cause):
    second = obstacle_create(programme=programme, title="Limited resources", cause=cause)

    with pytest.raises(ValidationError):
        obstacle_update(obstacle=second, title=obstacle.title)

    assert stored(second).title == "Limited resources"


# --------------------------------------------------------------------------------------------
# History of links
# --------------------------------------------------------------------------------------------


def test_history_records_a_change_of_linked_outputs(obstacle, output, alice):
    records_before = obstacle.history.count()

    obstacle_update(obstacle=obstacle, actor=alice, outputs=[output])

    assert obstacle.history.count() > records_before
    latest = obstacle.history.latest()
    assert latest.history_user == alice
    assert [row.output for row in latest.outputs.all()] == [output]
    first = obstacle.history.earliest()
    assert first.outputs.count() == 0
    assert "outputs" in latest.diff_against(first).changed_fields


def test_history_keeps_the_links_as_they_were_before_a_change(obstacle, output):
    stakeholder = StakeholderFactory()
    evidence = EvidenceFactory()
    obstacle_update(
        obstacle=obstacle, outputs=[output], stakeholders=[stakeholder], evidence=[evidence]
    )
    linked = obstacle.history.latest()

    obstacle_update(obstacle=obstacle, outputs=[], stakeholders=[], evidence=[])

    latest = obstacle.history.latest()
    assert (latest.outputs.count(), latest.stakeholders.count(), latest.evidence.count()) == (
        0,
        0,
        0,
    )
    assert [row.output for row in linked.outputs.all()] == [output]
    assert [row.stakeholder for row in linked.stakeholders.all()] == [stakeholder]
    assert [row.evidence for row in linked.evidence.all()] == [evidence]
