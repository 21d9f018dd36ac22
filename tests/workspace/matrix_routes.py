"""The permission matrix's routes: every endpoint of the v1 router, every aggregate, and the
named routes outside the viewsets, each with what it holds and how to build a record for it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Model

from apps.accounts.services import api_token_create
from apps.assessments.services import assessment_create
from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.programmes.models import Programme
from config.api_urls import router
from tests.factories import (
    EvidenceFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleCauseFactory,
    ObstacleFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
    UserFactory,
)
from tests.workspace.matrix_actors import CREATE, DESTROY, LIST, METHODS, RETRIEVE, Method, World

API = "/api/v1/"


# --------------------------------------------------------------------------------------------
# Endpoints
# --------------------------------------------------------------------------------------------


class Scope(enum.Enum):
    """Who reads and who writes the records of an endpoint (DESIGN section 5)."""

    PROGRAMME = "records of one programme"
    SHARED = "shared records: stakeholders, sources, evidence"
    TAXONOMY = "read-only reference data"
    MEMBERSHIPS = "roles, managed by staff"
    OWN_TOKENS = "the user's own API tokens"
    AGGREGATE = "figures over the programmes the user reads"
    INDEX = "the list of the API's routes"
    PUBLIC = "the API's description, open to anyone"


def _exists(record: Model) -> bool:
    return type(record).objects.filter(pk=record.pk).exists()


def _revoked(record: Model) -> bool:
    return type(record).objects.get(pk=record.pk).revoked_at is not None


@dataclass(frozen=True)
class Endpoint:
    """One router route: what it holds, how to build a record of this programme, valid bodies."""

    name: str
    viewset: type
    scope: Scope
    target: Callable[[World], Model]
    create: Callable[[World], dict[str, Any]]
    patch: dict[str, Any]
    methods: tuple[Method, ...] = tuple(METHODS)
    parent: str | None = None  # the field naming the programme's record a new one hangs under
    staff_create_and_delete: bool = False
    gone: Callable[[Model], bool] = lambda record: not _exists(record)

    @property
    def path(self) -> str:
        return f"{API}{self.name}/"

    def url(self, method: Method, target: Model | None) -> str:
        return f"{self.path}{target.pk}/" if method.detail else self.path


def _assessment(world: World) -> Model:
    return assessment_create(
        output=world.output(),
        assessed_on=date(2019, 6, 30),
        items={"A1": 1, "A2": 1, "A3": 0, "C1": 0, "C2": 1, "C3": 0},
        summary="First scoring.",
    )


def _membership(world: World) -> Model:
    return MembershipFactory(programme=world.programme, role="viewer")


def _token(world: World) -> Model:
    token, _ = api_token_create(user=world.analyst, name="target", read_only=False)
    return token


# The viewsets as the router holds them (those of record kinds are built from their kinds).
_VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}
ProgrammeViewSet = _VIEWSETS["programmes"]
OutcomeViewSet = _VIEWSETS["outcomes"]
OutputViewSet = _VIEWSETS["outputs"]
IndicatorViewSet = _VIEWSETS["indicators"]
TargetViewSet = _VIEWSETS["targets"]
MeasurementViewSet = _VIEWSETS["measurements"]
StakeholderViewSet = _VIEWSETS["stakeholders"]
InvolvementViewSet = _VIEWSETS["involvements"]
ObstacleCauseViewSet = _VIEWSETS["obstacle-causes"]
ObstacleViewSet = _VIEWSETS["obstacles"]
SourceViewSet = _VIEWSETS["sources"]
EvidenceViewSet = _VIEWSETS["evidence"]
AssessmentViewSet = _VIEWSETS["assessments"]
MembershipViewSet = _VIEWSETS["memberships"]
ApiTokenViewSet = _VIEWSETS["tokens"]

ENDPOINTS = [
    Endpoint(
        "programmes",
        ProgrammeViewSet,
        Scope.PROGRAMME,
        target=lambda w: w.programme,
        create=lambda w: {
            "code": "NEW-PRG",
            "title": "A new programme",
            "country": "IDN",
            "agency": "UNODC",
            "start_date": "2021-01-01",
            "end_date": "2025-12-31",
        },
        patch={"title": "Renamed programme"},
        staff_create_and_delete=True,
    ),
    Endpoint(
        "outcomes",
        OutcomeViewSet,
        Scope.PROGRAMME,
        target=lambda w: w.outcome(),
        create=lambda w: {"programme": w.programme.pk, "code": "SP-NEW", "title": "New pillar"},
        patch={"title": "Renamed pillar"},
        parent="programme",
    ),
    Endpoint(
        "outputs",
        OutputViewSet,
        Scope.PROGRAMME,
        target=lambda w: w.output(),
        create=lambda w: {"outcome": w.outcome().pk, "code": "9.9", "title": "New output"},
        patch={"title": "Renamed output"},
        parent="outcome",
    ),
    Endpoint(
        "indicators",
        IndicatorViewSet,
        Scope.PROGRAMME,
        target=lambda w: w.indicator(),
        create=lambda w: {
            "output": w.output().pk,
            "code": "IND-NEW",
            "name": "Cases prosecuted",
            "unit": "cases",
            "measure": "number",
            "direction": "increase",
            "aggregation": "sum",
        },
        patch={"name": "Renamed indicator"},
        parent="output",
    ),
    Endpoint(
        "targets",
        TargetViewSet,
        Scope.PROGRAMME,
        target=lambda w: TargetFactory(indicator=w.indicator()),
        create=lambda w: {
            "indicator": w.indicator().pk,
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "value": "12",
        },
        patch={"value": Decimal("20")},
        parent="indicator",
    ),
    Endpoint(
        "measurements",
        MeasurementViewSet,
        Scope.PROGRAMME,
        target=lambda w: MeasurementFactory(indicator=w.indicator()),
        create=lambda w: {
            "indicator": w.indicator().pk,
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "value": "7",
        },
        patch={"note": "Checked against the annual report."},
        parent="indicator",
    ),
    Endpoint(
        "stakeholders",
        StakeholderViewSet,
        Scope.SHARED,
        target=lambda w: StakeholderFactory(),
        create=lambda w: {
            "name": "National Narcotics Board",
            "kind": "government",
            "level": "national",
        },
        patch={"notes": "Lead on drug control."},
    ),
    Endpoint(
        "involvements",
        InvolvementViewSet,
        Scope.PROGRAMME,
        target=lambda w: InvolvementFactory(output=w.output()),
        create=lambda w: {
            "stakeholder": StakeholderFactory().pk,
            "output": w.output().pk,
            "role": "donor",
            "influence": 4,
            "interest": 2,
            "stance": "supporter",
        },
        patch={"influence": 5},
        parent="output",
    ),
    Endpoint(
        "obstacle-causes",
        ObstacleCauseViewSet,
        Scope.TAXONOMY,
        target=lambda w: ObstacleCauseFactory(),
        create=lambda w: {
            "code": "NEW_CAUSE",
            "name_en": "A new cause",
            "name_id": "Penyebab baru",
            "frameworks": [],
            "dimension": "conflict",
            "items": [],
        },
        patch={"name_en": "Renamed cause"},
        methods=(LIST, RETRIEVE),
    ),
    Endpoint(
        "obstacles",
        ObstacleViewSet,
        Scope.PROGRAMME,
        target=lambda w: ObstacleFactory(programme=w.programme),
        create=lambda w: {
            "programme": w.programme.pk,
            "title": "No SOP for controlled deliveries",
            "cause": ObstacleCauseFactory().code,
        },
        patch={"title": "Renamed obstacle"},
        parent="programme",
    ),
    Endpoint(
        "sources",
        SourceViewSet,
        Scope.SHARED,
        target=lambda w: SourceFactory(),
        create=lambda w: {"title": "Annual report 2019", "kind": "primary"},
        patch={"title": "Renamed source"},
    ),
    Endpoint(
        "evidence",
        EvidenceViewSet,
        Scope.SHARED,
        target=lambda w: EvidenceFactory(),
        create=lambda w: {"source": SourceFactory().pk, "excerpt": "Seizures rose in 2019."},
        patch={"excerpt": "Seizures rose sharply in 2019."},
    ),
    Endpoint(
        "assessments",
        AssessmentViewSet,
        Scope.PROGRAMME,
        target=_assessment,
        create=lambda w: {
            "output": w.output().pk,
            "assessed_on": "2019-12-31",
            "a1": 2,
            "a2": 2,
            "a3": 1,
            "c1": 0,
            "c2": 0,
            "c3": 0,
        },
        patch={"summary": "Scored again after the review."},
        parent="output",
    ),
    Endpoint(
        "memberships",
        MembershipViewSet,
        Scope.MEMBERSHIPS,
        target=_membership,
        create=lambda w: {
            "user": UserFactory().username,
            "programme": w.programme.pk,
            "role": "viewer",
        },
        patch={"role": "manager"},
    ),
    Endpoint(
        "tokens",
        ApiTokenViewSet,
        Scope.OWN_TOKENS,
        target=_token,
        create=lambda w: {"name": "Reporting script", "read_only": True},
        patch={"name": "Renamed token"},
        methods=(LIST, CREATE, RETRIEVE, DESTROY),
        gone=_revoked,
    ),
]


@dataclass(frozen=True)
class Aggregate:
    """One aggregate route; for most, what to record in this programme and how the answer
    shows it (aggregates without a check only have their status checked)."""

    name: str
    seed: Callable[[World], Any] | None = None
    shows_programme: Callable[[Any, Programme], bool] | None = None
    scope: Scope = Scope.AGGREGATE

    @property
    def path(self) -> str:
        return f"{API}aggregates/{self.name}/"


def _classified_output(world: World) -> Model:
    return _assessment(world).output


def _rows_of(data: Any, programme: Programme) -> bool:
    return any(row["programme_code"] == programme.code for row in data["results"])


def _counted(data: Any, programme: Programme) -> bool:
    return sum(row["count"] for row in data["results"]) > 0


def _totalled(data: Any, programme: Programme) -> bool:
    return sum(row["total"] for row in data["results"]) > 0


def _strategy_lists(data: Any, programme: Programme) -> bool:
    return any(
        output["programme_code"] == programme.code
        for row in data["results"]
        for output in row["outputs"]
    )


def _open_obstacle(world: World) -> Model:
    return ObstacleFactory(programme=world.programme, severity=5)


AGGREGATE_CHECKS: dict[str, tuple[Callable[[World], Any], Callable[[Any, Programme], bool]]] = {
    "quadrant-matrix": (World.output, _rows_of),
    "status-by-quadrant": (World.output, _totalled),
    "obstacles-by-cause": (_open_obstacle, _counted),
    "obstacles-by-dimension": (_open_obstacle, _counted),
    "obstacles-by-severity": (_open_obstacle, _counted),
    "indicator-progress": (World.indicator, _rows_of),
    "stakeholder-grid": (lambda w: InvolvementFactory(output=w.output()), _rows_of),
    "quadrant-trend": (_classified_output, _totalled),
    "headline": (World.output, lambda data, _: data["results"]["outputs"] > 0),
    "quadrant-strategies": (_classified_output, _strategy_lists),
}
AGGREGATES = [Aggregate(name, *AGGREGATE_CHECKS.get(name, ())) for name in AGGREGATE_VIEWS]

# An aggregate is asked for the whole readable portfolio (LIST) or for this programme only.
THIS_PROGRAMME = Method("LIST-programme", "get", "list", detail=False, success=200)


@dataclass(frozen=True)
class NamedRoute:
    """A route outside the viewsets: the API's index, its OpenAPI schema and the schema's pages."""

    name: str
    url_name: str
    scope: Scope


NAMED_ROUTES = [
    NamedRoute("root", "api-root", Scope.INDEX),
    NamedRoute("schema", "api-schema", Scope.PUBLIC),
    NamedRoute("docs", "api-docs", Scope.PUBLIC),
    NamedRoute("redoc", "api-redoc", Scope.PUBLIC),
]
