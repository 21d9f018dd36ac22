"""Who may do what through the API: every route × method × actor, against one set of rules.

DESIGN section 5 written down once, in `expected_status`, and checked cell by cell. The routes
are data (ENDPOINTS, AGGREGATES, NAMED_ROUTES in `matrix_routes.py`); the actors
(`matrix_actors.py`) are the people and tokens of one programme ("this programme") and one
outsider, an analyst of another programme. Each cell builds only what it needs, makes one
request and checks the status, what a list shows, and that the database changed exactly when
the request was accepted.

A route added to config/api_urls.py without a row in `matrix_routes.py` fails
`test_api_routes_are_in_the_matrix.py`.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db.models import Model
from django.urls import reverse
from rest_framework.test import APIClient

from tests.workspace.matrix_actors import (
    ACTORS,
    CREATE,
    DESTROY,
    LIST,
    METHODS,
    PARTIAL_UPDATE,
    RETRIEVE,
    UPDATE,
    Actor,
    Method,
    World,
)
from tests.workspace.matrix_routes import (
    AGGREGATES,
    ENDPOINTS,
    NAMED_ROUTES,
    THIS_PROGRAMME,
    Aggregate,
    Endpoint,
    NamedRoute,
    Scope,
)

pytestmark = pytest.mark.django_db


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
