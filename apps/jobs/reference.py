"""Loads the reference data Pantau ships with: the taxonomy and the Indonesia programme.

Every record keeps what it rests on: its sources, or the illustrative label. Loading twice
changes nothing the second time (records are matched on natural keys and only differing fields
are written, through the same services as every other write).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from apps.accounts.models import User
from apps.core.models import TitleLanguage
from apps.core.sync import SyncReport, sync_record
from apps.evidence.models import Evidence, Source
from apps.evidence.services import evidence_create, evidence_update, source_create, source_update
from apps.jobs.taxonomy import load_taxonomy
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.obstacles.services import obstacle_create, obstacle_update
from apps.programmes import services
from apps.programmes.choices import ProgrammeStatus
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder
from apps.stakeholders.services import (
    involvement_create,
    involvement_update,
    stakeholder_create,
    stakeholder_update,
)

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
PROGRAMME_PATH = DATA_DIR / "idn_cp_2017_2020.json"
EVIDENCE_PATH = DATA_DIR / "idn_cp_2017_2020_evidence.json"

ASSUMED_MAPPING_NOTE = (
    "Assumed mapping: the five sub-programmes are those of the UNODC Regional Programme for "
    "Southeast Asia; that the Indonesia Country Programme used the same pillars is an assumption."
)
UNKNOWN_BUDGET_NOTE = (
    "The budget and donor list were not found in public material: left empty (unknown), not zero."
)
UNSOURCED_ROLE_NOTE = "No public source gives this stakeholder's role in the programme."
UNSOURCED_STAKEHOLDER_NOTE = (
    "A real institution; the reference data cites no source for its part in this programme."
)


def _titles(row: dict[str, Any]) -> dict[str, str]:
    """A row's title as the file gives it: the original wording, its language, and the other
    language's wording where a source gives one (`title_source` names it)."""
    return {
        "title": row["title"],
        "title_language": row.get("title_language", TitleLanguage.ENGLISH),
        "title_translation": row.get("title_translation", ""),
    }


def _year_period(year: str) -> tuple[date, date]:
    return date(int(year), 1, 1), date(int(year), 12, 31)


