"""Tests for the pure progress arithmetic in apps.programmes.progress."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.programmes.progress import (
    ON_TRACK_HIGH,
    ON_TRACK_LOW,
    Aggregation,
    Band,
    Direction,
    IndicatorSpec,
    MeasurementPoint,
    Progress,
    achievement,
    actual_at,
    band_for,
    expected_at,
    progress_at,
    validate_spec,
)

D = Decimal


def year(y: int, value: str | None) -> MeasurementPoint:
    """Build a measurement covering one calendar year."""
    return MeasurementPoint(date(y, 1, 1), date(y, 12, 31), None if value is None else D(value))


def sum_spec(**overrides: object) -> IndicatorSpec:
    """Build a `sum` indicator with baseline 0 and target 100 over 2024, unless overridden."""
    fields: dict[str, object] = {
        "aggregation": "sum",
        "baseline_value": D("0"),
        "baseline_date": date(2024, 1, 1),
        "target_value": D("100"),
        "target_date": date(2025, 1, 1),
    }
    fields.update(overrides)
    return IndicatorSpec(**fields)  # type: ignore[arg-type]


def latest_spec(**overrides: object) -> IndicatorSpec:
    """Build a `latest` indicator with baseline 10 and target 20 over 2024, unless overridden."""
    fields: dict[str, object] = {
        "aggregation": "latest",
        "baseline_value": D("10"),
        "baseline_date": date(2024, 1, 1),
        "target_value": D("20"),
        "target_date": date(2025, 1, 1),
    }
    fields.update(overrides)
    return IndicatorSpec(**fields)  # type: ignore[arg-type]


# --- IndicatorSpec -------------------------------------------------------------------------


def test_spec_turns_plain_strings_into_enums() -> None:
    spec = IndicatorSpec(aggregation="latest", direction="decrease")
    assert spec.aggregation is Aggregation.LATEST
    assert spec.direction is Direction.DECREASE


def test_spec_defaults_to_an_increasing_number() -> None:
    spec = IndicatorSpec(aggregation=Aggregation.SUM)
    assert spec.direction is Direction.INCREASE
    assert spec.measure == "number"


@pytest.mark.parametrize(
    ("field", "value"), [("aggregation", "average"), ("direction", "sideways")]
)
def test_spec_rejects_unknown_enum_strings(field: str, value: str) -> None:
    kwargs = {"aggregation": "sum", field: value}
    with pytest.raises(ValueError, match=value):
        IndicatorSpec(**kwargs)  # type: ignore[arg-type]


def test_spec_is_immutable() -> None:
    spec = IndicatorSpec(aggregation="sum")
    with pytest.raises(AttributeError):
        spec.aggregation = Aggregation.LATEST  # type: ignore[misc]


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


# --- achievement ---------------------------------------------------------------------------


def test_achievement_is_distance_covered_from_baseline_to_target() -> None:
    assert achievement(latest_spec(), D("15")) == D("0.5")


def test_achievement_is_returned_to_four_places() -> None:
    result = achievement(latest_spec(), D("15"))
    assert result is not None
    assert result.as_tuple().exponent == -4


def test_achievement_rounds_half_up_at_the_fifth_place() -> None:
    spec = sum_spec(target_value=D("100000"))
    assert achievement(spec, D("12345")) == D("0.1235")
    assert achievement(spec, D("-12345")) == D("-0.1235")
    assert achievement(spec, D("12344.9")) == D("0.1234")


def test_achievement_of_a_third_rounds_to_four_places() -> None:
    assert achievement(sum_spec(target_value=D("3")), D("1")) == D("0.3333")


def test_achievement_over_one_is_not_capped() -> None:
    assert achievement(latest_spec(), D("23")) == D("1.3")


def test_achievement_below_the_baseline_is_negative() -> None:
    assert achievement(latest_spec(), D("8")) == D("-0.2")


def test_sum_with_blank_baseline_counts_from_zero() -> None:
    spec = sum_spec(baseline_value=None, target_value=D("200"))
    assert achievement(spec, D("50")) == D("0.25")


def test_latest_with_blank_baseline_has_no_achievement() -> None:
    assert achievement(latest_spec(baseline_value=None), D("15")) is None


def test_achievement_is_none_without_a_target() -> None:
    assert achievement(latest_spec(target_value=None), D("15")) is None
    assert achievement(sum_spec(target_value=None), D("15")) is None


def test_achievement_is_none_without_an_actual() -> None:
    assert achievement(latest_spec(), None) is None


def test_achievement_is_none_when_target_equals_baseline() -> None:
    assert achievement(latest_spec(target_value=D("10.0")), D("15")) is None


def test_achievement_is_none_when_blank_sum_baseline_meets_a_zero_target() -> None:
    assert achievement(sum_spec(baseline_value=None, target_value=D("0")), D("5")) is None


def test_qualitative_indicator_has_no_achievement() -> None:
    assert achievement(latest_spec(measure="qualitative"), D("15")) is None


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        pytest.param("7.5", "0.5", id="improvement"),
        pytest.param("12", "-0.4", id="worsening-is-negative"),
        pytest.param("4", "1.2", id="overshoot-exceeds-one"),
        pytest.param("10", "0", id="no-change"),
        pytest.param("5", "1", id="target-met"),
    ],
)
def test_decrease_direction_uses_the_same_formula(actual: str, expected: str) -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D("5"))
    assert achievement(spec, D(actual)) == D(expected)


# --- expected_at ---------------------------------------------------------------------------


def test_expected_is_zero_before_the_timeline_starts() -> None:
    assert expected_at(sum_spec(), date(2023, 6, 1)) == D("0")


def test_expected_is_zero_on_the_start_date() -> None:
    assert expected_at(sum_spec(), date(2024, 1, 1)) == D("0")


def test_expected_is_one_after_the_timeline_ends() -> None:
    assert expected_at(sum_spec(), date(2026, 3, 1)) == D("1")


def test_expected_is_one_on_the_end_date() -> None:
    assert expected_at(sum_spec(), date(2025, 1, 1)) == D("1")


def test_expected_is_half_at_the_midpoint() -> None:
    # 2024 is a leap year: 366 days from 2024-01-01 to 2025-01-01, so day 183 is the middle.
    assert expected_at(sum_spec(), date(2024, 7, 2)) == D("0.5")


def test_expected_is_the_elapsed_share_to_four_places() -> None:
    spec = sum_spec(baseline_date=date(2024, 1, 1), target_date=date(2024, 1, 4))
    result = expected_at(spec, date(2024, 1, 2))
    assert result == D("0.3333")
    assert result is not None
    assert result.as_tuple().exponent == -4


def test_expected_falls_back_to_output_dates() -> None:
    spec = sum_spec(
        baseline_date=None,
        target_date=None,
        output_start=date(2030, 1, 1),
        output_end=date(2030, 1, 11),
    )
    assert expected_at(spec, date(2030, 1, 6)) == D("0.5")


def test_expected_prefers_baseline_and_target_dates_over_output_dates() -> None:
    spec = sum_spec(output_start=date(2000, 1, 1), output_end=date(2000, 12, 31))
    assert expected_at(spec, date(2024, 7, 2)) == D("0.5")


def test_expected_mixes_baseline_date_with_output_end() -> None:
    spec = sum_spec(baseline_date=date(2030, 1, 1), target_date=None, output_end=date(2030, 1, 5))
    assert expected_at(spec, date(2030, 1, 2)) == D("0.25")


def test_expected_mixes_output_start_with_target_date() -> None:
    spec = sum_spec(baseline_date=None, output_start=date(2030, 1, 1), target_date=date(2030, 1, 5))
    assert expected_at(spec, date(2030, 1, 4)) == D("0.75")


def test_expected_is_none_without_any_start_date() -> None:
    spec = sum_spec(baseline_date=None, output_start=None, output_end=date(2030, 1, 1))
    assert expected_at(spec, date(2025, 1, 1)) is None


def test_expected_is_none_without_any_end_date() -> None:
    spec = sum_spec(target_date=None, output_end=None, output_start=date(2020, 1, 1))
    assert expected_at(spec, date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2024, 5, 31), D("0"), id="before-end"),
        pytest.param(date(2024, 6, 1), D("1"), id="on-end"),
        pytest.param(date(2024, 6, 2), D("1"), id="after-end"),
    ],
)
def test_expected_on_a_zero_length_timeline_jumps_at_the_end(on: date, expected: D) -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 1), target_date=date(2024, 6, 1))
    assert expected_at(spec, on) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2024, 5, 31), D("0"), id="before-end"),
        pytest.param(date(2024, 6, 1), D("1"), id="on-end"),
        pytest.param(date(2024, 6, 5), D("1"), id="between-end-and-start"),
        pytest.param(date(2024, 7, 1), D("1"), id="after-start"),
    ],
)
def test_expected_on_a_backwards_timeline_jumps_at_the_end(on: date, expected: D) -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 10), target_date=date(2024, 6, 1))
    assert expected_at(spec, on) == expected


# --- band_for ------------------------------------------------------------------------------


def test_band_is_none_without_an_expected_share() -> None:
    assert band_for(achievement=D("0.5"), expected=None) is None


def test_band_is_not_due_when_nothing_is_expected_yet() -> None:
    assert band_for(achievement=D("-3"), expected=D("0")) is Band.NOT_DUE


def test_band_is_not_due_without_an_achievement_when_nothing_is_expected() -> None:
    assert band_for(achievement=None, expected=D("0")) is Band.NOT_DUE


def test_band_is_none_without_an_achievement_once_something_is_expected() -> None:
    assert band_for(achievement=None, expected=D("0.5")) is None


@pytest.mark.parametrize(
    ("achieved", "band"),
    [
        pytest.param("0.4249", Band.BELOW, id="just-below-low-threshold"),
        pytest.param("0.425", Band.ON_TRACK, id="exactly-low-threshold"),
        pytest.param("0.5", Band.ON_TRACK, id="exactly-expected"),
        pytest.param("0.575", Band.ON_TRACK, id="exactly-high-threshold"),
        pytest.param("0.5751", Band.ABOVE, id="just-above-high-threshold"),
        pytest.param("-0.1", Band.BELOW, id="negative"),
    ],
)
def test_band_thresholds_at_half_expected(achieved: str, band: Band) -> None:
    assert band_for(achievement=D(achieved), expected=D("0.5")) is band


def test_band_low_threshold_is_exact_beyond_default_decimal_precision() -> None:
    # 0.85 x this has 35 significant digits; a 28-digit Decimal product would round it away.
    expected = D("0.123456789012345678901234567890123")
    exact_low = D("0.10493827066049382706604938270660455")
    assert Fraction(exact_low) == Fraction(ON_TRACK_LOW) * Fraction(expected)
    assert band_for(achievement=exact_low, expected=expected) is Band.ON_TRACK
    assert band_for(achievement=exact_low - D("1e-35"), expected=expected) is Band.BELOW


def test_band_high_threshold_is_exact_beyond_default_decimal_precision() -> None:
    expected = D("0.123456789012345678901234567890123")
    exact_high = D("0.14197530736419753073641975307364145")
    assert Fraction(exact_high) == Fraction(ON_TRACK_HIGH) * Fraction(expected)
    assert band_for(achievement=exact_high, expected=expected) is Band.ON_TRACK
    assert band_for(achievement=exact_high + D("1e-35"), expected=expected) is Band.ABOVE


# --- progress_at ---------------------------------------------------------------------------


def test_progress_without_measurements_has_only_an_expected_share() -> None:
    assert progress_at(sum_spec(), [], date(2024, 7, 2)) == Progress(
        actual=None, achievement=None, expected=D("0.5"), band=None
    )


def test_progress_is_not_due_before_the_start_even_without_measurements() -> None:
    assert progress_at(sum_spec(), [], date(2023, 12, 31)) == Progress(
        actual=None, achievement=None, expected=D("0"), band=Band.NOT_DUE
    )


def test_progress_without_a_target_has_actual_but_no_achievement_or_band() -> None:
    spec = sum_spec(target_value=None)
    assert progress_at(spec, [year(2024, "40")], date(2025, 1, 1)) == Progress(
        actual=D("40"), achievement=None, expected=D("1"), band=None
    )


def test_progress_without_timeline_dates_has_no_expected_share_or_band() -> None:
    spec = sum_spec(baseline_date=None, target_date=None)
    assert progress_at(spec, [year(2024, "40")], date(2025, 1, 1)) == Progress(
        actual=D("40"), achievement=D("0.4"), expected=None, band=None
    )


def test_progress_for_a_qualitative_indicator_has_only_timeline_figures() -> None:
    spec = latest_spec(measure="qualitative")
    assert progress_at(spec, [year(2024, None)], date(2024, 7, 2)) == Progress(
        actual=None, achievement=None, expected=D("0.5"), band=None
    )


def test_progress_combines_all_four_figures() -> None:
    points = [
        MeasurementPoint(date(2024, 1, 1), date(2024, 3, 31), D("20")),
        MeasurementPoint(date(2024, 4, 1), date(2024, 6, 30), D("25")),
        MeasurementPoint(date(2024, 7, 1), date(2024, 9, 30), D("30")),
    ]
    assert progress_at(sum_spec(), points, date(2024, 7, 2)) == Progress(
        actual=D("45"), achievement=D("0.45"), expected=D("0.5"), band=Band.ON_TRACK
    )


def test_progress_bands_on_exact_figures_not_rounded_ones() -> None:
    # Expected is exactly 1/3 and achievement exactly 0.85 x 1/3 = 17/60: on the boundary.
    # Rounded to 0.3333 and 0.2833 they would compare as below (0.2833 < 0.283305).
    spec = sum_spec(target_value=D("60"), target_date=date(2024, 1, 4))
    result = progress_at(
        spec, [MeasurementPoint(date(2024, 1, 1), date(2024, 1, 2), D("17"))], date(2024, 1, 2)
    )
    assert result == Progress(
        actual=D("17"), achievement=D("0.2833"), expected=D("0.3333"), band=Band.ON_TRACK
    )
    assert band_for(achievement=result.achievement, expected=result.expected) is Band.BELOW


def test_progress_is_already_due_when_a_tiny_elapsed_share_rounds_to_zero() -> None:
    # One day into a 21915-day timeline is about 0.0000456: shown as 0 but already due.
    spec = sum_spec(baseline_date=date(2000, 1, 1), target_date=date(2060, 1, 1))
    result = progress_at(spec, [], date(2000, 1, 2))
    assert result.expected == D("0")
    assert result.band is None


# --- a realistic indicator -----------------------------------------------------------------


@pytest.fixture
def prevalence() -> IndicatorSpec:
    """Drug-use prevalence (%) that should fall from 1.77 (end 2017) to 1.50 (end 2020)."""
    return IndicatorSpec(
        aggregation="latest",
        direction="decrease",
        measure="percentage",
        baseline_value=D("1.77"),
        baseline_date=date(2017, 12, 31),
        target_value=D("1.50"),
        target_date=date(2020, 12, 31),
    )


@pytest.fixture
def prevalence_surveys() -> list[MeasurementPoint]:
    """Annual surveys for 2019 and 2021."""
    return [year(2019, "1.80"), year(2021, "1.95")]


def test_prevalence_indicator_is_valid(prevalence: IndicatorSpec) -> None:
    assert validate_spec(prevalence) == {}


def test_prevalence_mid_2020_uses_the_2019_survey_and_is_below(
    prevalence: IndicatorSpec, prevalence_surveys: list[MeasurementPoint]
) -> None:
    # Achievement (1.80 - 1.77) / (1.50 - 1.77) = -1/9. Timeline 2017-12-31 -> 2020-12-31 is
    # 365 + 365 + 366 = 1096 days; 2020-06-30 is 730 + 182 = 912 days in: 912/1096 ~ 0.8321.
    # -0.1111 < 0.85 x 0.8321, so below.
    assert progress_at(prevalence, prevalence_surveys, date(2020, 6, 30)) == Progress(
        actual=D("1.80"), achievement=D("-0.1111"), expected=D("0.8321"), band=Band.BELOW
    )


def test_prevalence_before_any_survey_has_no_actual_but_is_due(
    prevalence: IndicatorSpec, prevalence_surveys: list[MeasurementPoint]
) -> None:
    # 2018-12-31 is 365 of 1096 days in: 365/1096 ~ 0.3330.
    assert progress_at(prevalence, prevalence_surveys, date(2018, 12, 31)) == Progress(
        actual=None, achievement=None, expected=D("0.3330"), band=None
    )


def test_prevalence_after_the_2021_survey_has_worsened_further(
    prevalence: IndicatorSpec, prevalence_surveys: list[MeasurementPoint]
) -> None:
    # (1.95 - 1.77) / (1.50 - 1.77) = -2/3; the target date has passed, so expected is 1.
    assert progress_at(prevalence, prevalence_surveys, date(2022, 6, 30)) == Progress(
        actual=D("1.95"), achievement=D("-0.6667"), expected=D("1"), band=Band.BELOW
    )


# --- validate_spec -------------------------------------------------------------------------


def test_valid_increasing_sum_indicator_has_no_errors() -> None:
    assert validate_spec(sum_spec()) == {}


def test_indicator_without_values_or_dates_has_no_errors() -> None:
    assert validate_spec(IndicatorSpec(aggregation="sum")) == {}


def test_percentage_indicator_must_use_latest_aggregation() -> None:
    errors = validate_spec(IndicatorSpec(aggregation="sum", measure="percentage"))
    assert set(errors) == {"aggregation"}
    assert "latest" in errors["aggregation"]


def test_number_indicator_may_use_sum_aggregation() -> None:
    assert validate_spec(IndicatorSpec(aggregation="sum", measure="number")) == {}


@pytest.mark.parametrize("target", ["10", "9"])
def test_increasing_indicator_needs_a_target_above_the_baseline(target: str) -> None:
    errors = validate_spec(latest_spec(baseline_value=D("10"), target_value=D(target)))
    assert set(errors) == {"target_value"}
    assert "above the baseline" in errors["target_value"]


@pytest.mark.parametrize("target", ["10", "11"])
def test_decreasing_indicator_needs_a_target_below_the_baseline(target: str) -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D(target))
    errors = validate_spec(spec)
    assert set(errors) == {"target_value"}
    assert "below the baseline" in errors["target_value"]


def test_decreasing_indicator_with_a_lower_target_is_valid() -> None:
    spec = latest_spec(direction="decrease", baseline_value=D("10"), target_value=D("5"))
    assert validate_spec(spec) == {}


def test_target_direction_is_not_checked_without_a_baseline_value() -> None:
    assert validate_spec(sum_spec(baseline_value=None, target_value=D("-5"))) == {}


def test_target_date_cannot_precede_the_baseline_date() -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 2), target_date=date(2024, 6, 1))
    errors = validate_spec(spec)
    assert set(errors) == {"target_date"}
    assert "before the baseline date" in errors["target_date"]


def test_target_date_may_equal_the_baseline_date() -> None:
    spec = sum_spec(baseline_date=date(2024, 6, 1), target_date=date(2024, 6, 1))
    assert validate_spec(spec) == {}


def test_validation_reports_every_broken_rule_at_once() -> None:
    spec = IndicatorSpec(
        aggregation="sum",
        measure="percentage",
        baseline_value=D("5"),
        target_value=D("4"),
        baseline_date=date(2024, 1, 1),
        target_date=date(2023, 1, 1),
    )
    assert set(validate_spec(spec)) == {"aggregation", "target_value", "target_date"}


# --- properties ----------------------------------------------------------------------------

_decimals = st.decimals(
    min_value=D("-1e9"), max_value=D("1e9"), places=4, allow_nan=False, allow_infinity=False
)
_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def _measurement(draw: st.DrawFn) -> MeasurementPoint:
    """Draw a measurement with a period of up to two years and an optional value."""
    start = draw(_days)
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=730)))
    return MeasurementPoint(start, end, draw(st.none() | _decimals))


@given(points=st.lists(_measurement(), max_size=20), on=_days)
def test_sum_actual_equals_the_sum_of_values_ended_by_the_date(
    points: list[MeasurementPoint], on: date
) -> None:
    counted = [p.value for p in points if p.value is not None and p.period_end <= on]
    result = actual_at(IndicatorSpec(aggregation="sum"), points, on)
    if counted:
        assert result is not None
        assert Fraction(result) == sum((Fraction(v) for v in counted), Fraction(0))
    else:
        assert result is None


@given(points=st.lists(_measurement(), min_size=1, max_size=20), on=_days)
def test_latest_actual_is_a_value_no_older_than_any_other_counted(
    points: list[MeasurementPoint], on: date
) -> None:
    counted = [p for p in points if p.value is not None and p.period_end <= on]
    result = actual_at(IndicatorSpec(aggregation="latest"), points, on)
    if not counted:
        assert result is None
        return
    newest_end = max(p.period_end for p in counted)
    assert result in {p.value for p in counted if p.period_end == newest_end}


@given(
    start=_days,
    length=st.integers(min_value=1, max_value=5000),
    on=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
)
def test_expected_stays_between_zero_and_one(start: date, length: int, on: date) -> None:
    spec = IndicatorSpec(
        aggregation="sum", baseline_date=start, target_date=start + timedelta(days=length)
    )
    result = expected_at(spec, on)
    assert result is not None
    assert D("0") <= result <= D("1")
