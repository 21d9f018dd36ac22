"""Tests for writes of the obstacle register and the cause taxonomy (apps.obstacles.services)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.services import VersionConflict
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.obstacles.services import (
    obstacle_cause_create,
    obstacle_cause_update,
    obstacle_create,
    obstacle_update,
)
from tests.factories import (
    EvidenceFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


def stored(obstacle: Obstacle) -> Obstacle:
    """The obstacle as the database holds it."""
    return Obstacle.objects.get(pk=obstacle.pk)


@pytest.fixture
def foreign_output(db):
    """An output of a programme other than the `programme` fixture."""
    return OutputFactory(outcome=OutcomeFactory(programme=ProgrammeFactory()), code="9.9")


@pytest.fixture
def obstacle(programme, cause, alice):
    return obstacle_create(
        actor=alice, programme=programme, title="Unclear policy objectives", cause=cause
    )


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
# Severity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("severity", [0, 6])
def test_create_refuses_a_severity_outside_1_to_5(programme, cause, severity):
    with pytest.raises(ValidationError) as error:
        obstacle_create(programme=programme, title="Odd", cause=cause, severity=severity)

    assert "severity" in error.value.message_dict
    assert not Obstacle.objects.exists()


@pytest.mark.parametrize("severity", [1, 5])
def test_create_accepts_the_ends_of_the_severity_scale(programme, cause, severity):
    obstacle = obstacle_create(programme=programme, title="Edge", cause=cause, severity=severity)

    assert stored(obstacle).severity == severity


def test_update_refuses_a_severity_outside_1_to_5_and_keeps_the_version(obstacle):
    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, version=1, severity=6)

    assert "severity" in error.value.message_dict
    row = stored(obstacle)
    assert (row.severity, row.version) == (None, 1)


# --------------------------------------------------------------------------------------------
# Status and resolution date
# --------------------------------------------------------------------------------------------


def test_resolving_without_a_date_fills_in_today(obstacle):
    before = timezone.localdate()
    obstacle_update(obstacle=obstacle, status="resolved")
    after = timezone.localdate()

    assert stored(obstacle).resolved_on in {before, after}


def test_creating_a_resolved_obstacle_without_a_date_fills_in_today(programme, cause):
    before = timezone.localdate()
    obstacle = obstacle_create(programme=programme, title="Done", cause=cause, status="resolved")
    after = timezone.localdate()

    assert stored(obstacle).resolved_on in {before, after}


def test_resolving_with_a_date_keeps_that_date(obstacle):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    assert stored(obstacle).resolved_on == date(2019, 4, 30)


@pytest.mark.parametrize("status", ["open", "mitigating"])
def test_reopening_a_resolved_obstacle_clears_its_resolution_date(obstacle, status):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=obstacle, status=status)

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == (status, None)


def test_accepting_a_resolved_obstacle_keeps_its_resolution_date(obstacle):
    resolved = obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=resolved, status="accepted")

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("accepted", date(2019, 4, 30))


def test_accepting_through_an_instance_read_before_resolution_keeps_the_date(obstacle):
    read_earlier = Obstacle.objects.get(pk=obstacle.pk)
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=read_earlier, status="accepted")

    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("accepted", date(2019, 4, 30))


def test_an_unrelated_edit_keeps_the_resolution_date(obstacle):
    obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    obstacle_update(obstacle=obstacle, mitigation_plan="Nothing left to do")

    assert stored(obstacle).resolved_on == date(2019, 4, 30)


def test_create_refuses_a_resolution_before_identification(programme, cause):
    with pytest.raises(ValidationError) as error:
        obstacle_create(
            programme=programme,
            title="Backwards",
            cause=cause,
            status="resolved",
            identified_on=date(2019, 5, 1),
            resolved_on=date(2019, 4, 30),
        )

    assert "must not be before" in " ".join(error.value.message_dict["resolved_on"])
    assert not Obstacle.objects.exists()


def test_update_refuses_a_resolution_before_identification(obstacle):
    obstacle_update(obstacle=obstacle, identified_on=date(2019, 5, 1))

    with pytest.raises(ValidationError) as error:
        obstacle_update(obstacle=obstacle, status="resolved", resolved_on=date(2019, 4, 30))

    assert "resolved_on" in error.value.message_dict
    row = stored(obstacle)
    assert (row.status, row.resolved_on) == ("open", None)


def test_resolution_on_the_day_of_identification_is_accepted(programme, cause):
    obstacle = obstacle_create(
        programme=programme,
        title="Same day",
        cause=cause,
        status="resolved",
        identified_on=date(2019, 5, 1),
        resolved_on=date(2019, 5, 1),
    )

    assert stored(obstacle).resolved_on == date(2019, 5, 1)


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


# --------------------------------------------------------------------------------------------
# The cause taxonomy
# --------------------------------------------------------------------------------------------


def test_a_cause_is_created_with_its_rubric_items(db):
    cause = obstacle_cause_create(
        code="LIMITED_RESOURCES",
        name_en="Limited resources",
        name_id="Sumber daya terbatas",
        dimension="resources",
        frameworks=["VMVH2", "E2"],
        items=["C4"],
    )

    row = ObstacleCause.objects.get(pk=cause.pk)
    assert (row.items, row.frameworks, row.dimension) == (["C4"], ["VMVH2", "E2"], "resources")


def test_a_cause_naming_an_unknown_rubric_item_is_refused(db):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(
            code="ODD", name_en="Odd", name_id="Aneh", dimension="context", items=["A1", "Z9"]
        )

    assert set(error.value.message_dict) == {"items"}
    assert "Z9" in error.value.message_dict["items"][0]
    assert not ObstacleCause.objects.filter(code="ODD").exists()


def test_changing_a_causes_items_to_an_unknown_one_is_refused(cause):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_update(cause=cause, items=["Z9"])

    assert "items" in error.value.message_dict
    assert ObstacleCause.objects.get(pk=cause.pk).items == ["A1", "A2"]


def test_a_cause_with_an_unknown_dimension_is_refused(db):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(code="ODD", name_en="Odd", name_id="Aneh", dimension="luck")

    assert "dimension" in error.value.message_dict


def test_a_cause_code_is_unique(cause):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(code=cause.code, name_en="Dup", name_id="Dup", dimension="ambiguity")

    assert "code" in error.value.message_dict
