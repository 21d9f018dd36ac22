"""Writes of stakeholders and their involvements (apps.stakeholders.services)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from apps.core.services import VersionConflict
from apps.stakeholders.models import Involvement, Stakeholder
from apps.stakeholders.services import (
    involvement_create,
    involvement_update,
    stakeholder_create,
    stakeholder_update,
)
from tests.factories import (
    InvolvementFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
)
from tests.stored_records import refused_fields, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def stakeholder(alice):
    return stakeholder_create(
        actor=alice,
        name="Badan Narkotika Nasional",
        acronym="BNN",
        kind="government",
        level="national",
        country="IDN",
    )


@pytest.fixture
def involvement(stakeholder, output, alice):
    return involvement_create(
        actor=alice, stakeholder=stakeholder, output=output, role="lead", influence=4, interest=3
    )


@pytest.fixture
def foreign_output(db):
    """An output of a programme other than the `programme` fixture."""
    return OutputFactory(outcome=OutcomeFactory(programme=ProgrammeFactory()))


# --------------------------------------------------------------------------------------------
# Stakeholders
# --------------------------------------------------------------------------------------------


def test_create_registers_a_stakeholder_with_its_sources_and_actor(alice):
    parent = StakeholderFactory(name="Ministry of Health", acronym="MoH")
    source = SourceFactory()

    created = stakeholder_create(
        actor=alice,
        name="Directorate of Mental Health",
        kind="government",
        level="national",
        country="IDN",
        parent=parent,
        website="https://example.org/dmh",
        sources=[source],
    )

    row = stored(created)
    assert (row.name, row.parent, row.website, row.version) == (
        "Directorate of Mental Health",
        parent,
        "https://example.org/dmh",
        1,
    )
    assert list(row.sources.all()) == [source]
    assert row.history.latest().history_user == alice


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_a_write_without_a_signed_in_actor_records_no_history_user(actor):
    created = stakeholder_create(actor=actor, name="UNODC", kind="un_agency", level="international")

    assert created.history.latest().history_user is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "ngo"),
        ("level", "regional"),
        ("country", "idn"),
        ("country", "ID"),
        ("website", "not a url"),
    ],
)
def test_create_refuses_an_invalid_value_and_names_the_field(field, value):
    fields = {"name": "Odd", "kind": "government", "level": "national"} | {field: value}

    with pytest.raises(ValidationError) as error:
        stakeholder_create(**fields)

    assert refused_fields(error) == {field}
    assert not Stakeholder.objects.exists()


def test_a_name_is_unique_within_a_country_but_not_across_countries(stakeholder):
    with pytest.raises(ValidationError):
        stakeholder_create(
            name=stakeholder.name, kind="government", level="national", country="IDN"
        )
    other = stakeholder_create(
        name=stakeholder.name, kind="government", level="national", country="MYS"
    )

    assert Stakeholder.objects.filter(name=stakeholder.name).count() == 2
    assert other.country == "MYS"


def test_update_changes_fields_records_the_actor_and_raises_the_version(stakeholder, bob):
    updated = stakeholder_update(stakeholder=stakeholder, actor=bob, version=1, acronym="BNN-RI")

    row = stored(updated)
    assert (row.acronym, row.version) == ("BNN-RI", 2)
    assert row.history.latest().history_user == bob
    assert row.history.earliest().acronym == "BNN"


def test_update_from_a_stale_version_is_refused(stakeholder):
    stakeholder_update(stakeholder=stakeholder, version=1, notes="first")

    with pytest.raises(VersionConflict) as conflict:
        stakeholder_update(stakeholder=stakeholder, version=1, notes="second")

    assert (conflict.value.expected, conflict.value.current) == (1, 2)
    assert (stored(stakeholder).notes, stored(stakeholder).version) == ("first", 2)


def test_update_without_a_version_is_accepted_whatever_the_current_one(stakeholder):
    stakeholder_update(stakeholder=stakeholder, notes="first")

    stakeholder_update(stakeholder=stakeholder, notes="second")

    assert (stored(stakeholder).notes, stored(stakeholder).version) == ("second", 3)


def test_update_refuses_an_invalid_value_and_keeps_the_version(stakeholder):
    with pytest.raises(ValidationError) as error:
        stakeholder_update(stakeholder=stakeholder, version=1, kind="ngo")

    assert refused_fields(error) == {"kind"}
    assert (stored(stakeholder).kind, stored(stakeholder).version) == ("government", 1)


@pytest.mark.parametrize("field", ["id", "created_at", "updated_at"])
def test_update_refuses_a_field_that_is_not_editable(stakeholder, field):
    with pytest.raises(ValidationError) as error:
        stakeholder_update(stakeholder=stakeholder, **{field: 7})

    assert refused_fields(error) == {field}
    assert stored(stakeholder).version == 1


def test_a_stakeholder_cannot_be_its_own_parent(stakeholder):
    with pytest.raises(ValidationError) as error:
        stakeholder_update(stakeholder=stakeholder, parent=stakeholder)

    assert refused_fields(error) == {"parent"}
    assert stored(stakeholder).parent is None


def test_a_stakeholder_cannot_sit_inside_one_of_its_own_units(stakeholder):
    unit = stakeholder_create(
        name="Deputy for Prevention", kind="government", level="national", parent=stakeholder
    )
    sub_unit = stakeholder_create(
        name="Directorate of Community Prevention", kind="government", level="national", parent=unit
    )

    with pytest.raises(ValidationError) as error:
        stakeholder_update(stakeholder=stakeholder, parent=sub_unit)

    assert refused_fields(error) == {"parent"}
    assert (stored(stakeholder).parent, stored(stakeholder).version) == (None, 1)


def test_a_unit_can_move_under_another_organisation(stakeholder):
    unit = stakeholder_create(
        name="Deputy for Prevention", kind="government", level="national", parent=stakeholder
    )
    ministry = StakeholderFactory()

    stakeholder_update(stakeholder=unit, parent=ministry)

    assert stored(unit).parent == ministry


def test_update_replaces_the_sources_it_is_given_and_keeps_them_otherwise(stakeholder):
    first, second = SourceFactory(), SourceFactory()
    stakeholder_update(stakeholder=stakeholder, sources=[first])

    stakeholder_update(stakeholder=stakeholder, notes="no change of sources")
    assert list(stored(stakeholder).sources.all()) == [first]

    stakeholder_update(stakeholder=stakeholder, sources=[second])
    assert list(stored(stakeholder).sources.all()) == [second]

    stakeholder_update(stakeholder=stakeholder, sources=[])
    assert not stored(stakeholder).sources.exists()


# --------------------------------------------------------------------------------------------
# Involvements: in an output, or in a whole programme
# --------------------------------------------------------------------------------------------


def test_an_involvement_in_an_output_takes_the_programme_of_the_output(stakeholder, output):
    created = involvement_create(stakeholder=stakeholder, output=output, role="donor")

    row = stored(created)
    assert (row.output, row.programme_id) == (output, output.programme_id)


def test_an_involvement_naming_the_output_and_its_own_programme_is_accepted(
    stakeholder, output, programme
):
    created = involvement_create(
        stakeholder=stakeholder, programme=programme, output=output, role="donor"
    )

    assert (stored(created).programme, stored(created).output) == (programme, output)


def test_an_involvement_in_a_whole_programme_has_no_output(stakeholder, programme):
    created = involvement_create(stakeholder=stakeholder, programme=programme, role="oversight")

    assert (stored(created).programme, stored(created).output) == (programme, None)


def test_an_output_of_another_programme_is_refused_on_the_output(
    stakeholder, programme, foreign_output
):
    with pytest.raises(ValidationError) as error:
        involvement_create(
            stakeholder=stakeholder, programme=programme, output=foreign_output, role="lead"
        )

    assert refused_fields(error) == {"output"}
    assert not Involvement.objects.exists()


def test_an_involvement_without_programme_or_output_is_refused_on_the_programme(stakeholder):
    with pytest.raises(ValidationError) as error:
        involvement_create(stakeholder=stakeholder, role="lead")

    assert refused_fields(error) == {"programme"}
    assert not Involvement.objects.exists()


def test_create_records_scores_stance_sources_and_the_actor(stakeholder, output, alice):
    source = SourceFactory()

    created = involvement_create(
        actor=alice,
        stakeholder=stakeholder,
        output=output,
        role="implementing_partner",
        influence=5,
        interest=1,
        stance="sceptic",
        sources=[source],
    )

    row = stored(created)
    assert (row.influence, row.interest, row.stance, row.version) == (5, 1, "sceptic", 1)
    assert list(row.sources.all()) == [source]
    assert row.history.latest().history_user == alice


def test_scores_and_stance_may_be_left_unknown(stakeholder, output):
    row = stored(involvement_create(stakeholder=stakeholder, output=output, role="consulted"))

    assert (row.influence, row.interest, row.stance) == (None, None, "")


@pytest.mark.parametrize("field", ["influence", "interest"])
@pytest.mark.parametrize("value", [0, 6])
def test_create_refuses_a_score_outside_1_to_5_on_that_score(stakeholder, output, field, value):
    with pytest.raises(ValidationError) as error:
        involvement_create(stakeholder=stakeholder, output=output, role="lead", **{field: value})

    assert refused_fields(error) == {field}
    assert not Involvement.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("role", "sponsor"), ("stance", "hostile")])
def test_create_refuses_an_unknown_role_or_stance_on_that_field(stakeholder, output, field, value):
    fields = {"role": "lead"} | {field: value}

    with pytest.raises(ValidationError) as error:
        involvement_create(stakeholder=stakeholder, output=output, **fields)

    assert refused_fields(error) == {field}


def test_a_stakeholder_holds_a_role_once_per_output(involvement, stakeholder, output):
    with pytest.raises(ValidationError):
        involvement_create(stakeholder=stakeholder, output=output, role="lead")
    involvement_create(stakeholder=stakeholder, output=output, role="donor")

    assert Involvement.objects.filter(stakeholder=stakeholder, output=output).count() == 2


def test_a_stakeholder_holds_a_role_once_per_programme_as_a_whole(stakeholder, programme):
    involvement_create(stakeholder=stakeholder, programme=programme, role="oversight")

    with pytest.raises(ValidationError):
        involvement_create(stakeholder=stakeholder, programme=programme, role="oversight")

    assert Involvement.objects.filter(stakeholder=stakeholder, output=None).count() == 1


def test_the_same_role_in_an_output_and_in_the_whole_programme_may_coexist(involvement, programme):
    involvement_create(stakeholder=involvement.stakeholder, programme=programme, role="lead")

    assert Involvement.objects.filter(stakeholder=involvement.stakeholder, role="lead").count() == 2


def test_update_changes_scores_and_stance_and_records_the_actor(involvement, bob):
    involvement_update(
        involvement=involvement, actor=bob, version=1, influence=5, stance="champion"
    )

    row = stored(involvement)
    assert (row.influence, row.interest, row.stance, row.version) == (5, 3, "champion", 2)
    assert row.history.latest().history_user == bob


def test_involvement_update_from_a_stale_version_is_refused(involvement):
    involvement_update(involvement=involvement, version=1, interest=5)

    with pytest.raises(VersionConflict):
        involvement_update(involvement=involvement, version=1, interest=1)

    assert (stored(involvement).interest, stored(involvement).version) == (5, 2)


@pytest.mark.parametrize("field", ["influence", "interest"])
def test_update_refuses_a_score_outside_1_to_5_and_keeps_the_version(involvement, field):
    with pytest.raises(ValidationError) as error:
        involvement_update(involvement=involvement, version=1, **{field: 6})

    assert refused_fields(error) == {field}
    row = stored(involvement)
    assert (getattr(row, field), row.version) == (getattr(involvement, field), 1)


@pytest.mark.parametrize("field", ["stakeholder", "programme", "output"])
def test_an_involvement_cannot_move_to_another_stakeholder_programme_or_output(involvement, field):
    other = InvolvementFactory()

    with pytest.raises(ValidationError) as error:
        involvement_update(involvement=involvement, **{field: getattr(other, field)})

    assert refused_fields(error) == {field}
    assert getattr(stored(involvement), field) == getattr(involvement, field)


def test_involvement_update_replaces_the_sources_it_is_given_and_keeps_them_otherwise(
    involvement,
):
    source = SourceFactory()
    involvement_update(involvement=involvement, sources=[source])

    involvement_update(involvement=involvement, notes="Chairs the steering committee")

    row = stored(involvement)
    assert (list(row.sources.all()), row.version) == ([source], 3)
