"""Writes of sources and the evidence excerpts drawn from them (apps.evidence.services)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.core.services import VersionConflict
from apps.evidence.models import Evidence, Source
from apps.evidence.services import evidence_create, evidence_update, source_create, source_update
from tests.factories import SourceFactory
from tests.stored_records import refused_fields, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(alice):
    return source_create(
        actor=alice, key="bnn-survey-2021", title="National drug use survey 2021", kind="dataset"
    )


@pytest.fixture
def evidence(source, alice):
    return evidence_create(
        actor=alice, source=source, excerpt="Prevalence fell to 1.95 per cent.", page="12"
    )


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


def test_create_registers_a_source_and_records_the_actor(alice):
    created = source_create(
        actor=alice,
        key="unodc-wdr-2020",
        title="World Drug Report 2020",
        kind="secondary",
        author="UNODC",
        published_on=date(2020, 6, 26),
        url="https://www.unodc.org/wdr2020/",
        citation="UNODC (2020). World Drug Report 2020.",
    )

    row = stored(created)
    assert (row.key, row.kind, row.published_on, row.version) == (
        "unodc-wdr-2020",
        "secondary",
        date(2020, 6, 26),
        1,
    )
    assert row.is_illustrative is False
    assert row.history.latest().history_user == alice


@pytest.mark.parametrize("key", [None, ""])
def test_a_source_without_a_key_is_stored_with_none_so_many_may_lack_one(key):
    first = source_create(title="Interview A", kind="interview", key=key)
    second = source_create(title="Interview B", kind="interview", key=key)

    assert (stored(first).key, stored(second).key) == (None, None)


def test_a_key_is_unique_and_the_duplicate_is_refused_on_the_key(source):
    with pytest.raises(ValidationError) as error:
        source_create(key=source.key, title="Another survey", kind="dataset")

    assert refused_fields(error) == {"key"}
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "blog"), ("key", "Not a slug!"), ("url", "not a url"), ("title", "")],
)
def test_create_refuses_an_invalid_value_and_names_the_field(field, value):
    fields = {"title": "A report", "kind": "secondary"} | {field: value}

    with pytest.raises(ValidationError) as error:
        source_create(**fields)

    assert refused_fields(error) == {field}
    assert not Source.objects.exists()


def test_update_changes_fields_records_the_actor_and_raises_the_version(source, bob):
    updated = source_update(source=source, actor=bob, version=1, title="Survey 2021 (final)")

    row = stored(updated)
    assert (row.title, row.version) == ("Survey 2021 (final)", 2)
    assert row.history.latest().history_user == bob
    assert row.history.earliest().title == "National drug use survey 2021"


def test_update_to_an_empty_key_clears_it(source):
    source_update(source=source, key="")

    assert stored(source).key is None


def test_update_that_leaves_the_key_alone_keeps_it(source):
    source_update(source=source, note="Weighted sample")

    assert stored(source).key == "bnn-survey-2021"


def test_source_update_from_a_stale_version_is_refused(source):
    source_update(source=source, version=1, author="BNN")

    with pytest.raises(VersionConflict) as conflict:
        source_update(source=source, version=1, author="Puslitdatin")

    assert (conflict.value.expected, conflict.value.current) == (1, 2)
    assert (stored(source).author, stored(source).version) == ("BNN", 2)


def test_update_to_a_key_another_source_holds_is_refused_and_keeps_the_version(source):
    other = SourceFactory(key="other-report")

    with pytest.raises(ValidationError) as error:
        source_update(source=other, version=1, key=source.key)

    assert refused_fields(error) == {"key"}
    assert (stored(other).key, stored(other).version) == ("other-report", 1)


@pytest.mark.parametrize("field", ["id", "created_at", "evidence"])
def test_source_update_refuses_a_field_that_is_not_editable(source, field):
    with pytest.raises(ValidationError) as error:
        source_update(source=source, **{field: 7})

    assert refused_fields(error) == {field}
    assert stored(source).version == 1


def test_a_source_can_be_marked_illustrative(source):
    source_update(source=source, is_illustrative=True)

    assert stored(source).is_illustrative is True


# --------------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------------


def test_create_records_an_excerpt_that_supports_by_default(evidence, source, alice):
    row = stored(evidence)

    assert (row.source, row.excerpt, row.page, row.stance, row.version) == (
        source,
        "Prevalence fell to 1.95 per cent.",
        "12",
        "supports",
        1,
    )
    assert row.history.latest().history_user == alice


def test_an_excerpt_may_contest_what_it_is_attached_to(source):
    created = evidence_create(source=source, excerpt="Arrests rose instead.", stance="contests")

    assert stored(created).stance == "contests"


@pytest.mark.parametrize(("field", "value"), [("stance", "neutral"), ("excerpt", "")])
def test_create_refuses_an_invalid_value_and_names_the_field_of_evidence(source, field, value):
    fields = {"excerpt": "Something was said."} | {field: value}

    with pytest.raises(ValidationError) as error:
        evidence_create(source=source, **fields)

    assert refused_fields(error) == {field}
    assert not Evidence.objects.exists()


def test_evidence_is_as_illustrative_as_its_source(evidence, source):
    assert stored(evidence).is_illustrative is False

    source_update(source=source, is_illustrative=True)

    assert stored(evidence).is_illustrative is True


def test_evidence_update_changes_fields_records_the_actor_and_raises_the_version(evidence, bob):
    evidence_update(
        evidence=evidence, actor=bob, version=1, page="12–13", note="Table 4", stance="contests"
    )

    row = stored(evidence)
    assert (row.page, row.note, row.stance, row.version) == ("12–13", "Table 4", "contests", 2)
    assert row.history.latest().history_user == bob


def test_evidence_can_move_to_another_source(evidence):
    other = SourceFactory()

    evidence_update(evidence=evidence, source=other)

    assert stored(evidence).source == other


def test_evidence_update_from_a_stale_version_is_refused(evidence):
    evidence_update(evidence=evidence, version=1, page="13")

    with pytest.raises(VersionConflict):
        evidence_update(evidence=evidence, version=1, page="14")

    assert (stored(evidence).page, stored(evidence).version) == ("13", 2)


def test_evidence_update_refuses_an_unknown_stance_and_keeps_the_version(evidence):
    with pytest.raises(ValidationError) as error:
        evidence_update(evidence=evidence, version=1, stance="neutral")

    assert refused_fields(error) == {"stance"}
    assert (stored(evidence).stance, stored(evidence).version) == ("supports", 1)


@pytest.mark.parametrize("field", ["id", "created_at", "is_illustrative"])
def test_evidence_update_refuses_a_field_that_is_not_editable(evidence, field):
    with pytest.raises(ValidationError) as error:
        evidence_update(evidence=evidence, **{field: True})

    assert refused_fields(error) == {field}
    assert stored(evidence).version == 1
