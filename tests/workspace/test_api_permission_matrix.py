"""Who may do what through the API: every route × method × actor, against one set of rules.

DESIGN section 5 written down once, in `expected_status`, and checked cell by cell. The routes
are data (ENDPOINTS, AGGREGATES, NAMED_ROUTES); the actors are the people and tokens of one
programme ("this programme") and one outsider, an analyst of another programme. Each cell
builds only what it needs, makes one request and checks the status, what a list shows, and that
the database changed exactly when the request was accepted.

A route added to config/api_urls.py without a row here fails
`test_every_route_of_the_router_is_in_the_matrix` (or its sibling for the other routes).
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db.models import Model
from django.urls import resolve, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.api.views import ApiTokenViewSet, MembershipViewSet
from apps.accounts.models import ApiToken
from apps.accounts.services import api_token_create, api_token_revoke
from apps.assessments.api.views import AssessmentViewSet
from apps.assessments.services import assessment_create
from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.evidence.api.views import EvidenceViewSet, SourceViewSet
from apps.obstacles.api.views import ObstacleCauseViewSet, ObstacleViewSet
from apps.programmes.api.views import (
    IndicatorViewSet,
    MeasurementViewSet,
    OutcomeViewSet,
    OutputViewSet,
    ProgrammeViewSet,
    TargetViewSet,
)
from apps.programmes.models import Programme
from apps.stakeholders.api.views import InvolvementViewSet, StakeholderViewSet
from config import api_urls
from tests.factories import (
    EvidenceFactory,
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    MembershipFactory,
    ObstacleCauseFactory,
    ObstacleFactory,
    OutcomeFactory,
    OutputFactory,
    ProgrammeFactory,
    SourceFactory,
    StakeholderFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/"


# --------------------------------------------------------------------------------------------
# The world of one cell: this programme, built fresh, and its analyst when a cell needs one
# --------------------------------------------------------------------------------------------


class World:
    """This programme, and on demand its analyst (who also owns the API tokens of the matrix)."""

    def __init__(self) -> None:
        self.programme: Programme = ProgrammeFactory()

    @functools.cached_property
    def analyst(self) -> Any:
        user = UserFactory()
        MembershipFactory(user=user, programme=self.programme, role="analyst")
        return user

    def outcome(self) -> Any:
        return OutcomeFactory(programme=self.programme)

    def output(self) -> Any:
        return OutputFactory(outcome=self.outcome())

    def indicator(self) -> Any:
        return IndicatorFactory(output=self.output())


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------


class Token(enum.Enum):
    READ = "read"
    READ_WRITE = "read_write"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Actor:
    """Someone calling the API; token actors are API tokens of this programme's analyst."""

    name: str
    role: str | None = None  # role in this programme
    elsewhere: bool = False  # analyst of another programme (and no role in this one)
    staff: bool = False
    token: Token | None = None
    anonymous: bool = False

    @property
    def refused_credentials(self) -> bool:
        return self.token in (Token.EXPIRED, Token.REVOKED)

    @property
    def read_only_token(self) -> bool:
        return self.token is Token.READ

    @property
    def reads_programme(self) -> bool:
        return self.staff or self.role is not None

    @property
    def writes_programme(self) -> bool:
        return self.staff or self.role == "analyst"

    @property
    def writes_shared(self) -> bool:
        return self.staff or self.role == "analyst" or self.elsewhere

    @property
    def owns_tokens(self) -> bool:
        """The analyst of this programme owns the tokens of the matrix (and the target token)."""
        return self.role == "analyst"

    def sign_in(self, client: APIClient, world: World) -> Any:
        """Give the client this actor's credentials; the user they act as (None if nobody)."""
        if self.anonymous:
            return None
        if self.token is not None:
            user = world.analyst
            token, secret = api_token_create(
                user=user, name=f"{self.name} token", read_only=self.token is Token.READ
            )
            if self.token is Token.EXPIRED:
                ApiToken.objects.filter(pk=token.pk).update(
                    expires_at=timezone.now() - timedelta(minutes=1)
                )
            elif self.token is Token.REVOKED:
                api_token_revoke(token=token)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
            return user
        if self.role == "analyst":
            user = world.analyst
        else:
            user = UserFactory(is_staff=self.staff)
            if self.role is not None:
                MembershipFactory(user=user, programme=world.programme, role=self.role)
            if self.elsewhere:
                MembershipFactory(user=user, programme=ProgrammeFactory(), role="analyst")
        client.force_login(user)
        return user


