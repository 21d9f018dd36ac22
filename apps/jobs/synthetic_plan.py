"""The plan of a synthetic portfolio: how many records of each kind at a scale, how they are
shared among programmes, and the calendar arithmetic of their dates (no database writes)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from apps.programmes.models import Output

# The counts at scale 1; every kind scales linearly (at least one programme, one outcome per
# programme and one output per outcome).
SCALE_ONE = {
    "programmes": 20,
    "outcomes": 100,
    "outputs": 2_000,
    "indicators": 10_000,
    "measurements": 100_000,
    "obstacles": 10_000,
    "assessments": 10_000,
    "stakeholders": 2_000,
    "involvements": 6_000,
}
LARGEST_SHARE = 0.2


def planned_counts(scale: float) -> dict[str, int]:
    """How many records of each kind `scale` makes."""
    if scale <= 0:
        raise ValueError("The scale must be above 0.")
    counts = {kind: max(1, round(base * scale)) for kind, base in SCALE_ONE.items()}
    counts["outcomes"] = max(counts["outcomes"], counts["programmes"])
    counts["outputs"] = max(counts["outputs"], counts["outcomes"])
    return counts


def split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` shared out in proportion to `weights` (largest remainders; each gets at least
    one when there are enough)."""
    n = len(weights)
    floor = 1 if total >= n else 0
    rest = total - floor * n
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(n), key=lambda i: (shares[i] - raw[i], i))
    for i in by_remainder[: rest - sum(shares)]:
        shares[i] += 1
    return [floor + share for share in shares]


def programme_shares(n: int, rng: random.Random) -> list[float]:
    """Each programme's share of the portfolio: the first is the largest, a fifth of it when
    there are many (more when there are too few for the others to stay below it)."""
    if n == 1:
        return [1.0]
    largest = max(LARGEST_SHARE, 2 / (n + 1))
    others = [rng.uniform(0.5, 1.5) for _ in range(n - 1)]
    return [largest] + [(1 - largest) * w / sum(others) for w in others]


def dates_of(output: Output) -> tuple[date, date]:
    """An output's start and end (synthetic outputs always have both)."""
    if output.start_date is None or output.end_date is None:
        raise ValueError(f"Output {output.code} has no dates.")
    return output.start_date, output.end_date


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Whole months from `start` (a first of the month) to the day after `end`."""
    after = end + timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month


def periods(start: date, end: date, count: int, longest: int) -> list[tuple[date, date]]:
    """`count` consecutive periods of equal months from `start`, all ending by `end`."""
    step = min(longest, months_between(start, end) // max(count, 1))
    if step < 1:
        raise ValueError(f"{count} periods do not fit between {start} and {end}.")
    return [
        (add_months(start, i * step), add_months(start, (i + 1) * step) - timedelta(days=1))
        for i in range(count)
    ]