class ProgrammeLoader:
    """Reads one programme file and brings the database in line with it."""

    def __init__(
        self, *, report: SyncReport, causes: dict[str, ObstacleCause], actor: User | None = None
    ) -> None:
        self.report = report
        self.actor = actor
        self.causes = causes
        self.sources: dict[str, Source] = {}
        self.evidence: dict[str, Evidence] = {}
        self.stakeholders: dict[str, Stakeholder] = {}

    def _cited(self, row: dict[str, Any], key: str = "source") -> list[Source]:
        keys = row.get("sources") or ([row[key]] if row.get(key) else [])
        return [self.sources[k] for k in keys]

    def load(self, data: dict[str, Any], evidence: dict[str, Any]) -> Programme:
        """Load sources, evidence, the programme, its framework, stakeholders and obstacles."""
        actor = self.actor
        for row in data["sources"]:
            self.sources[row["key"]] = sync_record(
                self.report,
                Source,
                lookup={"key": row["key"]},
                values={
                    **_titles(row),
                    "kind": row["kind"],
                    "author": row.get("author", ""),
                    "url": row.get("url", ""),
                    "note": row.get("note", ""),
                    "is_illustrative": False,
                },
                create=lambda **kw: source_create(actor=actor, **kw),
                update=lambda obj, **kw: source_update(source=obj, actor=actor, **kw),
            )
        for row in evidence["evidence"]:
            source = self.sources[row["source"]]
            self.evidence[row["key"]] = sync_record(
                self.report,
                Evidence,
                lookup={"source": source, "excerpt": row["excerpt"]},
                values={"stance": row["stance"], "note": row.get("note", "")},
                create=lambda **kw: evidence_create(actor=actor, **kw),
                update=lambda obj, **kw: evidence_update(evidence=obj, actor=actor, **kw),
            )
        programme = self._programme(data["programme"])
        self._stakeholders(programme, data["stakeholders"])
        outcomes = self._outcomes(programme, data["outcomes"])
        self._outputs(outcomes, data["outputs"])
        self._obstacles(programme, data["obstacles"], evidence["evidence"])
        return programme

    def _programme(self, row: dict[str, Any]) -> Programme:
        actor = self.actor
        budget = row.get("budget")
        return sync_record(
            self.report,
            Programme,
            lookup={"code": row["code"]},
            values={
                **_titles(row),
                "country": row["country"],
                "agency": row["agency"],
                "start_date": date.fromisoformat(row["start_date"]),
                "end_date": date.fromisoformat(row["end_date"]),
                "signed_on": date.fromisoformat(row["signed_on"]) if row.get("signed_on") else None,
                "description": row.get("description", ""),
                "budget": None if budget is None else Decimal(str(budget)),
                "status": ProgrammeStatus.COMPLETED,
                "is_illustrative": bool(row.get("illustrative", False)),
                "provenance_note": UNKNOWN_BUDGET_NOTE if budget is None else "",
            },
            m2m={"sources": self._cited(row)},
            create=lambda **kw: services.programme_create(actor=actor, **kw),
            update=lambda obj, **kw: services.programme_update(programme=obj, actor=actor, **kw),
        )

    def _stakeholders(self, programme: Programme, rows: list[dict[str, Any]]) -> None:
        actor = self.actor
        # Parents first, so a unit can point at its ministry.
        for row in sorted(rows, key=lambda r: bool(r.get("parent"))):
            country = "IDN" if row["kind"] == "government" else ""
            stakeholder = sync_record(
                self.report,
                Stakeholder,
                lookup={"name": row["name"], "country": country},
                values={
                    "acronym": row["acronym"],
                    "kind": row["kind"],
                    "level": row["level"],
                    "parent": self.stakeholders.get(row.get("parent", "")),
                    # No source in the file: the institution is real, but nothing here may be
                    # shown as a sourced fact about it, so the record carries the label.
                    "is_illustrative": not row.get("source"),
                    "provenance_note": "" if row.get("source") else UNSOURCED_STAKEHOLDER_NOTE,
                },
                m2m={"sources": self._cited(row)},
                create=lambda **kw: stakeholder_create(actor=actor, **kw),
                update=lambda obj, **kw: stakeholder_update(stakeholder=obj, actor=actor, **kw),
            )
            self.stakeholders[row["acronym"]] = stakeholder
            sourced = bool(row.get("source"))
            sync_record(
                self.report,
                Involvement,
                lookup={
                    "stakeholder": stakeholder,
                    "programme": programme,
                    "output": None,
                    "role": row["role"],
                },
                values={
                    "is_illustrative": not sourced,
                    "provenance_note": "" if sourced else UNSOURCED_ROLE_NOTE,
                },
                m2m={"sources": self._cited(row)},
                create=lambda **kw: involvement_create(actor=actor, **kw),
                update=lambda obj, **kw: involvement_update(involvement=obj, actor=actor, **kw),
            )

    def _outcomes(self, programme: Programme, rows: list[dict[str, Any]]) -> dict[str, Outcome]:
        actor = self.actor
        outcomes = {}
        for order, row in enumerate(rows, start=1):
            outcomes[row["code"]] = sync_record(
                self.report,
                Outcome,
                lookup={"programme": programme, "code": row["code"]},
                values={
                    **_titles(row),
                    "order": order,
                    "is_illustrative": bool(row.get("illustrative", False)),
                    "provenance_note": ASSUMED_MAPPING_NOTE if row.get("assumed_mapping") else "",
                },
                m2m={"sources": self._cited(row)},
                create=lambda **kw: services.outcome_create(actor=actor, **kw),
                update=lambda obj, **kw: services.outcome_update(outcome=obj, actor=actor, **kw),
            )
        return outcomes

    def _outputs(self, outcomes: dict[str, Outcome], rows: list[dict[str, Any]]) -> None:
        actor = self.actor
        for row in rows:
            outcome = outcomes[row["outcome"]]
            illustrative = bool(row.get("illustrative", False))
            output = sync_record(
                self.report,
                Output,
                lookup={"programme": outcome.programme, "code": row["code"]},
                values={
                    "outcome": outcome,
                    **_titles(row),
                    "lead": self.stakeholders.get(row.get("lead", "")),
                    "is_illustrative": illustrative,
                },
                m2m={"sources": self._cited(row)},
                create=lambda programme, **kw: services.output_create(actor=actor, **kw),
                update=lambda obj, **kw: services.output_update(output=obj, actor=actor, **kw),
            )
            for indicator_row in row.get("indicators", []):
                self._indicator(output, indicator_row, illustrative)

    def _indicator(self, output: Output, row: dict[str, Any], illustrative: bool) -> None:
        actor = self.actor
        baseline = row.get("baseline") or {}
        cited = {m["source"] for m in row.get("measurements", [])}
        cited |= {baseline["source"]} if baseline.get("source") else set()
        indicator = sync_record(
            self.report,
            Indicator,
            lookup={"output": output, "code": row["code"]},
            values={
                "name": row["name"],
                "unit": row.get("unit", ""),
                "measure": row["measure"],
                "direction": row["direction"],
                "aggregation": row["aggregation"],
                "baseline_value": Decimal(baseline["value"]) if baseline else None,
                "baseline_date": _year_period(baseline["period"])[1] if baseline else None,
                # The indicator is defined for an output; it is as illustrative as that output.
                "is_illustrative": illustrative,
            },
            m2m={"sources": [self.sources[key] for key in sorted(cited)]},
            create=lambda **kw: services.indicator_create(actor=actor, **kw),
            update=lambda obj, **kw: services.indicator_update(indicator=obj, actor=actor, **kw),
        )
        for measurement in row.get("measurements", []):
            start, end = _year_period(measurement["period"])
            sync_record(
                self.report,
                Measurement,
                lookup={"indicator": indicator, "period_start": start, "period_end": end},
                values={
                    "value": Decimal(measurement["value"]),
                    "evidence": self.evidence.get(measurement["source"]),
                    "is_illustrative": False,
                },
                create=lambda **kw: services.measurement_create(actor=actor, **kw),
                update=lambda obj, **kw: services.measurement_update(
                    measurement=obj, actor=actor, **kw
                ),
            )

    def _obstacles(
        self, programme: Programme, rows: list[dict[str, Any]], evidence_rows: list[dict[str, Any]]
    ) -> None:
        actor = self.actor
        backing = [
            self.evidence[e["key"]] for e in evidence_rows if e.get("attach_to") == "obstacles"
        ]
        for row in rows:
            sources = self._cited(row)
            titles = _titles(row)
            lookup: dict[str, Any] = {"programme": programme, "title": titles.pop("title")}
            earlier = _known_by_translation(Obstacle, lookup, titles["title_translation"])
            if earlier is not None:
                # An earlier file named it by its English wording: rename it, keep the record.
                lookup, titles = {"pk": earlier.pk}, _titles(row)
            sync_record(
                self.report,
                Obstacle,
                lookup=lookup,
                values={
                    **titles,
                    "cause": self.causes[row["cause"]],
                    "manifestation": row["manifestation"],
                    "is_illustrative": not sources,
                },
                m2m={
                    "sources": sources,
                    "evidence": [e for e in backing if e.source in sources],
                },
                create=lambda **kw: obstacle_create(actor=actor, **kw),
                update=lambda obj, **kw: obstacle_update(obstacle=obj, actor=actor, **kw),
            )


def _known_by_translation(
    model: type[Obstacle], lookup: dict[str, Any], translation: str
) -> Obstacle | None:
    """The record an earlier load stored under `translation` as its title, if the original
    title is not stored yet (the reference data once named thesis obstacles in English)."""
    if not translation or model.objects.filter(**lookup).exists():
        return None
    return model.objects.filter(**{**lookup, "title": translation}).first()


def load_reference(
    *,
    actor: User | None = None,
    programme_path: Path = PROGRAMME_PATH,
    evidence_path: Path = EVIDENCE_PATH,
) -> tuple[Programme, SyncReport]:
    """Load the taxonomy and the reference programme in one transaction."""
    report = SyncReport()
    data = json.loads(programme_path.read_text(encoding="utf-8"))
    evidence = json.loads(evidence_path.read_text(encoding="utf-8"))
    with transaction.atomic():
        causes = load_taxonomy(report=report, actor=actor)
        loader = ProgrammeLoader(report=report, causes=causes, actor=actor)
        programme = loader.load(data, evidence)
    return programme, report
