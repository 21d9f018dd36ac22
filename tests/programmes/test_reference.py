"""Tests for `manage.py load_reference` and apps.programmes.reference (the shipped data)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import models

from apps.assessments import matland
from apps.core.models import ProvenanceModel, VersionedModel
from apps.evidence.models import Evidence, Source
from apps.jobs.reference import EVIDENCE_PATH, PROGRAMME_PATH
from apps.jobs.taxonomy import TAXONOMY_PATH, read_taxonomy
from apps.obstacles.choices import Manifestation
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder

DATA = json.loads(PROGRAMME_PATH.read_text(encoding="utf-8"))
EVIDENCE = json.loads(EVIDENCE_PATH.read_text(encoding="utf-8"))
TAXONOMY = read_taxonomy(TAXONOMY_PATH)
CODE = "IDN-CP-2017"

PROVENANCE_MODELS = sorted(
    (m for m in apps.get_models() if issubclass(m, ProvenanceModel)), key=lambda m: m._meta.label
)
# Every installed model: historical twins and through tables count too, so a second run that
# only appended history would show up as a changed row count.
ALL_MODELS = sorted(apps.get_models(), key=lambda m: m._meta.label)


def load() -> str:
    """Run the management command and return what it printed."""
    out = StringIO()
    call_command("load_reference", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db) -> str:
    return load()


@pytest.fixture
def programme_row(loaded) -> Programme:
    return Programme.objects.get(code=CODE)


def source_keys(record: models.Model) -> set[str]:
    """The citation keys of a record's sources."""
    return set(record.sources.values_list("key", flat=True))


def evidence_excerpt(key: str) -> str:
    """The excerpt of an evidence row of the evidence file, by its key."""
    return next(row["excerpt"] for row in EVIDENCE["evidence"] if row["key"] == key)


# --------------------------------------------------------------------------------------------
# The programme and its results framework
# --------------------------------------------------------------------------------------------


def test_the_programme_is_loaded_with_an_unknown_budget_not_zero(programme_row):
    assert programme_row.title == DATA["programme"]["title"]
    assert programme_row.country == "IDN"
    assert programme_row.budget is None
    assert programme_row.is_illustrative is False
    assert source_keys(programme_row) == {"bappenas-2016", "rp-eval-annex"}
    assert "not zero" in programme_row.provenance_note


def test_the_five_outcomes_rest_on_the_regional_programme_as_an_assumed_mapping(programme_row):
    outcomes = Outcome.objects.filter(programme=programme_row).order_by("order")

    assert [o.code for o in outcomes] == ["SP1", "SP2", "SP3", "SP4", "SP5"]
    for outcome in outcomes:
        assert source_keys(outcome) == {"rp-sea-2017"}, outcome.code
        assert "assumed" in outcome.provenance_note.lower(), outcome.code
        assert outcome.is_illustrative is False


