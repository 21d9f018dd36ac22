"""Pure progress arithmetic for indicators: actual, achievement, expected share and band."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from enum import Enum
from fractions import Fraction


def gettext_noop(message: str) -> str:
    """Mark a message for the catalogue (makemessages looks for this name); the service that
    reports it translates it. Defined here so this module needs no Django."""
    return message


__all__ = [
    "ON_TRACK_HIGH",
    "ON_TRACK_LOW",
    "Aggregation",
    "Band",
    "Direction",
    "IndicatorSpec",
    "MeasurementPoint",
    "Progress",
    "achievement",
    "actual_at",
    "band_for",
    "expected_at",
    "progress_at",
    "validate_spec",
]

ON_TRACK_LOW = Decimal("0.85")
ON_TRACK_HIGH = Decimal("1.15")

QUALITATIVE = "qualitative"
PERCENTAGE = "percentage"

# Figures handed back to callers are rounded to this many decimal places.
_PLACES = 4
_SCALE = 10**_PLACES

# A context big enough that adding Decimals never rounds, so sums stay exact.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


class Aggregation(str, Enum):
    """How measurements combine into an actual value."""

    SUM = "sum"
    LATEST = "latest"


class Direction(str, Enum):
    """Whether the indicator improves by going up or down."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Band(str, Enum):
    """Where achievement stands relative to the elapsed share of the timeline."""

    NOT_DUE = "not_due"
    BELOW = "below"
    ON_TRACK = "on_track"
    ABOVE = "above"


@dataclass(frozen=True)
class MeasurementPoint:
    """One reported measurement; value is None for narrative-only (qualitative) reports."""

    period_start: date
    period_end: date
    value: Decimal | None


@dataclass(frozen=True)
class IndicatorSpec:
    """The parts of an indicator and its output that progress depends on."""

    aggregation: Aggregation | str
    direction: Direction | str = "increase"
    measure: str = "number"
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    target_value: Decimal | None = None
    target_date: date | None = None
    output_start: date | None = None
    output_end: date | None = None

    def __post_init__(self) -> None:
        """Normalise plain strings to the enums, rejecting unknown values."""
        # Frozen dataclass: object.__setattr__ is the sanctioned way to normalise fields.
        object.__setattr__(self, "aggregation", Aggregation(self.aggregation))
        object.__setattr__(self, "direction", Direction(self.direction))


@dataclass(frozen=True)
class Progress:
    """All progress figures for one indicator at one date."""

    actual: Decimal | None
    achievement: Decimal | None
    expected: Decimal | None
    band: Band | None


def _quantize(value: Fraction) -> Decimal:
    """Round an exact fraction to four decimal places, halves away from zero."""
    # Done on integers so no intermediate Decimal rounding can sneak in before the final one.
    sign = -1 if value < 0 else 1
    scaled = abs(value) * _SCALE
    whole, remainder = divmod(scaled.numerator, scaled.denominator)
    if 2 * remainder >= scaled.denominator:
        whole += 1
    return Decimal(sign * whole).scaleb(-_PLACES)


def _is_qualitative(spec: IndicatorSpec) -> bool:
    """Whether the indicator is narrative-only and so has no numeric progress."""
    return spec.measure == QUALITATIVE


def actual_at(
    spec: IndicatorSpec, measurements: Iterable[MeasurementPoint], on: date
) -> Decimal | None:
    """Return the actual value from measurements whose period ended on or before `on`."""
    if _is_qualitative(spec):
        return None
    # Keyed by (period end, period start, position) so `latest` can take the max directly,
    # with the position making the measurement given last win a full tie.
    due: list[tuple[date, date, int, Decimal]] = []
    for index, point in enumerate(measurements):
        if point.value is not None and point.period_end <= on:
            due.append((point.period_end, point.period_start, index, point.value))
    if not due:
        return None
    if spec.aggregation is Aggregation.SUM:
        total = Decimal(0)
        for *_, value in due:
            total = _EXACT.add(total, value)
        return total
    return max(due)[3]


