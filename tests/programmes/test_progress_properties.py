"""Properties of the progress arithmetic, checked with Hypothesis on drawn measurements."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from apps.programmes.progress import IndicatorSpec, MeasurementPoint, actual_at, expected_at
from tests.programmes.progress_specs import D

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