def test_the_seven_outputs_are_loaded_under_their_outcomes(programme_row):
    outputs = Output.objects.filter(programme=programme_row).select_related("outcome", "lead")

    assert sorted(o.code for o in outputs) == ["1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "5.1"]
    rows = {row["code"]: row for row in DATA["outputs"]}
    for output in outputs:
        assert output.outcome.code == rows[output.code]["outcome"]
        assert output.lead.acronym == rows[output.code]["lead"]


@pytest.mark.parametrize("row", DATA["outputs"], ids=lambda row: row["code"])
def test_each_output_is_illustrative_exactly_when_the_file_says_so(programme_row, row):
    output = Output.objects.get(programme=programme_row, code=row["code"])

    assert output.is_illustrative is bool(row.get("illustrative", False))
    assert source_keys(output) == ({row["source"]} if row.get("source") else set())


def test_only_output_2_1_rests_on_a_source_the_uncac_review(programme_row):
    outputs = Output.objects.filter(programme=programme_row)

    assert source_keys(outputs.get(code="2.1")) == {"uncac-review-2017"}
    assert outputs.get(code="2.1").is_illustrative is False
    assert set(outputs.filter(is_illustrative=True).values_list("code", flat=True)) == {
        "1.1",
        "1.2",
        "2.2",
        "3.1",
        "4.1",
        "5.1",
    }


def test_prevalence_indicator_has_its_baseline_and_two_sourced_measurements(programme_row):
    indicator = Indicator.objects.get(output__programme=programme_row, code="5.1.a")

    assert indicator.baseline_value == Decimal("1.77")
    assert indicator.baseline_date.year == 2017
    assert (indicator.measure, indicator.aggregation, indicator.direction) == (
        "percentage",
        "latest",
        "decrease",
    )
    measurements = indicator.measurements.select_related("evidence__source").order_by("period_end")
    assert [(m.period_end.year, m.value) for m in measurements] == [
        (2019, Decimal("1.80")),
        (2021, Decimal("1.95")),
    ]
    for measurement in measurements:
        assert measurement.evidence is not None
        assert measurement.evidence.source.key == "bnn-survey-2021"
    assert source_keys(indicator) == {"bnn-prevalence-republika", "bnn-survey-2021"}


# --------------------------------------------------------------------------------------------
# Stakeholders
# --------------------------------------------------------------------------------------------


def test_all_fourteen_stakeholders_are_loaded(loaded):
    assert Stakeholder.objects.count() == len(DATA["stakeholders"]) == 14
    assert set(Stakeholder.objects.values_list("acronym", flat=True)) == {
        row["acronym"] for row in DATA["stakeholders"]
    }


@pytest.mark.parametrize("row", DATA["stakeholders"], ids=lambda row: row["acronym"])
def test_each_stakeholder_has_its_programme_level_role_from_the_file(programme_row, row):
    stakeholder = Stakeholder.objects.get(acronym=row["acronym"])
    assert (stakeholder.name, stakeholder.kind, stakeholder.level) == (
        row["name"],
        row["kind"],
        row["level"],
    )
    sourced = bool(row.get("source"))
    assert source_keys(stakeholder) == ({row["source"]} if sourced else set())
    # A stakeholder the file cites no source for is labelled illustrative like any other record.
    assert stakeholder.is_illustrative is (bool(row.get("illustrative")) or not sourced)

    involvement = Involvement.objects.get(stakeholder=stakeholder)

    assert involvement.programme == programme_row
    assert involvement.output is None
    assert involvement.role == row["role"]
    assert involvement.is_illustrative is not sourced
    assert source_keys(involvement) == ({row["source"]} if sourced else set())


def test_ditjen_pas_sits_inside_kemenkumham(loaded):
    ditjen_pas = Stakeholder.objects.get(acronym="Ditjen PAS")

    assert ditjen_pas.parent == Stakeholder.objects.get(acronym="Kemenkumham")
    assert Stakeholder.objects.exclude(pk=ditjen_pas.pk).filter(parent__isnull=False).count() == 0


# --------------------------------------------------------------------------------------------
# Obstacles, causes, sources and evidence
# --------------------------------------------------------------------------------------------


def test_the_ten_obstacle_causes_of_the_taxonomy_are_loaded(loaded):
    causes = {c.code: c for c in ObstacleCause.objects.all()}

    assert len(causes) == 10
    for row in TAXONOMY["causes"]:
        cause = causes[row["code"]]
        assert (cause.name_en, cause.name_id, cause.dimension) == (
            row["en"],
            row["id"],
            row["dimension"],
        )
        assert (cause.items, cause.frameworks) == (row["items"], row["frameworks"])


@pytest.mark.parametrize("row", DATA["obstacles"], ids=lambda row: row["cause"])
def test_each_thesis_obstacle_has_its_cause_manifestation_source_and_evidence(programme_row, row):
    obstacle = Obstacle.objects.get(programme=programme_row, title=row["title"])

    assert obstacle.cause.code == row["cause"]
    assert obstacle.manifestation == row["manifestation"]
    assert source_keys(obstacle) == {"thesis"}
    assert obstacle.is_illustrative is False
    assert [(e.source.key, e.excerpt) for e in obstacle.evidence.all()] == [
        ("thesis", evidence_excerpt("thesis-findings"))
    ]


def test_the_programme_has_exactly_the_seven_thesis_obstacles(programme_row):
    titles = set(Obstacle.objects.filter(programme=programme_row).values_list("title", flat=True))

    assert titles == {row["title"] for row in DATA["obstacles"]}
    assert len(titles) == 7


def test_the_thesis_is_a_source_of_kind_thesis(loaded):
    thesis = Source.objects.get(key="thesis")

    assert thesis.kind == "thesis"
    assert thesis.is_illustrative is False
    assert Source.objects.count() == len(DATA["sources"])


def test_the_golden_triangle_claim_is_kept_as_contesting_evidence_of_the_thesis(loaded):
    claim = Evidence.objects.get(excerpt__icontains="golden triangle")

    assert claim.source.key == "thesis"
    assert claim.stance == "contests"
    assert claim.excerpt == evidence_excerpt("thesis-golden-triangle")
    assert not claim.obstacles.exists(), "a contested claim does not back the obstacles"


# --------------------------------------------------------------------------------------------
# Provenance: every record is sourced or labelled illustrative
# --------------------------------------------------------------------------------------------


def rests_on_a_source(record: models.Model) -> bool:
    """Whether the record cites a source or links evidence (through a relation of any kind)."""
    if record.sources.exists():
        return True
    try:
        field = record._meta.get_field("evidence")
    except FieldDoesNotExist:
        return False
    if field.many_to_many:
        return record.evidence.exists()
    return record.evidence_id is not None


@pytest.mark.parametrize("model", PROVENANCE_MODELS, ids=lambda model: model._meta.label)
def test_every_loaded_record_is_sourced_or_illustrative(loaded, model):
    records = list(model.objects.all())
    assert records, f"the loader creates no {model._meta.verbose_name_plural}"

    unfounded = [str(r) for r in records if not r.is_illustrative and not rests_on_a_source(r)]

    assert unfounded == []


def test_every_loaded_measurement_links_evidence_or_is_illustrative(loaded):
    measurements = list(Measurement.objects.select_related("evidence"))

    assert len(measurements) == 5
    assert [str(m) for m in measurements if m.evidence is None and not m.is_illustrative] == []


def test_the_provenance_check_covers_the_models_the_loader_writes():
    labels = {m._meta.label for m in PROVENANCE_MODELS}

    assert {
        "programmes.Programme",
        "programmes.Outcome",
        "programmes.Output",
        "programmes.Indicator",
        "stakeholders.Stakeholder",
        "stakeholders.Involvement",
        "obstacles.Obstacle",
    } <= labels


# --------------------------------------------------------------------------------------------
# Running the command again
# --------------------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in ALL_MODELS}


def versions() -> dict[str, dict[int, int]]:
    return {
        m._meta.label: dict(m.objects.values_list("pk", "version"))
        for m in ALL_MODELS
        if issubclass(m, VersionedModel)
    }


def test_the_first_run_reports_that_it_wrote_changes(loaded):
    assert re.search(r"Obstacle Causes\s+created\s+10\b", loaded)
    assert "changes written" in loaded
    assert "already up to date" not in loaded


def test_a_second_run_changes_no_row_count_and_no_version(loaded):
    counts, before = row_counts(), versions()
    assert counts["programmes.Programme"] == 1
    assert sum(len(pks) for pks in before.values()) > 80

    again = load()

    assert row_counts() == counts
    assert versions() == before
    assert "already up to date" in again
    assert "changes written" not in again


def test_a_second_run_repairs_a_field_that_drifted_from_the_file(loaded):
    Outcome.objects.filter(code="SP2").update(title="Edited by hand")

    again = load()

    assert Outcome.objects.get(code="SP2").title == "Anti-corruption"
    assert "changes written" in again
    assert "already up to date" in load()


# --------------------------------------------------------------------------------------------
# The taxonomy file agrees with the code
# --------------------------------------------------------------------------------------------


def test_rubric_item_texts_in_matland_match_the_taxonomy_file():
    in_file = TAXONOMY["rubric_items"]

    assert list(in_file) == list(matland.ITEM_CODES)
    for code, item in matland.RUBRIC_ITEMS.items():
        assert (item.text_en, item.text_id) == (in_file[code]["en"], in_file[code]["id"]), code
        answers = (tuple(in_file[code]["answers_en"]), tuple(in_file[code]["answers_id"]))
        assert (item.answers_en, item.answers_id) == answers, code


def test_quadrant_names_and_principles_in_matland_match_the_taxonomy_file():
    in_file = TAXONOMY["quadrants"]
    classified = {q.value: info for q, info in matland.QUADRANTS.items() if q.value in in_file}

    assert set(classified) == set(in_file)
    for name, info in classified.items():
        row = in_file[name]
        assert (info.name_en, info.name_id) == (row["en"], row["id"]), name
        assert (info.principle_en, info.principle_id) == (
            row["principle_en"],
            row["principle_id"],
        ), name
        placed = matland.classify_quadrant(
            ambiguity_high=row["ambiguity"] == "high", conflict_high=row["conflict"] == "high"
        )
        assert placed.value == name


def test_manifestation_choices_match_the_taxonomy_file():
    in_file = {row["code"]: row["en"] for row in TAXONOMY["manifestations"]}

    assert list(Manifestation.values) == list(in_file)
    assert {value: str(label) for value, label in Manifestation.choices} == in_file


def test_the_cause_items_in_the_taxonomy_file_are_rubric_items():
    for row in TAXONOMY["causes"]:
        assert set(row["items"]) <= set(matland.ITEM_CODES), row["code"]
