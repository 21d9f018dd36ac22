"""Indicators and measurements for the progress arithmetic tests, valid unless overridden."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.programmes.progress import IndicatorSpec, MeasurementPoint

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
