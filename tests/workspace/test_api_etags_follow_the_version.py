"""ETags on the API (DESIGN section 6): a detail answer carries the record's version as its ETag,
and PATCH, PUT and DELETE with the current ETag succeed.

Every versioned resource of the v1 router is covered from one table (`versioned_resources.py`);
the first test keeps the table complete.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from apps.accounts.services import api_token_create
from apps.programmes.models import Programme
from apps.workspace.api.viewsets import RecordViewSet
from config.api_urls import router
from tests.factories import UserFactory
from tests.workspace.versioned_resources import DELETABLE, RESOURCES, by_route, etag, stored

pytestmark = pytest.mark.django_db


def test_every_versioned_route_of_the_router_is_in_the_table():
    versioned = {
        prefix for prefix, viewset, _ in router.registry if issubclass(viewset, RecordViewSet)
    }
    assert versioned == {resource.route for resource in RESOURCES}


# --------------------------------------------------------------------------------------------
# ETags on reads and successful writes
# --------------------------------------------------------------------------------------------


@by_route(RESOURCES)
def test_detail_answer_carries_the_version_as_a_quoted_etag(api, output, resource):
    record = resource.make(output)

    response = api.get(resource.url(record))

    assert response.status_code == 200
    assert response["ETag"] == etag(record.version) == etag(response.json()["version"])


@by_route(RESOURCES)
def test_patch_with_the_current_etag_succeeds_and_answers_the_new_etag(api, output, resource):
    record = resource.make(output)
    version = type(record).objects.get(pk=record.pk).version

    response = api.patch(
        resource.url(record), resource.edit, format="json", HTTP_IF_MATCH=etag(version)
    )

    assert response.status_code == 200, response.content
    assert response.json()["version"] == version + 1
    assert response["ETag"] == etag(version + 1)
    assert stored(record)["row"]["version"] == version + 1


@by_route(RESOURCES)
def test_put_of_the_record_as_read_with_its_etag_succeeds(api, output, resource):
    record = resource.make(output)
    read = api.get(resource.url(record))
    body = read.json() | resource.edit

    response = api.put(resource.url(record), body, format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(record.version + 1)
    assert stored(record)["row"]["version"] == record.version + 1
    for name, value in resource.edit.items():
        assert response.json()[name] == value


@by_route(DELETABLE)
def test_delete_with_the_current_etag_removes_the_record(api, output, resource):
    record = resource.make(output)

    response = api.delete(resource.url(record), HTTP_IF_MATCH=etag(record.version))

    assert response.status_code == 204, response.content
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_staff_delete_a_programme_with_its_current_etag(programme):
    staff = UserFactory(username="root", is_staff=True)
    _, secret = api_token_create(user=staff, name="admin", read_only=False)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = client.delete(
        f"/api/v1/programmes/{programme.pk}/", HTTP_IF_MATCH=etag(programme.version)
    )

    assert response.status_code == 204, response.content
    assert not Programme.objects.filter(pk=programme.pk).exists()
