"""The table the workspace view tests are generated from: one row per kind of record.

Every record kind with workspace pages (`apps.workspace.kinds.page_kinds`) has a `Kind` here
that knows how to make its i-th record, what a valid and an invalid create form post, which
field an edit changes, and which filter, search word and column ordering single out records.
The tests in `test_record_pages.py`, `test_record_access.py` and `test_record_conflicts.py` run
over this table; `test_record_kinds.py` keeps it complete when a new kind is registered.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model

from apps.assessments.services import derive_classification
from tests.factories import (
    AssessmentFactory,
    EvidenceFactory,
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
)
from tests.workspace.world import Kind, World

# Rubric answers that classify as administrative (all clear) and symbolic (all contested).
ADMINISTRATIVE = dict.fromkeys(("a1", "a2", "a3", "c1", "c2", "c3"), 0)
SYMBOLIC = dict.fromkeys(("a1", "a2", "a3", "c1", "c2", "c3"), 2)


def _assessment(world: World, i: int) -> Model:
    # The row directly, with the scores and quadrant the service derives for these answers
    # (assessment_create validates a dozen constraints per row: too slow for 50 rows).
    answers = ADMINISTRATIVE if i % 2 == 0 else SYMBOLIC
    return AssessmentFactory(
        output=world.output,
        assessed_on=date(2018, 1, 1) + timedelta(days=i),
        assessor=world.analyst,
        summary=f"Assessment tok{i:03d}",
        **answers,
        **derive_classification(world.programme, answers),
    )


OUTPUT_STATUSES = ("on_track", "at_risk", "off_track", "completed")
ROLES = ("implementing_partner", "donor", "beneficiary", "oversight", "consulted")
STAKEHOLDER_KINDS = ("government", "un_agency", "donor", "civil_society", "private")
SOURCE_KINDS = ("primary", "secondary", "thesis", "dataset", "interview", "law")
OBSTACLE_STATUSES = ("open", "mitigating", "accepted")

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind(
            key="outputs",
            make=lambda w, i: OutputFactory(
                outcome=w.outcome,
                code=f"9.{i:03d}",
                title=f"Output tok{i:03d}",
                status=OUTPUT_STATUSES[i % len(OUTPUT_STATUSES)],
            ),
            create=lambda w: {
                "outcome": w.outcome.pk,
                "code": "8.1",
                "title": "Forensic laboratories certified",
                "status": "on_track",
                "start_date": "2018-01-01",
                "end_date": "2019-12-31",
            },
            invalid=lambda w: {
                "outcome": w.outcome.pk,
                "code": "8.1",
                "title": "Forensic laboratories certified",
                "status": "on_track",
                "start_date": "2018-01-01",
                "end_date": "2017-06-30",
            },
            invalid_field="end_date",
            edit=("title", "Laboratories certified (their words)", "Labs certified (mine)"),
            filter=lambda r: {"status": r.status},
            ordering="code",
        ),
        Kind(
            key="indicators",
            make=lambda w, i: IndicatorFactory(
                output=w.output,
                code=f"IND{i:03d}",
                name=f"Indicator tok{i:03d}",
                direction="increase" if i % 2 == 0 else "decrease",
            ),
            create=lambda w: {
                "output": w.output.pk,
                "code": "NEW-1",
                "name": "Kilograms of heroin seized",
                "unit": "kg",
                "measure": "number",
                "direction": "increase",
                "aggregation": "sum",
                "baseline_value": "10",
                "target_value": "100",
            },
            invalid=lambda w: {
                "output": w.output.pk,
                "code": "NEW-1",
                "name": "Kilograms of heroin seized",
                "measure": "number",
                "direction": "increase",
                "aggregation": "sum",
                "baseline_date": "2018-01-01",
                "target_date": "2017-12-31",
            },
            invalid_field="target_date",
            edit=("name", "Heroin seized (their words)", "Heroin seized (mine)"),
            filter=lambda r: {"direction": r.direction},
            ordering="code",
        ),
        Kind(
            key="measurements",
            make=lambda w, i: MeasurementFactory(
                indicator=w.indicator,
                period_start=date(1990 + i, 1, 1),
                period_end=date(1990 + i, 12, 31),
                value=Decimal(i + 1),
                note=f"Measured tok{i:03d}",
            ),
            create=lambda w: {
                "indicator": w.indicator.pk,
                "period_start": "2019-01-01",
                "period_end": "2019-12-31",
                "value": "12.5",
                "note": "Annual report",
            },
            # The service's rule, reported on the field: a percentage lies between 0 and 100.
            invalid=lambda w: {
                "indicator": IndicatorFactory(
                    output=w.output, code="PCT", measure="percentage", aggregation="latest"
                ).pk,
                "period_start": "2019-01-01",
                "period_end": "2019-12-31",
                "value": "150",
            },
            invalid_field="value",
            edit=("note", "Checked against the BNN report", "Checked against the police data"),
            filter=lambda r: {"period_before": r.period_end.isoformat()},
            ordering="period_end",
        ),
        Kind(
            key="targets",
            make=lambda w, i: TargetFactory(
                indicator=IndicatorFactory(
                    output=w.output, code=f"T{i:03d}", name=f"Indicator tok{i:03d}"
                ),
                period_start=date(1990 + i, 1, 1),
                period_end=date(1990 + i, 12, 31),
                value=Decimal(10 + i),
            ),
            create=lambda w: {
                "indicator": w.indicator.pk,
                "period_start": "2019-01-01",
                "period_end": "2019-12-31",
                "value": "40",
            },
            invalid=lambda w: {
                "indicator": w.indicator.pk,
                "period_start": "2019-01-01",
                "period_end": "2018-12-31",
                "value": "40",
            },
            invalid_field="period_end",
            edit=("period_end", "1990-06-30", "1990-09-30"),
            filter=lambda r: {"period_before": r.period_end.isoformat()},
            ordering="period_start",
        ),
        Kind(
            key="outcomes",
            make=lambda w, i: OutcomeFactory(
                programme=w.programme, code=f"OC{i:03d}", title=f"Outcome tok{i:03d}", order=i + 1
            ),
            create=lambda w: {"code": "SP9", "title": "Criminal justice", "order": "3"},
            invalid=lambda w: {"code": "", "title": "Criminal justice", "order": "3"},
            invalid_field="code",
            edit=("title", "Criminal justice (their words)", "Criminal justice (mine)"),
            filter=lambda r: {"code": r.code},
            ordering="order",
        ),
        Kind(
            key="involvements",
            make=lambda w, i: InvolvementFactory(
                stakeholder=StakeholderFactory(name=f"Agency tok{i:03d}", acronym=f"AG{i:03d}"),
                output=w.output,
                role=ROLES[i % len(ROLES)],
                influence=1 + i % 5,
            ),
            create=lambda w: {
                "stakeholder": StakeholderFactory(name="Kejaksaan Agung", acronym="AGO").pk,
                "output": w.output.pk,
                "role": "donor",
                "influence": "4",
                "interest": "2",
                "stance": "supporter",
            },
            invalid=lambda w: {
                "stakeholder": StakeholderFactory(name="Kejaksaan Agung", acronym="AGO").pk,
                "output": w.output.pk,
                "role": "donor",
                "influence": "9",
            },
            invalid_field="influence",
            edit=("notes", "Chairs the task force", "Funds the task force"),
            filter=lambda r: {"role": r.role},
            ordering="influence",
        ),
        Kind(
            key="stakeholders",
            make=lambda w, i: StakeholderFactory(
                name=f"Stakeholder tok{i:03d}",
                acronym=f"SH{i:03d}",
                kind=STAKEHOLDER_KINDS[i % len(STAKEHOLDER_KINDS)],
            ),
            create=lambda w: {
                "name": "Badan Narkotika Nasional",
                "acronym": "BNN",
                "kind": "government",
                "level": "national",
                "country": "IDN",
            },
            invalid=lambda w: {
                "name": "Badan Narkotika Nasional",
                "kind": "government",
                "level": "national",
                "country": "Indonesia",
            },
            invalid_field="country",
            edit=("name", "National Narcotics Board", "Badan Narkotika Nasional RI"),
            filter=lambda r: {"kind": r.kind},
            ordering="acronym",
        ),
        Kind(
            key="obstacles",
            make=lambda w, i: ObstacleFactory(
                programme=w.programme,
                cause=w.cause,
                title=f"Obstacle tok{i:03d}",
                severity=1 + i % 5,
                status=OBSTACLE_STATUSES[i % len(OBSTACLE_STATUSES)],
            ),
            create=lambda w: {
                "title": "Overlapping mandates",
                "cause": w.cause.pk,
                "manifestation": "conflict_of_interest",
                "severity": "4",
                "status": "open",
                "outputs": [w.output.pk],
            },
            invalid=lambda w: {
                "title": "Overlapping mandates",
                "cause": w.cause.pk,
                "manifestation": "conflict_of_interest",
                "severity": "7",
                "status": "open",
            },
            invalid_field="severity",
            edit=("title", "Mandates overlap (their words)", "Mandates overlap (mine)"),
            filter=lambda r: {"severity": r.severity},
            ordering="severity",
        ),
        Kind(
            key="sources",
            make=lambda w, i: SourceFactory(
                key=f"src-{i:03d}",
                title=f"Source tok{i:03d}",
                kind=SOURCE_KINDS[i % len(SOURCE_KINDS)],
            ),
            create=lambda w: {
                "key": "cp-2017",
                "title": "Country Programme document",
                "kind": "primary",
            },
            invalid=lambda w: {
                "key": "not a slug!",
                "title": "Country Programme",
                "kind": "primary",
            },
            invalid_field="key",
            edit=("title", "Country Programme (their words)", "Country Programme (mine)"),
            filter=lambda r: {"kind": r.kind},
            ordering="title",
        ),
        Kind(
            key="evidence",
            make=lambda w, i: EvidenceFactory(
                source=SourceFactory(key=f"ev-src-{i:03d}", title=f"Report {i:03d}"),
                excerpt=f"Excerpt tok{i:03d}",
                stance="supports" if i % 2 == 0 else "contests",
            ),
            create=lambda w: {
                "source": w.source.pk,
                "excerpt": "The agencies disagree on who leads.",
                "stance": "contests",
            },
            invalid=lambda w: {"source": w.source.pk, "excerpt": "", "stance": "contests"},
            invalid_field="excerpt",
            edit=("note", "Quoted on page 12", "Quoted in the summary"),
            filter=lambda r: {"stance": r.stance},
            ordering="source__title",
        ),
        Kind(
            key="assessments",
            make=_assessment,
            create=lambda w: {
                "output": w.output.pk,
                "assessed_on": "2019-06-30",
                **dict.fromkeys(("a1", "a2", "a3"), "0"),
                **dict.fromkeys(("c1", "c2", "c3"), "2"),
            },
            invalid=lambda w: {"output": w.output.pk, "assessed_on": "2019-06-30", "a1": "3"},
            invalid_field="a1",
            edit=("summary", "Agencies now agree", "Agencies still disagree"),
            filter=lambda r: {"quadrant": r.quadrant},
            ordering="assessed_on",
        ),
    )
}

ALL_KINDS = list(KINDS.values())
PROGRAMME_KINDS = [kind for kind in ALL_KINDS if not kind.shared]
SHARED_KINDS = [kind for kind in ALL_KINDS if kind.shared]


def kinds(selection: list[Kind] | None = None) -> Any:
    """`pytest.mark.parametrize` over kinds of records, each test id naming the kind."""
    return pytest.mark.parametrize("kind", selection or ALL_KINDS, ids=str)


def marker(i: int) -> str:
    """The search word every kind's make(w, i) puts in its record, and in no other."""
    return f"tok{i:03d}"
