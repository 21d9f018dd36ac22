"""Writes of outputs (apps.programmes.services): an output's programme is its outcome's.

A broken constraint comes back as a ValidationError, never an IntegrityError (refusals.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.programmes.models import Output
from apps.programmes.services import output_create, output_update
from tests.factories import OutcomeFactory, ProgrammeFactory
from tests.programmes.refusals import assert_refused_on_the_end_date, errors_of

# --------------------------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------------------------


def test_output_takes_its_programme_from_its_outcome(outcome, alice):
    output = output_create(actor=alice, outcome=outcome, code="1.1", title="Seizures")

    output.refresh_from_db()
    assert output.programme == outcome.programme
    assert output.history.first().history_user == alice


def test_output_ending_before_it_starts_is_refused(outcome):
    with pytest.raises(ValidationError) as caught:
        output_create(
            outcome=outcome,
            code="1.1",
            title="Seizures",
            start_date=date(2019, 1, 1),
            end_date=date(2018, 1, 1),
        )

    assert_refused_on_the_end_date(caught.value)
    assert not Output.objects.exists()


def test_output_update_to_end_before_start_is_refused(output):
    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, end_date=date(2016, 1, 1))

    assert_refused_on_the_end_date(caught.value)
    output.refresh_from_db()
    assert output.version == 1


def test_output_code_twice_in_one_programme_is_refused_even_across_outcomes(outcome):
    output_create(outcome=outcome, code="1.1", title="Seizures")
    sibling = OutcomeFactory(programme=outcome.programme)

    with pytest.raises(ValidationError):
        output_create(outcome=sibling, code="1.1", title="Another")

    assert Output.objects.filter(programme=outcome.programme, code="1.1").count() == 1


def test_same_output_code_in_two_programmes_is_allowed(outcome):
    first = output_create(outcome=outcome, code="1.1", title="Seizures")
    elsewhere = OutcomeFactory()

    second = output_create(outcome=elsewhere, code="1.1", title="Seizures")

    assert first.programme != second.programme
    assert Output.objects.filter(code="1.1").count() == 2


def test_output_renamed_onto_a_taken_code_is_refused(outcome):
    output_create(outcome=outcome, code="1.1", title="Seizures")
    second = output_create(outcome=outcome, code="1.2", title="Training")

    with pytest.raises(ValidationError):
        output_update(output=second, version=1, code="1.1")

    second.refresh_from_db()
    assert (second.code, second.version) == ("1.2", 1)


@pytest.mark.parametrize("field", ["budget_planned", "budget_spent"])
def test_negative_output_budget_is_refused(outcome, field):
    with pytest.raises(ValidationError):
        output_create(outcome=outcome, code="1.1", title="Seizures", **{field: Decimal("-0.01")})

    assert not Output.objects.exists()


def test_output_budgets_may_be_zero_or_unknown(outcome):
    output = output_create(
        outcome=outcome, code="1.1", title="Seizures", budget_planned=Decimal("0")
    )

    assert (output.budget_planned, output.budget_spent) == (Decimal("0"), None)


def test_output_moves_to_another_outcome_of_the_same_programme(output):
    sibling = OutcomeFactory(programme=output.programme)

    moved = output_update(output=output, version=1, outcome=sibling)

    moved.refresh_from_db()
    assert moved.outcome == sibling
    assert moved.programme == output.programme
    assert moved.version == 2


def test_output_moved_to_an_outcome_of_another_programme_is_refused(output):
    foreign = OutcomeFactory()

    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, outcome=foreign)

    assert "outcome" in errors_of(caught)
    output.refresh_from_db()
    assert output.outcome != foreign
    assert output.version == 1


def test_output_programme_cannot_be_set_directly(output):
    with pytest.raises(ValidationError) as caught:
        output_update(output=output, version=1, programme=ProgrammeFactory())

    assert "programme" in errors_of(caught)
    output.refresh_from_db()
    assert output.programme == output.outcome.programme
