"""Versioned, validated, audited writes (apps.core.services) and idempotent loads (apps.core.sync).

DESIGN section 6: every write is one transaction, an edit carries the version it was read at and
a stale one is refused, and history keeps every change with the user who made it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from apps.core.services import (
    VersionConflict,
    editable_fields,
    record_create,
    record_delete,
    record_update,
)
from apps.core.sync import SyncReport, sync_record
from apps.programmes.models import Outcome, Programme
from apps.programmes.payloads import ProgrammeChanges
from apps.programmes.services import outcome_create, outcome_update
from tests.factories import SourceFactory

PROGRAMME_EDITABLE = editable_fields(ProgrammeChanges) - {"sources"}

PROGRAMME_FIELDS = {
    "code": "IDN-CP-2017",
    "title": "Country Programme for Indonesia",
    "country": "IDN",
    "agency": "UNODC",
    "start_date": date(2017, 1, 1),
    "end_date": date(2020, 12, 31),
}


def stored_version(record) -> int:
    """The version the database holds now, whatever the Python object says."""
    return type(record).objects.values_list("version", flat=True).get(pk=record.pk)


def update_programme(programme: Programme, *, expected_version: int | None, actor=None, **changes):
    return record_update(
        programme,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        editable=PROGRAMME_EDITABLE,
    )


# --------------------------------------------------------------------------------------------
# record_create
# --------------------------------------------------------------------------------------------


def test_created_record_starts_at_version_one_with_a_history_row_naming_the_actor(alice):
    programme = record_create(Programme, actor=alice, fields=PROGRAMME_FIELDS)

    assert stored_version(programme) == 1
    assert programme.history.count() == 1
    created = programme.history.first()
    assert created.history_type == "+"
    assert created.history_user == alice


def test_created_record_gets_its_many_to_many_links(db):
    sources = [SourceFactory(), SourceFactory()]

    programme = record_create(Programme, fields=PROGRAMME_FIELDS, m2m={"sources": sources})

    assert set(programme.sources.all()) == set(sources)


def test_invalid_new_record_is_refused_and_not_written(db):
    fields = PROGRAMME_FIELDS | {"start_date": date(2021, 1, 1), "end_date": date(2020, 1, 1)}

    with pytest.raises(ValidationError) as caught:
        record_create(Programme, fields=fields)

    assert "must not be before" in " ".join(caught.value.message_dict["end_date"])
    assert not Programme.objects.filter(code=fields["code"]).exists()


def test_anonymous_actor_leaves_the_history_user_blank(db):
    programme = record_create(Programme, actor=AnonymousUser(), fields=PROGRAMME_FIELDS)

    assert programme.history.first().history_user is None


# --------------------------------------------------------------------------------------------
# record_update
# --------------------------------------------------------------------------------------------


def test_current_version_is_accepted_and_raised_by_exactly_one(programme, alice):
    updated = update_programme(programme, expected_version=1, actor=alice, title="Renamed")

    assert updated.version == 2
    assert stored_version(programme) == 2
    programme.refresh_from_db()
    assert programme.title == "Renamed"


def test_each_accepted_update_raises_the_version_by_one_more(programme):
    first = update_programme(programme, expected_version=1, title="One")
    second = update_programme(first, expected_version=first.version, title="Two")

    assert (first.version, second.version) == (2, 3)
    assert stored_version(programme) == 3


def test_stale_version_is_refused_with_conflict_and_nothing_is_written(programme, alice):
    update_programme(programme, expected_version=1, title="Alice's title")
    history_rows = programme.history.count()

    with pytest.raises(VersionConflict) as caught:
        update_programme(programme, expected_version=1, actor=alice, title="Overwrite")

    assert (caught.value.expected, caught.value.current) == (1, 2)
    programme.refresh_from_db()
    assert programme.title == "Alice's title"
    assert programme.version == 2
    assert programme.history.count() == history_rows


def test_of_two_writers_holding_the_same_version_only_the_first_wins(programme, alice):
    bobs_copy = Programme.objects.get(pk=programme.pk)
    alices_copy = Programme.objects.get(pk=programme.pk)

    update_programme(alices_copy, expected_version=alices_copy.version, title="Alice wins")
    with pytest.raises(VersionConflict):
        update_programme(bobs_copy, expected_version=bobs_copy.version, title="Bob loses")

    programme.refresh_from_db()
    assert programme.title == "Alice wins"
    assert programme.version == 2


def test_version_none_accepts_whatever_the_current_version_is(programme):
    update_programme(programme, expected_version=1, title="Moved on")
    update_programme(programme, expected_version=2, title="Moved on again")

    updated = update_programme(programme, expected_version=None, title="Last word")

    assert updated.version == 4
    programme.refresh_from_db()
    assert programme.title == "Last word"


def test_update_of_a_deleted_record_is_a_conflict_with_no_current_version(programme):
    Programme.objects.filter(pk=programme.pk).delete()

    with pytest.raises(VersionConflict) as caught:
        update_programme(programme, expected_version=None, title="Gone")

    assert caught.value.current is None


@pytest.mark.parametrize("field", ["version", "created_at", "no_such_field"])
def test_field_outside_the_editable_list_is_refused_by_name(programme, field):
    with pytest.raises(ValidationError) as caught:
        update_programme(programme, expected_version=1, **{field: 99})

    assert field in caught.value.message_dict
    assert stored_version(programme) == 1


def test_all_refused_fields_are_named_and_the_allowed_ones_are_not_applied(programme):
    with pytest.raises(ValidationError) as caught:
        update_programme(programme, expected_version=1, title="Sneaky", version=7, pk=3)

    assert sorted(caught.value.message_dict) == ["pk", "version"]
    programme.refresh_from_db()
    assert programme.title != "Sneaky"


def test_failed_validation_rolls_back_the_version_raise(programme):
    with pytest.raises(ValidationError) as caught:
        update_programme(programme, expected_version=1, end_date=date(2016, 1, 1))

    assert "must not be before" in " ".join(caught.value.message_dict["end_date"])
    programme.refresh_from_db()
    assert programme.version == 1
    assert programme.end_date == date(2020, 12, 31)
    assert programme.history.count() == 1


def test_after_a_failed_update_the_same_version_is_still_accepted(programme):
    with pytest.raises(ValidationError):
        update_programme(programme, expected_version=1, country="Indonesia")

    updated = update_programme(programme, expected_version=1, country="TLS")

    assert (updated.version, updated.country) == (2, "TLS")


def test_each_update_adds_one_history_row_with_the_acting_user(programme, alice, bob):
    first = update_programme(programme, expected_version=1, actor=alice, title="By Alice")
    update_programme(first, expected_version=2, actor=bob, budget=Decimal("1000"))

    rows = list(programme.history.order_by("history_date", "history_id"))
    assert [row.history_type for row in rows] == ["+", "~", "~"]
    assert [row.version for row in rows] == [1, 2, 3]
    assert rows[1].history_user == alice
    assert rows[1].title == "By Alice"
    assert programme.history.first().history_user == bob
    # History keeps the old values: the row before Bob's change had no budget.
    assert rows[1].budget is None
    assert rows[2].budget == Decimal("1000")


def test_update_replaces_many_to_many_links_when_given(programme):
    old, new = SourceFactory(), SourceFactory()
    programme.sources.set([old])

    record_update(
        programme,
        expected_version=1,
        changes={},
        editable=PROGRAMME_EDITABLE,
        m2m={"sources": [new]},
    )

    assert list(programme.sources.all()) == [new]
    assert stored_version(programme) == 2


# --------------------------------------------------------------------------------------------
# record_delete
# --------------------------------------------------------------------------------------------


def test_delete_with_stale_version_is_refused_and_the_record_stays(programme, alice):
    update_programme(programme, expected_version=1, title="Changed meanwhile")

    with pytest.raises(VersionConflict) as caught:
        record_delete(programme, actor=alice, expected_version=1)

    assert (caught.value.expected, caught.value.current) == (1, 2)
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_delete_with_current_version_removes_the_record_and_records_who(programme, alice):
    record_delete(programme, actor=alice, expected_version=1)

    assert not Programme.objects.filter(pk=programme.pk).exists()
    deleted = Programme.history.filter(id=programme.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_user == alice


def test_delete_with_version_none_removes_the_record(programme):
    update_programme(programme, expected_version=1, title="Changed meanwhile")

    record_delete(programme, expected_version=None)

    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_delete_of_an_already_deleted_record_is_a_conflict(programme):
    record_delete(programme, expected_version=1)

    with pytest.raises(VersionConflict) as caught:
        record_delete(programme, expected_version=None)

    assert caught.value.current is None


# --------------------------------------------------------------------------------------------
# sync_record
# --------------------------------------------------------------------------------------------


class RecordingServices:
    """The outcome services, wrapped to record what sync_record asked them to do."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.created: list[dict] = []
        self.updates: list[dict] = []

    def create(self, **fields):
        self.created.append(fields)
        return outcome_create(**fields)

    def update(self, instance: Outcome, **changes):
        self.updates.append(changes)
        return outcome_update(outcome=instance, **changes)

    def sync(self, report: SyncReport, code: str, sources=None, **values) -> Outcome:
        return sync_record(
            report,
            Outcome,
            lookup={"programme": self.programme, "code": code},
            values=values,
            m2m=None if sources is None else {"sources": sources},
            create=self.create,
            update=self.update,
        )