ACTORS = [
    Actor("anonymous", anonymous=True),
    Actor("viewer", role="viewer"),
    Actor("manager", role="manager"),
    Actor("analyst", role="analyst"),
    Actor("analyst_other", elsewhere=True),
    Actor("staff", staff=True),
    Actor("token_read", role="analyst", token=Token.READ),
    Actor("token_read_write", role="analyst", token=Token.READ_WRITE),
    Actor("token_expired", role="analyst", token=Token.EXPIRED),
    Actor("token_revoked", role="analyst", token=Token.REVOKED),
]


# --------------------------------------------------------------------------------------------
# Methods
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """One operation of a viewset: its HTTP verb, its route and the status of its success."""

    label: str
    verb: str
    action: str
    detail: bool
    success: int

    @property
    def writes(self) -> bool:
        return self.verb not in ("get", "head", "options")


LIST = Method("LIST", "get", "list", detail=False, success=200)
CREATE = Method("POST", "post", "create", detail=False, success=201)
RETRIEVE = Method("GET", "get", "retrieve", detail=True, success=200)
UPDATE = Method("PUT", "put", "update", detail=True, success=200)
PARTIAL_UPDATE = Method("PATCH", "patch", "partial_update", detail=True, success=200)
DESTROY = Method("DELETE", "delete", "destroy", detail=True, success=204)
METHODS = [LIST, CREATE, RETRIEVE, UPDATE, PARTIAL_UPDATE, DESTROY]


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


# --------------------------------------------------------------------------------------------
# The rules, once
# --------------------------------------------------------------------------------------------


def expected_status(actor: Actor, endpoint: Any, method: Method) -> int:
    """The status DESIGN section 5 gives this actor calling this method of this endpoint."""
    if actor.refused_credentials:
        return 401  # a presented token that no longer works is refused, wherever it is sent
    if endpoint.scope is Scope.PUBLIC:
        return 200  # the API describes itself to anyone, signed in or not
    if actor.anonymous:
        return 401
    if endpoint.scope is Scope.INDEX:
        return 200
    if endpoint.scope is Scope.AGGREGATE:
        return 404 if method is THIS_PROGRAMME and not actor.reads_programme else 200
    if endpoint.scope is Scope.TAXONOMY and method.writes:
        return 405  # read-only for everyone, whoever asks and however
    if actor.read_only_token and method.writes:
        return 403  # checked before the method is even looked up
    if method not in endpoint.methods:
        return 405
    if method is LIST:
        return 200

    if endpoint.scope in (Scope.SHARED, Scope.TAXONOMY):
        return method.success if not method.writes or actor.writes_shared else 403

    if endpoint.scope is Scope.MEMBERSHIPS:
        if method.writes:
            return method.success if actor.staff else 403
        return 200 if actor.staff else 404  # others see only their own memberships

    if endpoint.scope is Scope.OWN_TOKENS:
        if method is CREATE:
            # Minting a token with a token would let a leaked one outlive its revocation.
            return 403 if actor.token is not None else 201
        return method.success if actor.owns_tokens else 404

    assert endpoint.scope is Scope.PROGRAMME
    if method is CREATE:
        if endpoint.staff_create_and_delete:
            return 201 if actor.staff else 403
        if not actor.reads_programme:
            return 400  # the parent "does not exist" for someone who cannot see it
        return 201 if actor.writes_programme else 403
    if not actor.reads_programme:
        return 404
    if not method.writes:
        return 200
    if not actor.writes_programme:
        return 403
    if method is DESTROY and endpoint.staff_create_and_delete and not actor.staff:
        return 403
    return method.success


# --------------------------------------------------------------------------------------------
# The matrix
# --------------------------------------------------------------------------------------------


def _cells(endpoints: list[Any], methods: list[Method]) -> list[Any]:
    return [
        pytest.param(actor, endpoint, method, id=f"{actor.name}-{endpoint.name}-{method.label}")
        for endpoint, method, actor in itertools.product(endpoints, methods, ACTORS)
    ]


def _request(client: APIClient, method: Method, url: str, body: dict | None = None) -> Any:
    return getattr(client, method.verb)(url, body, format="json")


def _stored(record: Model, fields: dict[str, Any]) -> dict[str, Any]:
    fresh = type(record).objects.get(pk=record.pk)
    return {name: getattr(fresh, name) for name in fields}