def _achievement_exact(spec: IndicatorSpec, actual: Decimal | None) -> Fraction | None:
    """Return (actual - baseline) / (target - baseline) exactly, or None when undefined."""
    if _is_qualitative(spec) or actual is None or spec.target_value is None:
        return None
    baseline = spec.baseline_value
    if baseline is None:
        # A flow counted from nothing starts at zero; a level with no baseline has no origin.
        if spec.aggregation is not Aggregation.SUM:
            return None
        baseline = Decimal(0)
    span = Fraction(spec.target_value) - Fraction(baseline)
    if span == 0:
        return None
    return (Fraction(actual) - Fraction(baseline)) / span


def achievement(spec: IndicatorSpec, actual: Decimal | None) -> Decimal | None:
    """Return the share of the baseline-to-target distance covered, uncapped, to 4 places."""
    exact = _achievement_exact(spec, actual)
    return None if exact is None else _quantize(exact)


def _expected_exact(spec: IndicatorSpec, on: date) -> Fraction | None:
    """Return the elapsed share of the indicator's timeline at `on`, clipped to [0, 1]."""
    start = spec.baseline_date if spec.baseline_date is not None else spec.output_start
    end = spec.target_date if spec.target_date is not None else spec.output_end
    if start is None or end is None:
        return None
    if end <= start:
        # A zero or negative timeline has no middle: it is either due or not yet.
        return Fraction(1) if on >= end else Fraction(0)
    share = Fraction((on - start).days, (end - start).days)
    return min(max(share, Fraction(0)), Fraction(1))


def expected_at(spec: IndicatorSpec, on: date) -> Decimal | None:
    """Return the share of achievement expected by `on`, to 4 places."""
    exact = _expected_exact(spec, on)
    return None if exact is None else _quantize(exact)


def _band_exact(achieved: Fraction | None, expected: Fraction | None) -> Band | None:
    """Classify exact achievement against exact expected share."""
    if expected is None:
        return None
    if expected == 0:
        return Band.NOT_DUE
    if achieved is None:
        return None
    if achieved < Fraction(ON_TRACK_LOW) * expected:
        return Band.BELOW
    if achieved > Fraction(ON_TRACK_HIGH) * expected:
        return Band.ABOVE
    return Band.ON_TRACK


def band_for(*, achievement: Decimal | None, expected: Decimal | None) -> Band | None:
    """Return the band for two figures; pass unquantized values where you have them."""
    # Fractions keep the threshold products exact, so boundary values land on_track.
    return _band_exact(
        None if achievement is None else Fraction(achievement),
        None if expected is None else Fraction(expected),
    )


def progress_at(
    spec: IndicatorSpec, measurements: Iterable[MeasurementPoint], on: date
) -> Progress:
    """Return actual, achievement, expected share and band at `on`, consistently."""
    actual = actual_at(spec, measurements, on)
    achieved = _achievement_exact(spec, actual)
    expected = _expected_exact(spec, on)
    # The band uses the exact figures: rounding first could flip a result at a threshold.
    return Progress(
        actual=actual,
        achievement=None if achieved is None else _quantize(achieved),
        expected=None if expected is None else _quantize(expected),
        band=_band_exact(achieved, expected),
    )


def validate_spec(spec: IndicatorSpec) -> dict[str, str]:
    """Return field -> message for every rule the indicator breaks; empty when valid."""
    errors: dict[str, str] = {}
    if spec.measure == PERCENTAGE and spec.aggregation is not Aggregation.LATEST:
        # Percentages are levels; adding up rates from several periods is meaningless.
        errors["aggregation"] = gettext_noop(
            "A percentage indicator must use the 'latest' aggregation, "
            "because percentages from different periods cannot be added up."
        )
    if spec.baseline_value is not None and spec.target_value is not None:
        if spec.direction is Direction.INCREASE and spec.target_value <= spec.baseline_value:
            errors["target_value"] = gettext_noop(
                "The target must be above the baseline for an indicator that should increase."
            )
        elif spec.direction is Direction.DECREASE and spec.target_value >= spec.baseline_value:
            errors["target_value"] = gettext_noop(
                "The target must be below the baseline for an indicator that should decrease."
            )
    if (
        spec.baseline_date is not None
        and spec.target_date is not None
        and spec.target_date < spec.baseline_date
    ):
        errors["target_date"] = gettext_noop("The target date cannot be before the baseline date.")
    return errors
