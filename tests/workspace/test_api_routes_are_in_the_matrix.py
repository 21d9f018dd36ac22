"""The permission matrix covers every route: a route added to config/api_urls.py without a row
in `matrix_routes.py` fails here."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from config import api_urls
from tests.factories import UserFactory
from tests.workspace.matrix_actors import METHODS
from tests.workspace.matrix_routes import AGGREGATES, ENDPOINTS, NAMED_ROUTES

pytestmark = pytest.mark.django_db


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