def test_sync_creates_a_missing_record_through_the_create_service(programme):
    services = RecordingServices(programme)
    report = SyncReport()
    source = SourceFactory()

    outcome = services.sync(report, "SP1", title="Drug trafficking", sources=[source])

    assert outcome.programme == programme
    assert outcome.title == "Drug trafficking"
    assert list(outcome.sources.all()) == [source]
    assert report.created["Outcomes"] == 1
    assert report.changed_anything
    assert services.updates == []


def test_sync_leaves_an_identical_record_alone(programme):
    services = RecordingServices(programme)
    sources = [SourceFactory(), SourceFactory()]
    services.sync(SyncReport(), "SP1", title="Drug trafficking", order=1, sources=sources)
    report = SyncReport()

    outcome = services.sync(
        report, "SP1", title="Drug trafficking", order=1, sources=list(reversed(sources))
    )

    assert services.updates == []
    assert outcome.version == 1
    assert report.unchanged["Outcomes"] == 1
    assert not report.changed_anything


def test_sync_updates_only_the_fields_that_differ(programme):
    services = RecordingServices(programme)
    services.sync(SyncReport(), "SP1", title="Drug trafficking", description="Same", order=1)
    report = SyncReport()

    outcome = services.sync(report, "SP1", title="Organised crime", description="Same", order=1)

    assert services.updates == [{"title": "Organised crime"}]
    assert outcome.title == "Organised crime"
    assert outcome.version == 2
    assert report.updated["Outcomes"] == 1
    assert report.changed_anything


