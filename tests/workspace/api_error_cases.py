"""The bad requests the API must answer with a 4xx JSON body naming the field and the reason.

One table per kind of mistake (wrong type, out of range, dates in the wrong order, unknown
references, duplicates, domain rules, bad query parameters); `test_api_bad_input_is_a_json_4xx.py`
runs them. Paths are formatted with the primary keys of that module's `world` fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db import models

from apps.assessments.models import Assessment
from apps.evidence.models import Evidence, Source
from apps.obstacles.models import Obstacle
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Involvement, Stakeholder

MISSING = 987654  # an id no record has


@dataclass(frozen=True)
class Case:
    """One bad request and what the answer must name."""

    id: str
    method: str
    path: str  # formatted with the world's primary keys, e.g. "/api/v1/outputs/{output}/"
    body: Callable[[SimpleNamespace], dict[str, Any]] | None
    field: str | tuple[str, ...]  # the key the error body must have (one of them)
    status: int = 400
    reason: str = ""  # a fragment the reason must contain, when it matters
    model: type[models.Model] | None = None  # whose rows must stay as they were
    session: bool = False  # sent from Alice's browser session instead of with her token


def pk_map(world: SimpleNamespace) -> dict[str, Any]:
    return {name: getattr(value, "pk", value) for name, value in vars(world).items()}


def fingerprint(model: type[models.Model] | None) -> list[dict[str, Any]]:
    return [] if model is None else list(model.objects.order_by("pk").values())


def output_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {"outcome": w.outcome.pk, "code": "9.9", "title": "New output"} | changes


def indicator_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {"output": w.output.pk, "code": "IND-NEW", "name": "Seizures"} | changes


def measurement_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {
        "indicator": w.indicator.pk, "period_start": "2019-01-01", "period_end": "2019-12-31",
        "value": "4",
    } | changes  # fmt: skip


def obstacle_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {"programme": w.programme.pk, "title": "Turf war", "cause": w.cause.code} | changes


def involvement_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {
        "stakeholder": w.stakeholder.pk, "output": w.output.pk, "role": "implementing_partner",
        "influence": 3, "interest": 3, "stance": "neutral",
    } | changes  # fmt: skip


def assessment_body(w: SimpleNamespace, **changes: Any) -> dict[str, Any]:
    return {"output": w.output.pk, "assessed_on": "2020-01-31", "a1": 1} | changes


WRONG_TYPES = [
    Case("programme-budget-text", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"budget": "a lot"}, "budget", model=Programme),
    Case("programme-start-date-text", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"start_date": "next year"}, "start_date", reason="format", model=Programme),
    Case("outcome-order-text", "patch", "/api/v1/outcomes/{outcome}/",
         lambda w: {"order": "first"}, "order", model=Outcome),
    Case("output-status-unknown", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"status": "stalled"}, "status", reason="valid choice", model=Output),
    Case("output-title-list", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"title": ["a", "b"]}, "title", model=Output),
    Case("output-outcome-text", "post", "/api/v1/outputs/",
         lambda w: output_body(w, outcome="SP1"), "outcome", reason="pk", model=Output),
    Case("indicator-measure-unknown", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, measure="ratio"), "measure", model=Indicator),
    Case("target-value-text", "patch", "/api/v1/targets/{target}/",
         lambda w: {"value": "ten"}, "value", reason="number", model=Target),
    Case("measurement-value-text", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, value="many"), "value", model=Measurement),
    Case("measurement-period-not-a-date", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, period_end="31/12/2019"), "period_end",
         model=Measurement),
    Case("stakeholder-kind-unknown", "post", "/api/v1/stakeholders/",
         lambda w: {"name": "X", "kind": "militia", "level": "national"}, "kind",
         model=Stakeholder),
    Case("stakeholder-country-not-alpha3", "patch", "/api/v1/stakeholders/{stakeholder}/",
         lambda w: {"country": "Indonesia"}, "country", model=Stakeholder),
    Case("involvement-influence-text", "post", "/api/v1/involvements/",
         lambda w: involvement_body(w, influence="high"), "influence", model=Involvement),
    Case("obstacle-severity-text", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"severity": "grave"}, "severity", model=Obstacle),
    Case("obstacle-outputs-not-a-list", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"outputs": w.output.pk}, "outputs", model=Obstacle),
    Case("source-url-not-a-url", "patch", "/api/v1/sources/{source}/",
         lambda w: {"url": "not a url"}, "url", model=Source),
    Case("source-key-not-a-slug", "patch", "/api/v1/sources/{source}/",
         lambda w: {"key": "has spaces in it"}, "key", model=Source),
    Case("evidence-stance-unknown", "patch", "/api/v1/evidence/{evidence}/",
         lambda w: {"stance": "maybe"}, "stance", model=Evidence),
    Case("assessment-item-text", "patch", "/api/v1/assessments/{assessment}/",
         lambda w: {"c2": "high"}, "c2", model=Assessment),
    Case("assessment-date-missing", "post", "/api/v1/assessments/",
         lambda w: assessment_body(w, assessed_on=None), "assessed_on", model=Assessment),
    Case("token-expiry-text", "post", "/api/v1/tokens/",
         lambda w: {"name": "ci", "expires_in_days": "soon"}, "expires_in_days",
         session=True),
]  # fmt: skip

OUT_OF_RANGE = [
    Case("obstacle-severity-9", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"severity": 9}, "severity", reason="5", model=Obstacle),
    Case("obstacle-severity-0-on-create", "post", "/api/v1/obstacles/",
         lambda w: obstacle_body(w, severity=0), "severity", reason="1", model=Obstacle),
    Case("involvement-influence-0", "post", "/api/v1/involvements/",
         lambda w: involvement_body(w, influence=0), "influence", reason="1", model=Involvement),
    Case("involvement-interest-6", "post", "/api/v1/involvements/",
         lambda w: involvement_body(w, interest=6), "interest", reason="5", model=Involvement),
    Case("assessment-a1-3", "patch", "/api/v1/assessments/{assessment}/",
         lambda w: {"a1": 3}, "a1", reason="valid choice", model=Assessment),
    Case("assessment-c5-minus-1-on-create", "post", "/api/v1/assessments/",
         lambda w: assessment_body(w, c5=-1), "c5", model=Assessment),
    Case("programme-threshold-1.5", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"ambiguity_threshold": "1.5"}, "ambiguity_threshold", model=Programme),
    Case("programme-threshold-negative", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"conflict_threshold": -0.1}, "conflict_threshold", model=Programme),
    Case("programme-country-lowercase", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"country": "idn"}, "country", reason="alpha-3", model=Programme),
    Case("measurement-percentage-150", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, indicator=w.percentage.pk, value="150"), "value",
         reason="between 0 and 100", model=Measurement),
    Case("outcome-order-negative", "patch", "/api/v1/outcomes/{outcome}/",
         lambda w: {"order": -1}, "order", model=Outcome),
    Case("output-title-too-long", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"title": "x" * 301}, "title", reason="300", model=Output),
    Case("token-expiry-400-days", "post", "/api/v1/tokens/",
         lambda w: {"name": "ci", "expires_in_days": 400}, "expires_in_days",
         session=True),
]  # fmt: skip

DATES_IN_THE_WRONG_ORDER = [
    Case("programme-end-before-start", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"end_date": "2016-12-31"}, "end_date", reason="must not be before",
         model=Programme),
    Case("output-end-before-start", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"start_date": "2019-01-01", "end_date": "2018-01-01"}, "end_date",
         reason="must not be before", model=Output),
    Case("output-end-before-start-on-create", "post", "/api/v1/outputs/",
         lambda w: output_body(w, start_date="2019-01-01", end_date="2018-12-31"), "end_date",
         model=Output),
    Case("indicator-target-before-baseline", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, baseline_date="2019-01-01", target_date="2018-01-01"),
         "target_date", model=Indicator),
    Case("target-period-end-before-start", "patch", "/api/v1/targets/{target}/",
         lambda w: {"period_end": "2017-12-31"}, "period_end", model=Target),
    Case("measurement-period-end-before-start", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, period_end="2018-06-30"), "period_end",
         reason="must not be before", model=Measurement),
    Case("obstacle-resolved-before-identified", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"identified_on": "2019-05-01", "status": "resolved",
                    "resolved_on": "2019-04-30"}, "resolved_on", model=Obstacle),
    Case("aggregate-trend-end-before-start", "get",
         "/api/v1/aggregates/quadrant-trend/?start=2020-01-01&end=2019-01-01", None, "end"),
]  # fmt: skip

UNKNOWN_REFERENCES = [
    Case("outcome-programme-unknown", "post", "/api/v1/outcomes/",
         lambda w: {"programme": MISSING, "code": "SP9", "title": "New"}, "programme",
         reason="does not exist", model=Outcome),
    Case("output-outcome-unknown", "post", "/api/v1/outputs/",
         lambda w: output_body(w, outcome=MISSING), "outcome", reason="does not exist",
         model=Output),
    Case("output-lead-unknown", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"lead": MISSING}, "lead", reason="does not exist", model=Output),
    Case("indicator-output-unknown", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, output=MISSING), "output", model=Indicator),
    Case("target-indicator-unknown", "post", "/api/v1/targets/",
         lambda w: {"indicator": MISSING, "period_start": "2019-01-01",
                    "period_end": "2019-12-31", "value": "3"}, "indicator", model=Target),
    Case("measurement-evidence-unknown", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, evidence=MISSING), "evidence", model=Measurement),
    Case("involvement-stakeholder-unknown", "post", "/api/v1/involvements/",
         lambda w: involvement_body(w, stakeholder=MISSING), "stakeholder", model=Involvement),
    Case("obstacle-cause-unknown", "post", "/api/v1/obstacles/",
         lambda w: obstacle_body(w, cause="NO_SUCH_CAUSE"), "cause", reason="does not exist",
         model=Obstacle),
    Case("obstacle-outputs-unknown", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"outputs": [w.output.pk, MISSING]}, "outputs", model=Obstacle),
    Case("obstacle-stakeholders-unknown", "patch", "/api/v1/obstacles/{obstacle}/",
         lambda w: {"stakeholders": [MISSING]}, "stakeholders", model=Obstacle),
    Case("evidence-source-unknown", "post", "/api/v1/evidence/",
         lambda w: {"source": MISSING, "excerpt": "Quoted"}, "source", model=Evidence),
    Case("assessment-output-unknown", "post", "/api/v1/assessments/",
         lambda w: assessment_body(w, output=MISSING), "output", model=Assessment),
    Case("assessment-evidence-unknown", "patch", "/api/v1/assessments/{assessment}/",
         lambda w: {"evidence": [MISSING]}, "evidence", model=Assessment),
    Case("programme-sources-unknown", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"sources": [MISSING]}, "sources", model=Programme),
]  # fmt: skip

DUPLICATES = [
    Case("output-code-twice-in-programme", "post", "/api/v1/outputs/",
         lambda w: output_body(w, code=w.output.code), ("code", "non_field_errors"),
         model=Output),
    Case("outcome-code-twice-in-programme", "post", "/api/v1/outcomes/",
         lambda w: {"programme": w.programme.pk, "code": w.outcome.code, "title": "Again"},
         ("code", "non_field_errors"), model=Outcome),
    Case("indicator-code-twice-in-output", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, code="SEIZED-KG"), ("code", "non_field_errors"),
         model=Indicator),
    Case("measurement-same-period-twice", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, period_start="2018-01-01", period_end="2018-12-31"),
         ("period_end", "non_field_errors"), reason="already has a measurement",
         model=Measurement),
    Case("target-same-period-twice", "post", "/api/v1/targets/",
         lambda w: {"indicator": w.indicator.pk, "period_start": "2018-01-01",
                    "period_end": "2018-12-31", "value": "3"},
         ("period_end", "non_field_errors"), model=Target),
    Case("assessment-same-output-and-date", "post", "/api/v1/assessments/",
         lambda w: assessment_body(w, assessed_on="2019-06-30"),
         ("assessed_on", "non_field_errors"), reason="already has an assessment",
         model=Assessment),
    Case("obstacle-title-twice-in-programme", "post", "/api/v1/obstacles/",
         lambda w: obstacle_body(w, title="No SOPs"), ("title", "non_field_errors"),
         model=Obstacle),
    Case("stakeholder-name-twice-in-country", "post", "/api/v1/stakeholders/",
         lambda w: {"name": "Badan Narkotika Nasional", "country": "IDN",
                    "kind": "government", "level": "national"},
         ("name", "non_field_errors"), model=Stakeholder),
    Case("source-key-twice", "post", "/api/v1/sources/",
         lambda w: {"key": "bnn-survey-2021", "title": "Again", "kind": "dataset"}, "key",
         model=Source),
    Case("programme-code-twice", "patch", "/api/v1/programmes/{programme}/",
         lambda w: {"code": w.elsewhere.programme.code}, "code", model=Programme),
]  # fmt: skip

DOMAIN_RULES = [
    Case("percentage-indicator-with-sum", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, measure="percentage", aggregation="sum"), "aggregation",
         reason="percentage", model=Indicator),
    Case("percentage-indicator-changed-to-sum", "patch", "/api/v1/indicators/{percentage}/",
         lambda w: {"aggregation": "sum"}, "aggregation", model=Indicator),
    Case("increasing-target-below-baseline", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, direction="increase", baseline_value="10",
                                  target_value="5"), "target_value", model=Indicator),
    Case("decreasing-target-above-baseline", "post", "/api/v1/indicators/",
         lambda w: indicator_body(w, direction="decrease", baseline_value="5",
                                  target_value="10"), "target_value", model=Indicator),
    Case("target-equal-to-baseline", "patch", "/api/v1/indicators/{indicator}/",
         lambda w: {"baseline_value": "7", "target_value": "7"}, "target_value",
         model=Indicator),
    Case("numeric-measurement-without-value", "post", "/api/v1/measurements/",
         lambda w: measurement_body(w, value=None), "value", model=Measurement),
    Case("output-moved-to-another-programme", "patch", "/api/v1/outputs/{output}/",
         lambda w: {"outcome": w.elsewhere.pk}, "outcome", model=Output),
    Case("involvement-without-programme-or-output", "post", "/api/v1/involvements/",
         lambda w: involvement_body(w, output=None), "programme", model=Involvement),
    Case("assessment-item-fraction", "patch", "/api/v1/assessments/{assessment}/",
         lambda w: {"a1": 1.5}, "a1", model=Assessment),
]  # fmt: skip

QUERY_PARAMETERS = [
    Case("trend-period-month", "get", "/api/v1/aggregates/quadrant-trend/?period=month", None,
         "period", reason="valid choice"),
    Case("matrix-programme-not-a-number", "get",
         "/api/v1/aggregates/quadrant-matrix/?programme=abc", None, "programme"),
    Case("matrix-programme-unknown", "get", "/api/v1/aggregates/quadrant-matrix/?programme=999",
         None, "detail", status=404, reason="No such programme"),
    Case("headline-programme-code-unknown", "get",
         "/api/v1/aggregates/headline/?programme_code=NOPE", None, "detail", status=404),
    Case("grid-outcome-unknown", "get", f"/api/v1/aggregates/stakeholder-grid/?outcome={MISSING}",
         None, "detail", status=404, reason="No such outcome"),
    Case("progress-on-not-a-date", "get", "/api/v1/aggregates/indicator-progress/?on=today",
         None, "on", reason="format"),
    Case("obstacles-status-unknown", "get",
         "/api/v1/aggregates/obstacles-by-cause/?status=forgotten", None, "status"),
    Case("strategies-language-unknown", "get",
         "/api/v1/aggregates/quadrant-strategies/?language=fr", None, "language"),
    Case("outputs-filter-status-unknown", "get", "/api/v1/outputs/?status=stalled", None,
         "status"),
    Case("page-out-of-range", "get", "/api/v1/outputs/?page=99", None, "detail", status=404,
         reason="Invalid page"),
]  # fmt: skip

CASES = [
    *WRONG_TYPES, *OUT_OF_RANGE, *DATES_IN_THE_WRONG_ORDER, *UNKNOWN_REFERENCES, *DUPLICATES,
    *DOMAIN_RULES, *QUERY_PARAMETERS,
]  # fmt: skip


def reasons_of(value: Any) -> list[str]:
    """Every message in an error value (a string, a list of them, or nested per item)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in reasons_of(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in reasons_of(item)]
    return []
