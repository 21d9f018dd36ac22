"""Reads of programmes, outputs and indicator progress: the programme pages' selectors
(apps.workspace.programmes.selectors), the page's programme lookup and the indicator figures
(apps.programmes.selectors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.assessments.services import assessment_create
from apps.programmes.progress import Band
from apps.programmes.selectors import indicator_progress, indicators_for_outputs
from apps.workspace.programmes.selectors import outcome_tree, output_list, programme_list
from apps.workspace.views.base import readable_programme
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    UserFactory,
)

ADMINISTRATIVE = {"A1": 0, "A2": 0, "A3": 0, "C1": 0, "C2": 0, "C3": 0}
SYMBOLIC = {"A1": 2, "A2": 2, "A3": 2, "C1": 2, "C2": 2, "C3": 2}


def programme_get(*, user, code):
    """The programme a page at /p/<code>/ shows this user (404 when they may not read it)."""
    request = RequestFactory().get(f"/p/{code}/")
    request.user = user
    return readable_programme(request, code)


@pytest.fixture
def sam(db):
    """Sam is staff: he administers every programme without a membership."""
    return UserFactory(username="sam", is_staff=True)


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory()


# --------------------------------------------------------------------------------------------
# programme_list / programme_get
# --------------------------------------------------------------------------------------------


def test_programme_list_shows_only_programmes_the_user_holds_a_role_in(
    programme, other_programme, alice, bob
):
    assert list(programme_list(user=alice)) == [programme]
    assert list(programme_list(user=bob)) == [programme]


def test_programme_list_shows_a_programme_to_its_viewer(programme, other_programme):
    vera = UserFactory(username="vera")
    MembershipFactory(user=vera, programme=programme, role="viewer")

    assert list(programme_list(user=vera)) == [programme]


def test_programme_list_is_empty_for_a_user_with_no_role(programme, charlie):
    assert list(programme_list(user=charlie)) == []


def test_staff_sees_every_programme(programme, other_programme, sam):
    assert set(programme_list(user=sam)) == {programme, other_programme}


def test_programme_list_counts_outputs_and_only_unresolved_obstacles(programme, outcome, alice):
    OutputFactory.create_batch(3, outcome=outcome)
    for status in ("open", "mitigating", "resolved", "accepted"):
        ObstacleFactory(programme=programme, status=status)

    listed = programme_list(user=alice).get()

    assert listed.output_count == 3
    assert listed.open_obstacle_count == 2


def test_programme_list_counts_are_per_programme_for_staff(
    programme, outcome, other_programme, sam
):
    OutputFactory.create_batch(2, outcome=outcome)
    ObstacleFactory.create_batch(4, programme=programme)
    OutputFactory(outcome=OutcomeFactory(programme=other_programme))

    counts = {p.code: (p.output_count, p.open_obstacle_count) for p in programme_list(user=sam)}

    assert counts == {programme.code: (2, 4), other_programme.code: (1, 0)}


def test_programme_list_with_no_outputs_counts_zero(programme, alice):
    listed = programme_list(user=alice).get()

    assert (listed.output_count, listed.open_obstacle_count) == (0, 0)


def test_programme_get_returns_the_programme_to_a_member(programme, alice, bob):
    assert programme_get(user=alice, code=programme.code) == programme
    assert programme_get(user=bob, code=programme.code) == programme


def test_programme_get_answers_404_to_a_user_with_no_role(programme, charlie):
    with pytest.raises(Http404):
        programme_get(user=charlie, code=programme.code)


def test_programme_get_answers_the_same_404_for_an_unknown_code(programme, charlie):
    with pytest.raises(Http404) as hidden:
        programme_get(user=charlie, code=programme.code)
    with pytest.raises(Http404) as missing:
        programme_get(user=charlie, code="NO-SUCH-CODE")

    assert str(hidden.value) == str(missing.value)


def test_programme_get_hides_another_programme_from_its_non_members(other_programme, alice):
    with pytest.raises(Http404):
        programme_get(user=alice, code=other_programme.code)


def test_staff_gets_any_programme(other_programme, sam):
    assert programme_get(user=sam, code=other_programme.code) == other_programme


# --------------------------------------------------------------------------------------------
# output_list / outcome_tree
# --------------------------------------------------------------------------------------------


def test_output_list_carries_the_latest_assessment_by_date(output):
    # Created newest-first, so the latest by date is not the latest inserted row.
    latest = assessment_create(output=output, assessed_on=date(2020, 6, 30), items=SYMBOLIC)
    assessment_create(output=output, assessed_on=date(2019, 6, 30), items=ADMINISTRATIVE)

    listed = output_list(programme=output.programme).get()

    assert listed.current_assessment_id == latest.pk
    assert listed.current_quadrant == "symbolic"
    assert listed.current_assessed_on == date(2020, 6, 30)
    assert listed.current_ambiguity == Decimal("1")
    assert listed.current_conflict == Decimal("1")
    assert listed.current_borderline is False


def test_output_list_shows_no_assessment_for_a_never_assessed_output(output):
    listed = output_list(programme=output.programme).get()

    assert listed.current_assessment_id is None
    assert listed.current_quadrant is None


def test_output_list_keeps_to_its_programme_and_orders_by_outcome_then_code(outcome):
    later = OutcomeFactory(programme=outcome.programme, order=2)
    outcome.order = 1
    outcome.save()
    OutputFactory(outcome=later, code="1.1")
    OutputFactory(outcome=outcome, code="2.2")
    OutputFactory(outcome=outcome, code="2.1")
    OutputFactory(code="0.1")  # another programme

    codes = [o.code for o in output_list(programme=outcome.programme)]

    assert codes == ["2.1", "2.2", "1.1"]


def test_outcome_tree_groups_outputs_under_their_outcomes(programme):
    first = OutcomeFactory(programme=programme, code="SP1", order=1)
    second = OutcomeFactory(programme=programme, code="SP2", order=2)
    empty = OutcomeFactory(programme=programme, code="SP3", order=3)
    a = OutputFactory(outcome=first, code="1.1")
    b = OutputFactory(outcome=first, code="1.2")
    c = OutputFactory(outcome=second, code="2.1")
    assessment_create(output=c, assessed_on=date(2019, 6, 30), items=SYMBOLIC)

    tree = outcome_tree(programme=programme)

    assert [(o, outputs) for o, outputs in tree] == [(first, [a, b]), (second, [c]), (empty, [])]
    assert tree[1][1][0].current_quadrant == "symbolic"


def test_outcome_tree_costs_the_same_queries_for_one_outcome_as_for_many(programme):
    def queries_for_tree() -> int:
        with CaptureQueriesContext(connection) as captured:
            tree = outcome_tree(programme=programme)
            for outcome, _outputs in tree:
                list(outcome.sources.all())
        return len(captured)

    OutputFactory(outcome=OutcomeFactory(programme=programme))
    small = queries_for_tree()
    for _ in range(5):
        OutputFactory.create_batch(2, outcome=OutcomeFactory(programme=programme))
    large = queries_for_tree()

    assert len(outcome_tree(programme=programme)) == 6
    assert small == large


# --------------------------------------------------------------------------------------------
# indicator_progress
# --------------------------------------------------------------------------------------------


def measure(indicator, y: int, value: str):
    return MeasurementFactory(
        indicator=indicator,
        period_start=date(y, 1, 1),
        period_end=date(y, 12, 31),
        value=Decimal(value),
    )


@pytest.fixture
def seizures(output):
    """Kilograms seized: each year counts what happened in it, aiming at 100 by 2020."""
    indicator = IndicatorFactory(
        output=output,
        code="SEIZED",
        aggregation="sum",
        direction="increase",
        baseline_value=Decimal("0"),
        baseline_date=date(2018, 1, 1),
        target_value=Decimal("100"),
        target_date=date(2020, 1, 1),
    )
    measure(indicator, 2018, "50")
    measure(indicator, 2019, "30")
    return indicator


@pytest.fixture
def prevalence(output):
    """Drug-use prevalence in %: a level that should fall from 40 to 20 by 2020."""
    indicator = IndicatorFactory(
        output=output,
        code="PREV",
        measure="percentage",
        aggregation="latest",
        direction="decrease",
        baseline_value=Decimal("40"),
        baseline_date=date(2018, 1, 1),
        target_value=Decimal("20"),
        target_date=date(2020, 1, 1),
    )
    # Recorded out of order: the latest period must win, not the latest row.
    measure(indicator, 2019, "25")
    measure(indicator, 2018, "30")
    return indicator


def test_sum_indicator_adds_up_the_periods_ended_by_the_date(seizures):
    halfway = indicator_progress(indicators=[seizures], on=date(2019, 1, 1))[seizures.pk]
    at_end = indicator_progress(indicators=[seizures], on=date(2020, 1, 1))[seizures.pk]

    assert (halfway.actual, halfway.achievement, halfway.expected, halfway.band) == (
        Decimal("50"),
        Decimal("0.5"),
        Decimal("0.5"),
        Band.ON_TRACK,
    )
    assert (at_end.actual, at_end.achievement, at_end.expected, at_end.band) == (
        Decimal("80"),
        Decimal("0.8"),
        Decimal("1"),
        Band.BELOW,
    )


def test_decreasing_latest_indicator_takes_the_most_recent_level(prevalence):
    halfway = indicator_progress(indicators=[prevalence], on=date(2019, 1, 1))[prevalence.pk]
    at_end = indicator_progress(indicators=[prevalence], on=date(2020, 1, 1))[prevalence.pk]

    # 40 -> 30 is half of the way from 40 to 20.
    assert (halfway.actual, halfway.achievement, halfway.band) == (
        Decimal("30"),
        Decimal("0.5"),
        Band.ON_TRACK,
    )
    # 40 -> 25 is three quarters of the way, with the whole timeline elapsed.
    assert (at_end.actual, at_end.achievement, at_end.expected, at_end.band) == (
        Decimal("25"),
        Decimal("0.75"),
        Decimal("1"),
        Band.BELOW,
    )


def test_progress_before_any_period_ended_is_not_due(seizures, prevalence):
    result = indicator_progress(indicators=[seizures, prevalence], on=date(2018, 1, 1))

    for pk in (seizures.pk, prevalence.pk):
        assert result[pk].actual is None
        assert result[pk].achievement is None
        assert result[pk].band is Band.NOT_DUE


def test_indicator_without_dates_falls_back_on_its_output_timeline(output):
    indicator = IndicatorFactory(output=output, target_value=Decimal("10"))
    measure(indicator, 2017, "5")

    result = indicator_progress(indicators=[indicator], on=date(2019, 1, 1))[indicator.pk]

    # Output runs 2017-01-01 .. 2020-12-31: 730 of 1460 days have passed.
    assert (result.actual, result.achievement, result.expected, result.band) == (
        Decimal("5"),
        Decimal("0.5"),
        Decimal("0.5"),
        Band.ON_TRACK,
    )


def test_indicators_for_outputs_keeps_to_the_given_outputs(seizures, prevalence):
    unrelated = IndicatorFactory()

    found = list(indicators_for_outputs([seizures.output]))

    assert set(found) == {seizures, prevalence}
    assert unrelated not in found


def test_indicators_for_outputs_gives_progress_for_each(seizures, prevalence):
    result = indicator_progress(
        indicators=indicators_for_outputs([seizures.output]), on=date(2020, 1, 1)
    )

    assert {pk: p.actual for pk, p in result.items()} == {
        seizures.pk: Decimal("80"),
        prevalence.pk: Decimal("25"),
    }


def outputs_with_indicators(outcome, count: int) -> list:
    outputs = OutputFactory.create_batch(count, outcome=outcome)
    for output in outputs:
        for aggregation in ("sum", "latest"):
            indicator = IndicatorFactory(
                output=output, aggregation=aggregation, target_value=Decimal("100")
            )
            measure(indicator, 2018, "10")
            measure(indicator, 2019, "20")
    return outputs


def test_indicator_progress_costs_the_same_queries_for_2_and_for_10_outputs(
    outcome, django_assert_num_queries
):
    few = outputs_with_indicators(outcome, 2)
    many = outputs_with_indicators(OutcomeFactory(programme=outcome.programme), 10)

    with CaptureQueriesContext(connection) as for_few:
        small = indicator_progress(indicators=indicators_for_outputs(few), on=date(2020, 1, 1))
    # One query for the indicators with their outputs, one for all their measurements.
    with django_assert_num_queries(2):
        large = indicator_progress(indicators=indicators_for_outputs(many), on=date(2020, 1, 1))

    assert len(for_few) == 2
    assert (len(small), len(large)) == (4, 20)
    assert {p.actual for p in large.values()} == {Decimal("30"), Decimal("20")}


def test_indicator_progress_for_no_outputs_is_empty(db):
    assert indicator_progress(indicators=indicators_for_outputs([])) == {}


def test_current_scores_come_back_with_four_places_on_every_database(output, alice):
    stored = assessment_create(
        actor=alice,
        output=output,
        assessed_on=date(2020, 1, 1),
        # 1/12 on ambiguity: a repeating decimal that SQLite would hand back as a long float.
        items={"A1": 1, "A2": 0, "A3": 0, "A4": 0, "A5": 0, "A6": 0, "C1": 0, "C2": 0, "C3": 1},
    )
    listed = output_list(programme=output.programme).get(pk=output.pk)
    assert str(listed.current_ambiguity) == str(stored.ambiguity) == "0.0833"
    assert str(listed.current_conflict) == str(stored.conflict) == "0.1667"