def test_sync_updates_links_when_the_many_to_many_set_differs(programme):
    services = RecordingServices(programme)
    kept, dropped, added = SourceFactory(), SourceFactory(), SourceFactory()
    services.sync(SyncReport(), "SP1", title="Drugs", sources=[kept, dropped])
    report = SyncReport()

    outcome = services.sync(report, "SP1", title="Drugs", sources=[kept, added])

    assert services.updates == [{"sources": [kept, added]}]
    assert set(outcome.sources.all()) == {kept, added}
    assert report.updated["Outcomes"] == 1


def test_sync_report_lists_each_kind_once_with_its_counts(programme):
    services = RecordingServices(programme)
    report = SyncReport()
    services.sync(report, "SP1", title="One")
    services.sync(report, "SP2", title="Two")
    services.sync(report, "SP1", title="One")
    services.sync(report, "SP2", title="Two, renamed")

    assert report.lines() == ["Outcomes         created   2  updated   1  unchanged   1"]


def test_sync_obeys_the_services_validation(programme):
    services = RecordingServices(programme)
    report = SyncReport()

    with pytest.raises(ValidationError) as caught:
        services.sync(report, "SP1", title="x" * 301)

    assert "title" in caught.value.message_dict
    assert not Outcome.objects.filter(programme=programme).exists()
