"""A synthetic portfolio for measuring Pantau at scale (`manage.py seed_synthetic`).

Scale 1 is a UN agency's portfolio: 20 programmes (the largest about a fifth of the data),
2,000 outputs, 10,000 indicators, 100,000 measurements, 10,000 obstacles, 10,000 assessments,
2,000 stakeholders and their involvements; every count scales linearly. The same seed gives the
same data: one `random.Random(seed)` draws everything and all dates hang off fixed base dates.

The records obey the rules the services apply (choices, dates inside the programme's, targets
on the side of the baseline the indicator moves to, quadrants derived by the rubric), but they
are written in bulk for speed, each with one initial history row. Every record is labelled
illustrative with the note "synthetic benchmark data": none of it is ever presented as fact.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from apps.assessments.matland import AMBIGUITY_ITEMS, CONFLICT_ITEMS
from apps.assessments.models import Assessment
from apps.assessments.services import derive_classification
from apps.core.sync import SyncReport
from apps.jobs.synthetic_plan import (
    add_months,
    dates_of,
    periods,
    planned_counts,
    programme_shares,
    split,
)
from apps.jobs.taxonomy import load_taxonomy, read_taxonomy
from apps.obstacles.choices import Dimension, Manifestation, ObstacleStatus
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.choices import (
    Aggregation,
    Direction,
    Measure,
    OutputStatus,
    ProgrammeStatus,
)
from apps.programmes.models import (
    Indicator,
    Measurement,
    Outcome,
    Output,
    Programme,
    Target,
)
from apps.stakeholders.choices import InvolvementRole, Level, StakeholderKind, Stance
from apps.stakeholders.models import Involvement, Stakeholder

SYNTHETIC_NOTE = "synthetic benchmark data"
CODE_PREFIX = "SYN-"
STAKEHOLDER_PREFIX = "Synthetic stakeholder"
BATCH_SIZE = 2000
BASE_DATE = date(2016, 1, 1)
COUNTRIES = (
    "IDN", "PHL", "VNM", "THA", "MMR", "KHM", "LAO", "MYS", "TLS", "PNG",
    "BGD", "NPL", "LKA", "PAK", "AFG", "KEN", "NGA", "COL", "PER", "MEX",
)  # fmt: skip


MANIFESTATIONS = {
    Dimension.AMBIGUITY: (
        Manifestation.AMBIGUOUS_INTERPRETATION,
        Manifestation.MISSING_OPERATIONAL_GUIDELINES,
    ),
    Dimension.CONFLICT: (Manifestation.CONFLICT_OF_INTEREST,),
    Dimension.RESOURCES: (Manifestation.LIMITED_RESOURCES,),
    Dimension.CONTEXT: (Manifestation.OTHER,),
}
# Chance of answers 0, 1, 2 to an item on a dimension an output is low or high on.
LOW_ODDS = (6, 3, 1)
HIGH_ODDS = (1, 3, 6)


class SyntheticDataExists(Exception):
    """The database already holds synthetic programmes (use --replace)."""


@dataclass
class Built:
    """What one run wrote: records per kind, history rows, seconds."""

    counts: dict[str, int] = field(default_factory=dict)
    history_rows: int = 0
    seconds: float = 0.0


def synthetic_programmes() -> models.QuerySet[Programme]:
    """The programmes an earlier run made."""
    return Programme.objects.filter(
        code__startswith=CODE_PREFIX, is_illustrative=True, provenance_note=SYNTHETIC_NOTE
    )


def _raw_delete(queryset: models.QuerySet[Any]) -> None:
    # No signals, no per-row history: the rows and their history go in a few statements.
    queryset._raw_delete(queryset.db)


def _wipe(model: type[models.Model], queryset: models.QuerySet[Any]) -> None:
    """Delete the rows of `queryset`, their many-to-many links and their history rows."""
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        for m2m in model._meta.many_to_many:
            through: Any = m2m.remote_field.through
            source: Any = m2m
            _raw_delete(through.objects.filter(**{f"{source.m2m_field_name()}__in": chunk}))
        historical = model.history.model  # type: ignore[attr-defined]
        rows = historical.objects.filter(id__in=chunk)
        for relation in historical._meta.related_objects:
            _raw_delete(relation.related_model.objects.filter(history__in=rows.values("pk")))
        _raw_delete(rows)
        _raw_delete(model._default_manager.filter(pk__in=chunk))


def delete_synthetic() -> None:
    """Remove everything an earlier run made (its programmes and stakeholders)."""
    programmes = synthetic_programmes()
    stakeholders = Stakeholder.objects.filter(
        name__startswith=STAKEHOLDER_PREFIX, is_illustrative=True, provenance_note=SYNTHETIC_NOTE
    )
    outputs = Output.objects.filter(programme__in=programmes)
    with transaction.atomic():
        Output.objects.filter(lead__in=stakeholders).exclude(programme__in=programmes).update(
            lead=None
        )
        Stakeholder.objects.filter(parent__in=stakeholders).update(parent=None)
        Obstacle.stakeholders.through.objects.filter(stakeholder__in=stakeholders).delete()
        _wipe(Measurement, Measurement.objects.filter(indicator__output__in=outputs))
        _wipe(Target, Target.objects.filter(indicator__output__in=outputs))
        _wipe(Indicator, Indicator.objects.filter(output__in=outputs))
        _wipe(Assessment, Assessment.objects.filter(output__in=outputs))
        _wipe(
            Involvement,
            Involvement.objects.filter(
                models.Q(programme__in=programmes) | models.Q(stakeholder__in=stakeholders)
            ),
        )
        _wipe(Obstacle, Obstacle.objects.filter(programme__in=programmes))
        Obstacle.outputs.through.objects.filter(output__in=outputs).delete()
        _wipe(Output, outputs)
        _wipe(Outcome, Outcome.objects.filter(programme__in=programmes))
        _wipe(Stakeholder, stakeholders)
        _wipe(Programme, programmes)  # memberships and the like go with the programme below
        programmes.delete()


def _causes() -> list[ObstacleCause]:
    codes = sorted(row["code"] for row in read_taxonomy()["causes"])
    causes = list(ObstacleCause.objects.filter(code__in=codes).order_by("code"))
    if len(causes) < len(codes):
        load_taxonomy(report=SyncReport())
        causes = list(ObstacleCause.objects.filter(code__in=codes).order_by("code"))
    return causes


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high)) * 1000


def _value(number: float) -> Decimal:
    return Decimal(f"{number:.2f}")


class _Builder:
    """Draws the portfolio record by record from one seeded generator, then writes it in bulk."""

    def __init__(self, *, scale: float, seed: int, batch_size: int) -> None:
        self.rng = random.Random(seed)
        self.counts = planned_counts(scale)
        self.batch_size = batch_size
        self.history_rows = 0
        self.causes = _causes()

    # -- writing ------------------------------------------------------------------------------

    def _create(self, model: type[models.Model], objs: list[Any], history: bool = True) -> None:
        model._default_manager.bulk_create(objs, batch_size=self.batch_size)
        if history:
            model.history.bulk_history_create(  # type: ignore[attr-defined]
                objs, batch_size=self.batch_size, default_change_reason=SYNTHETIC_NOTE
            )
            self.history_rows += len(objs)

    @staticmethod
    def _label(obj: Any, when: date | None) -> Any:
        obj.is_illustrative = True
        if hasattr(obj, "provenance_note"):
            obj.provenance_note = SYNTHETIC_NOTE
        obj._history_date = datetime.combine(when or BASE_DATE, day_time(9), tzinfo=UTC)
        return obj

    # -- drawing ------------------------------------------------------------------------------

    def programmes(self) -> list[Programme]:
        rng, n = self.rng, self.counts["programmes"]
        self.weights = programme_shares(n, rng)
        programmes = []
        for i in range(n):
            start = add_months(BASE_DATE, rng.randrange(0, 36))
            end = add_months(start, 12 * rng.randrange(5, 9)) - timedelta(days=1)
            programmes.append(
                self._label(
                    Programme(
                        code=f"{CODE_PREFIX}{i + 1:03d}",
                        title=f"Synthetic programme {i + 1:03d}",
                        country=COUNTRIES[i % len(COUNTRIES)],
                        agency="Synthetic agency",
                        start_date=start,
                        end_date=end,
                        signed_on=start - timedelta(days=rng.randrange(10, 90)),
                        description=f"Illustrative portfolio for benchmarks ({SYNTHETIC_NOTE}).",
                        budget=_money(rng, 5_000, 80_000),
                        status=rng.choice((ProgrammeStatus.ACTIVE, ProgrammeStatus.COMPLETED)),
                    ),
                    start,
                )
            )
        self._create(Programme, programmes)
        return programmes

    def stakeholders(self, programmes: list[Programme]) -> list[list[Stakeholder]]:
        rng = self.rng
        pools: list[list[Stakeholder]] = []
        number = 0
        for programme, size in zip(
            programmes, split(self.counts["stakeholders"], self.weights), strict=True
        ):
            pool = []
            for _ in range(size):
                number += 1
                level = rng.choice(Level.values)
                pool.append(
                    self._label(
                        Stakeholder(
                            name=f"{STAKEHOLDER_PREFIX} {number:05d}",
                            acronym=f"SYN-S{number:05d}",
                            kind=rng.choice(StakeholderKind.values),
                            level=level,
                            country="" if level == Level.INTERNATIONAL else programme.country,
                        ),
                        programme.start_date,
                    )
                )
            pools.append(pool)
        self._create(Stakeholder, [s for pool in pools for s in pool])
        return pools

    def outcomes(self, programmes: list[Programme]) -> list[list[Outcome]]:
        grouped = []
        for programme, size in zip(
            programmes, split(self.counts["outcomes"], self.weights), strict=True
        ):
            grouped.append(
                [
                    self._label(
                        Outcome(
                            programme=programme,
                            code=str(order),
                            title=f"Synthetic outcome {order} of {programme.code}",
                            order=order,
                        ),
                        programme.start_date,
                    )
                    for order in range(1, size + 1)
                ]
            )
        self._create(Outcome, [o for group in grouped for o in group])
        return grouped

    def outputs(
        self, outcomes: list[list[Outcome]], pools: list[list[Stakeholder]]
    ) -> list[Output]:
        rng = self.rng
        outputs = []
        for group, pool, size in zip(
            outcomes, pools, split(self.counts["outputs"], self.weights), strict=True
        ):
            for outcome, many in zip(group, split(size, [1.0] * len(group)), strict=True):
                programme = outcome.programme
                for n in range(1, many + 1):
                    start = add_months(programme.start_date, rng.choice((0, 3, 6)))
                    planned = _money(rng, 50, 2_000)
                    outputs.append(
                        self._label(
                            Output(
                                programme=programme,
                                outcome=outcome,
                                code=f"{outcome.code}.{n}",
                                title=f"Synthetic output {outcome.code}.{n} of {programme.code}",
                                lead=rng.choice(pool),
                                start_date=start,
                                end_date=programme.end_date,
                                status=rng.choice(OutputStatus.values),
                                budget_planned=planned,
                                budget_spent=(planned * Decimal(rng.randrange(0, 101)) / 100),
                            ),
                            start,
                        )
                    )
        self._create(Output, outputs)
        return outputs

    def _indicator(self, output: Output, n: int) -> Indicator:
        rng = self.rng
        measure = rng.choices(Measure.values, weights=(6, 3, 1))[0]
        direction = rng.choices(Direction.values, weights=(4, 1))[0]
        indicator = Indicator(
            output=output,
            code=f"{output.code}.{n}",
            name=f"Synthetic indicator {output.code}.{n}",
            measure=measure,
            direction=direction,
            aggregation=Aggregation.LATEST,
            baseline_date=output.start_date,
            target_date=output.end_date,
            data_source="Synthetic",
        )
        if measure == Measure.PERCENTAGE:
            indicator.unit = "%"
            low, high = rng.randrange(5, 45), rng.randrange(55, 96)
        elif measure == Measure.NUMBER:
            indicator.unit = "cases"
            low, high = rng.randrange(0, 200), rng.randrange(300, 5_000)
            if direction == Direction.INCREASE and rng.random() < 0.5:
                indicator.aggregation = Aggregation.SUM
                low = 0
        else:
            return self._label(indicator, output.start_date)
        indicator.baseline_value, indicator.target_value = (
            (_value(low), _value(high))
            if direction == Direction.INCREASE
            else (_value(high), _value(low))
        )
        return self._label(indicator, output.start_date)

    def indicators(self, outputs: list[Output]) -> list[Indicator]:
        indicators: list[Indicator] = []
        for output, many in zip(
            outputs, split(self.counts["indicators"], [1.0] * len(outputs)), strict=True
        ):
            indicators.extend(self._indicator(output, n) for n in range(1, many + 1))
        self._create(Indicator, indicators)
        return indicators

    def _reading(self, indicator: Indicator, share: float, count: int) -> dict[str, Any]:
        rng = self.rng
        if indicator.measure == Measure.QUALITATIVE:
            return {"value": None, "narrative": f"Synthetic finding {rng.randrange(10**6)}."}
        baseline, target = float(indicator.baseline_value), float(indicator.target_value)  # type: ignore[arg-type]
        if indicator.aggregation == Aggregation.SUM:
            return {"value": _value(target / count * rng.uniform(0.3, 1.4))}
        level = baseline + (target - baseline) * share * rng.uniform(0.6, 1.2)
        if indicator.measure == Measure.PERCENTAGE:
            level = min(100.0, max(0.0, level))
        return {"value": _value(max(0.0, level)), "narrative": ""}

    def measurements(self, indicators: list[Indicator]) -> int:
        written = 0
        batch: list[Measurement] = []
        for indicator, many in zip(
            indicators, split(self.counts["measurements"], [1.0] * len(indicators)), strict=True
        ):
            output = indicator.output
            spans = periods(*dates_of(output), many, longest=3)
            for i, (start, end) in enumerate(spans, start=1):
                recorded = datetime.combine(end + timedelta(days=15), day_time(9), tzinfo=UTC)
                batch.append(
                    Measurement(
                        indicator=indicator,
                        period_start=start,
                        period_end=end,
                        is_illustrative=True,
                        note=SYNTHETIC_NOTE,
                        recorded_at=recorded,
                        **self._reading(indicator, i / many, many),
                    )
                )
            if len(batch) >= 10 * self.batch_size:
                written += self._measurements(batch)
                batch = []
        return written + self._measurements(batch)

    def _measurements(self, batch: list[Measurement]) -> int:
        for measurement in batch:
            measurement._history_date = measurement.recorded_at  # type: ignore[attr-defined]
        self._create(Measurement, batch)
        return len(batch)

    def _answers(self, ambiguity_high: bool, conflict_high: bool) -> dict[str, int | None]:
        rng = self.rng
        answers: dict[str, int | None] = {}
        thin = rng.random() < 0.03  # too few answers on one side: unclassified
        for items, high in ((AMBIGUITY_ITEMS, ambiguity_high), (CONFLICT_ITEMS, conflict_high)):
            odds = HIGH_ODDS if high else LOW_ODDS
            for n, code in enumerate(items):
                unknown = (thin and items is CONFLICT_ITEMS and n >= 2) or rng.random() < 0.05
                answers[code.lower()] = None if unknown else rng.choices((0, 1, 2), odds)[0]
        return answers

    def assessments(self, outputs: list[Output]) -> list[Assessment]:
        rng = self.rng
        assessments = []
        for output, many in zip(
            outputs, split(self.counts["assessments"], [1.0] * len(outputs)), strict=True
        ):
            ambiguity_high, conflict_high = rng.random() < 0.4, rng.random() < 0.4
            spans = periods(*dates_of(output), many, longest=6)
            for _, end in spans:
                if rng.random() < 0.15:  # the output moves to another quadrant
                    ambiguity_high, conflict_high = rng.random() < 0.4, rng.random() < 0.4
                answers = self._answers(ambiguity_high, conflict_high)
                assessments.append(
                    self._label(
                        Assessment(
                            output=output,
                            assessed_on=end,
                            summary=f"Illustrative assessment ({SYNTHETIC_NOTE}).",
                            **answers,
                            **derive_classification(output.programme, answers),
                        ),
                        end,
                    )
                )
        self._create(Assessment, assessments)
        return assessments

    def involvements(self, outputs: list[Output], pools: dict[int, list[Stakeholder]]) -> None:
        rng = self.rng
        roles = InvolvementRole.values
        involvements = []
        for output, many in zip(
            outputs, split(self.counts["involvements"], [1.0] * len(outputs)), strict=True
        ):
            pool = pools[output.programme_id]
            for pick in rng.sample(
                range(len(pool) * len(roles)), min(many, len(pool) * len(roles))
            ):
                involvements.append(
                    self._label(
                        Involvement(
                            stakeholder=pool[pick // len(roles)],
                            programme=output.programme,
                            output=output,
                            role=roles[pick % len(roles)],
                            influence=rng.randrange(1, 6),
                            interest=rng.randrange(1, 6),
                            stance=rng.choice(["", *Stance.values]),
                        ),
                        output.start_date,
                    )
                )
        self._create(Involvement, involvements)

    def obstacles(
        self,
        outputs: list[Output],
        pools: dict[int, list[Stakeholder]],
        by_programme: dict[int, list[Output]],
    ) -> None:
        rng = self.rng
        obstacles: list[Obstacle] = []
        links: list[tuple[list[Output], list[Stakeholder]]] = []
        numbers: dict[int, int] = {}
        for output, many in zip(
            outputs, split(self.counts["obstacles"], [1.0] * len(outputs)), strict=True
        ):
            programme = output.programme
            first, last = dates_of(output)
            span = (last - first).days
            for _ in range(many):
                numbers[programme.pk] = number = numbers.get(programme.pk, 0) + 1
                cause = rng.choice(self.causes)
                identified = first + timedelta(days=rng.randrange(span))
                status = rng.choice(ObstacleStatus.values)
                resolved = None
                if status == ObstacleStatus.RESOLVED:
                    resolved = min(
                        programme.end_date, identified + timedelta(days=rng.randrange(14, 400))
                    )
                obstacles.append(
                    self._label(
                        Obstacle(
                            programme=programme,
                            title=f"Synthetic obstacle {number:05d} in {programme.code}",
                            cause=cause,
                            manifestation=rng.choice(MANIFESTATIONS[Dimension(cause.dimension)]),
                            severity=rng.choice((None, 1, 2, 3, 3, 4, 4, 5)),
                            status=status,
                            identified_on=identified,
                            resolved_on=resolved,
                            mitigation_plan="Illustrative mitigation.",
                        ),
                        identified,
                    )
                )
                siblings = by_programme[programme.pk]
                hindered = [output]
                if len(siblings) > 1 and rng.random() < 0.2:
                    other = rng.choice(siblings)
                    if other is not output:
                        hindered.append(other)
                pool = pools[programme.pk]
                links.append((hindered, rng.sample(pool, min(len(pool), rng.randrange(0, 3)))))
        self._create(Obstacle, obstacles)
        self._obstacle_links(obstacles, links)

    def _obstacle_links(
        self, obstacles: list[Obstacle], links: list[tuple[list[Output], list[Stakeholder]]]
    ) -> None:
        historical = {
            row.id: row.pk
            for row in Obstacle.history.model.objects.filter(id__in=[o.pk for o in obstacles]).only(
                "history_id", "id"
            )
        }
        for name, target in (("outputs", "output"), ("stakeholders", "stakeholder")):
            through = getattr(Obstacle, name).through
            history_through = next(
                relation.related_model
                for relation in Obstacle.history.model._meta.related_objects
                if relation.related_model.__name__.endswith(f"_{name}")
            )
            rows = [
                (obstacle.pk, linked.pk)
                for obstacle, pair in zip(obstacles, links, strict=True)
                for linked in pair[0 if name == "outputs" else 1]
            ]
            created = through.objects.bulk_create(
                [through(obstacle_id=o, **{f"{target}_id": t}) for o, t in rows],
                batch_size=self.batch_size,
            )
            history_through.objects.bulk_create(
                [
                    history_through(
                        id=link.pk,
                        obstacle_id=link.obstacle_id,
                        history_id=historical[link.obstacle_id],
                        **{f"{target}_id": getattr(link, f"{target}_id")},
                    )
                    for link in created
                ],
                batch_size=self.batch_size,
            )

    def build(self) -> dict[str, int]:
        programmes = self.programmes()
        pools = self.stakeholders(programmes)
        outcomes = self.outcomes(programmes)
        outputs = self.outputs(outcomes, pools)
        indicators = self.indicators(outputs)
        measured = self.measurements(indicators)
        assessed = self.assessments(outputs)
        pool_of = {p.pk: pool for p, pool in zip(programmes, pools, strict=True)}
        by_programme: dict[int, list[Output]] = {}
        for output in outputs:
            by_programme.setdefault(output.programme_id, []).append(output)
        self.involvements(outputs, pool_of)
        self.obstacles(outputs, pool_of, by_programme)
        return {
            "programmes": len(programmes),
            "outcomes": sum(len(g) for g in outcomes),
            "outputs": len(outputs),
            "indicators": len(indicators),
            "measurements": measured,
            "obstacles": Obstacle.objects.filter(programme__in=programmes).count(),
            "assessments": len(assessed),
            "stakeholders": sum(len(p) for p in pools),
            "involvements": Involvement.objects.filter(programme__in=programmes).count(),
        }


def seed_synthetic(
    *, scale: float, seed: int = 1, replace: bool = False, batch_size: int = BATCH_SIZE
) -> Built:
    """Write a synthetic portfolio at `scale`; refuse when one exists unless `replace`."""
    started = time.monotonic()
    planned_counts(scale)  # refuse a bad scale before touching anything
    if synthetic_programmes().exists() and not replace:
        raise SyntheticDataExists(
            "Synthetic programmes are already in this database "
            f"({CODE_PREFIX}…); run with --replace to delete them and seed again."
        )
    with transaction.atomic():
        if replace:
            delete_synthetic()
        builder = _Builder(scale=scale, seed=seed, batch_size=batch_size)
        counts = builder.build()
    return Built(
        counts=counts, history_rows=builder.history_rows, seconds=time.monotonic() - started
    )


def iter_kinds(built: Built) -> Iterable[str]:
    """Lines that report a run: count per kind, history rows and seconds."""
    for kind, count in built.counts.items():
        yield f"  {kind:<14}{count:>9,}"
    yield f"  {'history rows':<14}{built.history_rows:>9,}"