@pytest.mark.parametrize(("actor", "endpoint", "method"), _cells(ENDPOINTS, METHODS))
def test_permission_matrix(actor: Actor, endpoint: Endpoint, method: Method) -> None:
    world = World()
    client = APIClient()
    user = actor.sign_in(client, world)
    expected = expected_status(actor, endpoint, method)
    model = endpoint.viewset.serializer_class.Meta.model

    target = endpoint.target(world) if method.detail or method is LIST else None
    body: dict[str, Any] | None = None
    if method is CREATE:
        body = endpoint.create(world)
    elif method is PARTIAL_UPDATE:
        body = dict(endpoint.patch)
    elif method is UPDATE:
        body = {**endpoint.viewset.serializer_class(target).data, **endpoint.patch}
    count_before = model.objects.count()
    if method in (UPDATE, PARTIAL_UPDATE):
        assert _stored(target, endpoint.patch) != endpoint.patch, "the patch must change something"

    response = _request(client, method, endpoint.url(method, target), body)

    assert response.status_code == expected, getattr(response, "data", response)
    accepted = expected == method.success
    if method is LIST and accepted:
        # A list shows a record exactly when its detail answers the actor.
        ids = {row["id"] for row in response.json()["results"]}
        assert (target.pk in ids) == (expected_status(actor, endpoint, RETRIEVE) == 200)
        if endpoint.scope is Scope.MEMBERSHIPS and not actor.staff:
            assert {row["user"] for row in response.json()["results"]} <= {user.username}
    if method is CREATE:
        assert model.objects.count() == count_before + (1 if accepted else 0)
        if expected == 400:
            assert "does not exist" in str(response.json()[endpoint.parent])
    if method in (UPDATE, PARTIAL_UPDATE):
        assert (_stored(target, endpoint.patch) == endpoint.patch) == accepted
    if method is DESTROY:
        assert endpoint.gone(target) == accepted


@pytest.mark.parametrize(
    ("actor", "endpoint", "method"), _cells(AGGREGATES, [LIST, THIS_PROGRAMME])
)
def test_aggregate_matrix(actor: Actor, endpoint: Aggregate, method: Method) -> None:
    world = World()
    client = APIClient()
    actor.sign_in(client, world)
    expected = expected_status(actor, endpoint, method)
    # What the whole portfolio shows is checked where the programme's records could leak.
    checks_visibility = expected == 200 and method is LIST and endpoint.seed is not None
    if checks_visibility:
        endpoint.seed(world)
    query = {"programme": world.programme.pk} if method is THIS_PROGRAMME else {}

    response = client.get(endpoint.path, query)

    assert response.status_code == expected, getattr(response, "data", response)
    if checks_visibility:
        # The portfolio includes this programme exactly when narrowing to it is allowed.
        shown = endpoint.shows_programme(response.json(), world.programme)
        assert shown == (expected_status(actor, endpoint, THIS_PROGRAMME) == 200)


@pytest.mark.parametrize(("actor", "endpoint", "method"), _cells(NAMED_ROUTES, [RETRIEVE]))
def test_named_route_matrix(actor: Actor, endpoint: NamedRoute, method: Method) -> None:
    client = APIClient()
    actor.sign_in(client, World())

    response = client.get(reverse(endpoint.url_name))

    assert response.status_code == expected_status(actor, endpoint, method)


# --------------------------------------------------------------------------------------------
# The matrix covers every route
# --------------------------------------------------------------------------------------------


def test_every_route_of_the_router_is_in_the_matrix() -> None:
    registered = {(prefix, viewset) for prefix, viewset, _ in api_urls.router.registry}
    assert registered == {(endpoint.name, endpoint.viewset) for endpoint in ENDPOINTS}
    for endpoint in ENDPOINTS:
        assert resolve(endpoint.path).func.cls is endpoint.viewset
        assert resolve(f"{endpoint.path}1/").func.cls is endpoint.viewset


def test_every_endpoint_lists_exactly_the_methods_its_viewset_has() -> None:
    for endpoint in ENDPOINTS:
        offered = {method for method in METHODS if hasattr(endpoint.viewset, method.action)}
        assert offered == set(endpoint.methods), endpoint.name


def test_every_other_api_route_is_in_the_matrix() -> None:
    """Aggregates, schema pages, and any extra route of the router (an @action, the index)."""
    crud = {
        f"{basename}-{kind}"
        for _, _, basename in api_urls.router.registry
        for kind in ("list", "detail")
    }
    named = {pattern.name for pattern in api_urls.urlpatterns if getattr(pattern, "name", None)}
    named |= {pattern.name for pattern in api_urls.router.urls} - crud
    covered = {f"aggregate-{a.name}" for a in AGGREGATES} | {r.url_name for r in NAMED_ROUTES}
    assert named == covered


def test_the_api_root_links_every_endpoint_to_its_own_route() -> None:
    client = APIClient()
    client.force_login(UserFactory(is_staff=True))

    links = client.get(reverse("api-root")).json()

    assert {name: urlsplit(url).path for name, url in links.items()} == {
        endpoint.name: endpoint.path for endpoint in ENDPOINTS
    }
