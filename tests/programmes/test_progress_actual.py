"""The actual value of an indicator on a date (actual_at): a sum of ended periods, or the latest."""

from __future__ import annotations

from datetime import date

import pytest

from apps.programmes.progress import IndicatorSpec, MeasurementPoint, actual_at
from tests.programmes.progress_specs import D, latest_spec, sum_spec, year

# --- actual_at -----------------------------------------------------------------------------


def test_sum_adds_up_every_period_that_has_ended() -> None:
    points = [year(2021, "120.5"), year(2022, "80"), year(2023, "99.5")]
    assert actual_at(sum_spec(), points, date(2024, 1, 1)) == D("300.0")


def test_sum_counts_a_period_ending_exactly_on_the_date() -> None:
    points = [year(2021, "10"), year(2022, "5")]
    assert actual_at(sum_spec(), points, date(2022, 12, 31)) == D("15")


def test_sum_ignores_a_period_ending_the_day_after_the_date() -> None:
    points = [year(2021, "10"), year(2022, "5")]
    assert actual_at(sum_spec(), points, date(2022, 12, 30)) == D("10")


def test_sum_skips_measurements_without_a_value() -> None:
    points = [year(2021, "10"), year(2022, None), year(2023, "2")]
    assert actual_at(sum_spec(), points, date(2024, 1, 1)) == D("12")


def test_sum_of_values_that_cancel_is_zero_not_none() -> None:
    points = [year(2021, "5"), year(2022, "-5")]
    assert actual_at(sum_spec(), points, date(2023, 1, 1)) == D("0")


def test_sum_keeps_every_digit_of_long_values() -> None:
    points = [year(2021, "1" * 40), year(2022, "0." + "0" * 39 + "1")]
    expected = D("1" * 40 + "." + "0" * 39 + "1")
    assert actual_at(sum_spec(), points, date(2023, 1, 1)) == expected


def test_latest_takes_the_most_recent_period_end_whatever_the_order_given() -> None:
    points = [year(2022, "3.1"), year(2023, "2.9"), year(2021, "3.5")]
    assert actual_at(latest_spec(), points, date(2024, 6, 30)) == D("2.9")


def test_latest_ignores_a_period_that_has_not_ended_yet() -> None:
    points = [year(2022, "3.1"), year(2023, "2.9")]
    assert actual_at(latest_spec(), points, date(2023, 12, 30)) == D("3.1")


def test_latest_prefers_the_later_period_start_when_period_ends_tie() -> None:
    annual = MeasurementPoint(date(2023, 1, 1), date(2023, 12, 31), D("4"))
    quarterly = MeasurementPoint(date(2023, 10, 1), date(2023, 12, 31), D("7"))
    assert actual_at(latest_spec(), [quarterly, annual], date(2024, 1, 1)) == D("7")


def test_latest_prefers_the_last_given_when_periods_tie_completely() -> None:
    first, second = year(2023, "4"), year(2023, "7")
    assert actual_at(latest_spec(), [first, second], date(2024, 1, 1)) == D("7")
    assert actual_at(latest_spec(), [second, first], date(2024, 1, 1)) == D("4")


def test_latest_skips_a_more_recent_measurement_without_a_value() -> None:
    points = [year(2022, "3.1"), year(2023, None)]
    assert actual_at(latest_spec(), points, date(2024, 1, 1)) == D("3.1")


@pytest.mark.parametrize("aggregation", ["sum", "latest"])
def test_actual_is_none_without_measurements(aggregation: str) -> None:
    spec = IndicatorSpec(aggregation=aggregation)
    assert actual_at(spec, [], date(2024, 1, 1)) is None


@pytest.mark.parametrize("aggregation", ["sum", "latest"])
def test_actual_is_none_when_no_measurement_has_ended_yet(aggregation: str) -> None:
    spec = IndicatorSpec(aggregation=aggregation)
    assert actual_at(spec, [year(2024, "5")], date(2024, 12, 30)) is None


@pytest.mark.parametrize("aggregation", ["sum", "latest"])
def test_actual_is_none_when_every_measurement_lacks_a_value(aggregation: str) -> None:
    spec = IndicatorSpec(aggregation=aggregation)
    assert actual_at(spec, [year(2022, None), year(2023, None)], date(2024, 1, 1)) is None


@pytest.mark.parametrize("aggregation", ["sum", "latest"])
def test_qualitative_indicator_has_no_actual_even_with_values(aggregation: str) -> None:
    spec = IndicatorSpec(aggregation=aggregation, measure="qualitative")
    assert actual_at(spec, [year(2022, "5")], date(2024, 1, 1)) is None


def test_actual_accepts_a_one_shot_iterator() -> None:
    points = iter([year(2021, "1"), year(2022, "2")])
    assert actual_at(sum_spec(), points, date(2023, 1, 1)) == D("3")
