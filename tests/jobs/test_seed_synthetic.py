"""seed_synthetic: counts on the scale, reproducible, valid, labelled, readable by the pages."""

from __future__ import annotations

import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F, Q
from django.urls import reverse

from apps.assessments.matland import classify
from apps.assessments.models import Assessment
from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.jobs.synthetic import SYNTHETIC_NOTE, planned_counts, programme_shares
from apps.obstacles.models import Obstacle
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder
from tests.dashboards.pages import dashboard_requests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCALE = "0.002"
# The scale-1 counts times 0.002, rounded, at least one programme, outcome and output.
AT_SCALE = {
    "programmes": 1,
    "outcomes": 1,
    "outputs": 4,
    "indicators": 20,
    "measurements": 200,
    "obstacles": 20,
    "assessments": 20,
    "stakeholders": 4,
    "involvements": 12,
}
MODELS: dict[str, Any] = {
    "programmes": Programme,
    "outcomes": Outcome,
    "outputs": Output,
    "indicators": Indicator,
    "measurements": Measurement,
    "obstacles": Obstacle,
    "assessments": Assessment,
    "stakeholders": Stakeholder,
    "involvements": Involvement,
}


PORTFOLIO_PARAMS = {"quadrant-trend": "period=year", "quadrant-strategies": "language=en"}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_synthetic", "--scale", SCALE, *args, stdout=out)
    return out.getvalue()


def synthetic(kind: str) -> Any:
    return MODELS[kind].objects.filter(is_illustrative=True)


def fingerprint() -> dict[str, list[tuple[Any, ...]]]:
    """Everything the run drew, by natural keys (primary keys differ between runs)."""
    return {
        "programmes": sorted(
            Programme.objects.values_list(
                "code", "country", "start_date", "end_date", "budget", "status"
            )
        ),
        "outputs": sorted(
            Output.objects.values_list(
                "programme__code", "code", "status", "start_date", "lead__name", "budget_spent"
            )
        ),
        "indicators": sorted(
            Indicator.objects.values_list(
                "output__code",
                "code",
                "measure",
                "direction",
                "aggregation",
                "baseline_value",
                "target_value",
            )
        ),
        "measurements": sorted(
            Measurement.objects.values_list(
                "indicator__output__code", "indicator__code", "period_start", "value", "narrative"
            )
        ),
        "obstacles": sorted(
            Obstacle.objects.values_list(
                "title", "cause__code", "severity", "status", "identified_on", "resolved_on"
            )
        ),
        "links": sorted(
            Obstacle.outputs.through.objects.values_list("obstacle__title", "output__code")
        ),
        "assessments": sorted(
            Assessment.objects.values_list("output__code", "assessed_on", "a1", "c5", "quadrant")
        ),
        "involvements": sorted(
            Involvement.objects.values_list(
                "stakeholder__name", "output__code", "role", "influence", "stance"
            )
        ),
    }


def test_the_counts_follow_the_scale():
    assert planned_counts(0.002) == AT_SCALE
    assert planned_counts(1)["measurements"] == 100_000
    assert planned_counts(0.5)["programmes"] == 10

    output = seed()

    for kind, expected in AT_SCALE.items():
        assert synthetic(kind).count() == expected, kind
        assert f"{expected:,}" in output
    assert "written in" in output


def test_the_first_programme_is_the_largest_a_fifth_of_a_full_portfolio():
    shares = programme_shares(20, random.Random(1))
    assert shares[0] == max(shares) == pytest.approx(0.2)
    assert sum(shares) == pytest.approx(1)

    call_command("seed_synthetic", "--scale", "0.075", stdout=StringIO())

    sizes = {p.code: p.outputs.count() for p in Programme.objects.all()}
    assert sum(sizes.values()) == 150
    assert len(sizes) == 2
    assert sizes["SYN-001"] == max(sizes.values())


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    seed("--seed", "7")
    first = fingerprint()
    seed("--seed", "7", "--replace")
    assert fingerprint() == first
    seed("--seed", "8", "--replace")
    assert fingerprint() != first


