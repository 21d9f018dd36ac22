"""Bands (below, on track, above) and the four progress figures together (progress_at), also
for a realistic indicator."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from apps.programmes.progress import (
    ON_TRACK_HIGH,
    ON_TRACK_LOW,
    Band,
    IndicatorSpec,
    MeasurementPoint,
    Progress,
    band_for,
    progress_at,
    validate_spec,
)
from tests.programmes.progress_specs import D, latest_spec, sum_spec, year

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
