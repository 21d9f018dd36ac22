"""Writes of programmes and their outcomes (apps.programmes.services).

A broken constraint comes back as a ValidationError, never an IntegrityError (refusals.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.services import VersionConflict
from apps.programmes.models import Programme
from apps.programmes.services import (
    outcome_create,
    outcome_update,
    programme_create,
    programme_update,
)
from tests.factories import ProgrammeFactory, SourceFactory
from tests.programmes.refusals import assert_refused_on_the_end_date, errors_of


def new_programme(**overrides) -> Programme:
    fields = {
        "code": "IDN-CP-2017",
        "title": "Country Programme for Indonesia 2017–2020",
        "country": "IDN",
        "agency": "UNODC",
        "start_date": date(2017, 1, 1),
        "end_date": date(2020, 12, 31),
    } | overrides
    return programme_create(**fields)


# --------------------------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------------------------


def test_programme_is_created_with_default_thresholds_and_its_sources(db, alice):
    source = SourceFactory()

    programme = new_programme(actor=alice, budget=Decimal("12500000.00"), sources=[source])

    programme.refresh_from_db()
    assert programme.version == 1
    assert programme.ambiguity_threshold == programme.conflict_threshold == Decimal("0.5")
    assert programme.budget == Decimal("12500000.00")
    assert list(programme.sources.all()) == [source]
    assert programme.history.first().history_user == alice


def test_programme_budget_may_be_unknown(db):
    assert new_programme(budget=None).budget is None


def test_programme_ending_before_it_starts_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        new_programme(start_date=date(2020, 1, 1), end_date=date(2019, 12, 31))

    assert_refused_on_the_end_date(caught.value)
    assert not Programme.objects.exists()


def test_programme_may_end_on_the_day_it_starts(db):
    programme = new_programme(start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))

    assert programme.pk is not None


def test_programme_update_to_end_before_start_is_refused_and_version_kept(programme):
    with pytest.raises(ValidationError) as caught:
        programme_update(programme=programme, version=1, end_date=date(2016, 12, 31))

    assert_refused_on_the_end_date(caught.value)
    programme.refresh_from_db()
    assert programme.version == 1


def test_programme_code_is_unique(programme):
    with pytest.raises(ValidationError) as caught:
        new_programme(code=programme.code)

    assert "code" in errors_of(caught)
    assert Programme.objects.filter(code=programme.code).count() == 1


def test_negative_programme_budget_is_refused(db):
    with pytest.raises(ValidationError):
        new_programme(budget=Decimal("-1"))

    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ambiguity_threshold", Decimal("-0.01")),
        ("ambiguity_threshold", Decimal("1.01")),
        ("conflict_threshold", Decimal("-0.5")),
        ("conflict_threshold", Decimal("1.5")),
    ],
)
def test_threshold_outside_zero_to_one_is_refused(db, field, value):
    with pytest.raises(ValidationError) as caught:
        new_programme(**{field: value})

    assert field in errors_of(caught)
    assert not Programme.objects.exists()


@pytest.mark.parametrize("value", [Decimal("0"), Decimal("1")])
def test_threshold_at_either_end_of_the_unit_interval_is_allowed(db, value):
    programme = new_programme(ambiguity_threshold=value, conflict_threshold=value)

    assert programme.ambiguity_threshold == programme.conflict_threshold == value


def test_programme_threshold_update_outside_zero_to_one_is_refused(programme):
    with pytest.raises(ValidationError) as caught:
        programme_update(programme=programme, version=1, conflict_threshold=Decimal("2"))

    assert "conflict_threshold" in errors_of(caught)
    programme.refresh_from_db()
    assert programme.conflict_threshold == Decimal("0.5")


def test_programme_update_with_stale_version_is_refused(programme, alice):
    programme_update(programme=programme, actor=alice, version=1, title="First edit")

    with pytest.raises(VersionConflict):
        programme_update(programme=programme, version=1, title="Second edit")

    programme.refresh_from_db()
    assert (programme.title, programme.version) == ("First edit", 2)


# --------------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------------


def test_outcome_is_created_under_its_programme(programme, alice):
    outcome = outcome_create(actor=alice, programme=programme, code="SP1", title="Drugs", order=1)

    assert list(programme.outcomes.all()) == [outcome]
    assert outcome.history.first().history_user == alice


def test_outcome_code_is_unique_within_a_programme(programme):
    outcome_create(programme=programme, code="SP1", title="Drugs")

    with pytest.raises(ValidationError):
        outcome_create(programme=programme, code="SP1", title="Crime")

    assert programme.outcomes.count() == 1


def test_same_outcome_code_is_allowed_in_another_programme(programme):
    outcome_create(programme=programme, code="SP1", title="Drugs")

    other = outcome_create(programme=ProgrammeFactory(), code="SP1", title="Drugs")

    assert other.pk is not None


def test_outcome_cannot_be_moved_to_another_programme(outcome):
    with pytest.raises(ValidationError) as caught:
        outcome_update(outcome=outcome, version=1, programme=ProgrammeFactory())

    assert "programme" in errors_of(caught)


def test_outcome_update_raises_its_version(outcome):
    updated = outcome_update(outcome=outcome, version=1, title="Criminal justice", order=3)

    assert (updated.version, updated.title, updated.order) == (2, "Criminal justice", 3)