def test_every_quadrant_is_what_the_rubric_gives_for_the_answers():
    seed()

    assessments = list(Assessment.objects.select_related("output__programme"))
    assert {a.quadrant for a in assessments} - {"unclassified"}
    for assessment in assessments:
        programme = assessment.output.programme
        result = classify(
            assessment.item_answers(),
            ambiguity_threshold=programme.ambiguity_threshold,
            conflict_threshold=programme.conflict_threshold,
        )
        assert (assessment.quadrant, assessment.ambiguity, assessment.conflict) == (
            result.quadrant.value,
            result.ambiguity,
            result.conflict,
        )
        assert assessment.borderline == result.borderline


def test_dates_lie_inside_the_programme_and_in_order():
    seed()

    programme = "indicator__output__programme__"
    measurements = Measurement.objects.all()
    assert measurements.exists()
    assert not measurements.filter(period_end__lt=F("period_start")).exists()
    assert not measurements.filter(
        Q(period_start__lt=F(f"{programme}start_date"))
        | Q(period_end__gt=F(f"{programme}end_date"))
    ).exists()
    assert not Output.objects.filter(
        Q(start_date__lt=F("programme__start_date")) | Q(end_date__gt=F("programme__end_date"))
    ).exists()
    assert not Obstacle.objects.filter(resolved_on__lt=F("identified_on")).exists()
    assert not Obstacle.objects.filter(
        Q(identified_on__lt=F("programme__start_date"))
        | Q(resolved_on__gt=F("programme__end_date"))
    ).exists()
    assert not Assessment.objects.filter(
        Q(assessed_on__lt=F("output__programme__start_date"))
        | Q(assessed_on__gt=F("output__programme__end_date"))
    ).exists()


def test_indicators_agree_with_their_measure_and_direction():
    seed()

    for indicator in Indicator.objects.all():
        indicator.full_clean()
        if indicator.measure == "qualitative":
            assert not indicator.measurements.filter(value__isnull=False).exists()
        if indicator.measure == "percentage":
            assert not indicator.measurements.filter(Q(value__lt=0) | Q(value__gt=100)).exists()


def test_every_record_is_illustrative_and_says_it_is_synthetic():
    seed()

    for kind, model in MODELS.items():
        assert not model.objects.filter(is_illustrative=False).exists(), kind
        if hasattr(model, "provenance_note"):
            assert not model.objects.exclude(provenance_note=SYNTHETIC_NOTE).exists(), kind
    assert not Programme.objects.exclude(code__startswith="SYN-").exists()


def test_each_record_has_one_initial_history_row():
    seed()

    for model in (Output, Obstacle, Involvement, Assessment, Indicator, Measurement):
        history = model.history.model.objects
        assert history.count() == model.objects.count(), model
        assert not history.exclude(history_type="+").exists()
    assert Obstacle.history.model.objects.first().outputs.exists()


def test_the_dashboards_and_the_programme_page_answer_on_synthetic_data(client):
    seed()
    programme = Programme.objects.get()
    client.force_login(UserFactory(is_staff=True))

    urls = [
        *dashboard_requests(programme).values(),
        *dashboard_requests(None).values(),
        # every aggregate for the whole portfolio, not only those its dashboard calls
        *(
            f"{reverse(f'aggregate-{name}')}?{PORTFOLIO_PARAMS.get(name, '')}"
            for name in AGGREGATE_VIEWS
        ),
        reverse("programme-detail", args=[programme.code]),
        reverse("programme-dashboard", args=[programme.code]),
        reverse("portfolio-dashboard"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_second_run_is_refused_without_replace():
    seed()

    with pytest.raises(CommandError, match="--replace"):
        seed()
    assert Programme.objects.count() == 1


def test_replace_deletes_the_earlier_run_first():
    seed("--seed", "3")
    seed("--seed", "3", "--replace")

    for kind, expected in AT_SCALE.items():
        assert synthetic(kind).count() == expected, kind
    assert Output.history.model.objects.count() == AT_SCALE["outputs"]
    assert Measurement.history.model.objects.count() == AT_SCALE["measurements"]
