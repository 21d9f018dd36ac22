"""A stale If-Match is refused and nothing is lost (DESIGN section 6).

A write from a version someone else has since changed answers 412 with the current ETag and
changes nothing; the forms of If-Match that name the current version are accepted, malformed ones
are refused with 400.
"""

from __future__ import annotations

import pytest

from apps.programmes.models import Output
from tests.factories import OutputFactory
from tests.workspace.versioned_resources import (
    DELETABLE,
    OUTPUTS,
    RESOURCES,
    advance,
    assert_refused_as_stale,
    by_route,
    etag,
    stored,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------
# A stale If-Match is refused and changes nothing
# --------------------------------------------------------------------------------------------


@by_route(RESOURCES)
def test_stale_patch_is_refused_with_412_and_changes_nothing(api, output, resource):
    record = resource.make(output)
    read_at = record.version
    current = advance(resource, api, record)
    before = stored(record)

    response = api.patch(
        resource.url(record), {**resource.edit, "version": 99}, format="json",
        HTTP_IF_MATCH=etag(read_at),
    )  # fmt: skip

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


@by_route(RESOURCES)
def test_stale_put_is_refused_with_412_and_changes_nothing(api, output, resource):
    record = resource.make(output)
    read = api.get(resource.url(record))
    current = advance(resource, api, record)
    before = stored(record)

    response = api.put(resource.url(record), read.json(), format="json", HTTP_IF_MATCH=read["ETag"])

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


@by_route(DELETABLE)
def test_stale_delete_is_refused_with_412_and_the_record_stays(api, output, resource):
    record = resource.make(output)
    read_at = record.version
    current = advance(resource, api, record)
    before = stored(record)

    response = api.delete(resource.url(record), HTTP_IF_MATCH=etag(read_at))

    assert_refused_as_stale(response, current=current)
    assert stored(record) == before


# --------------------------------------------------------------------------------------------
# The forms of If-Match that are accepted, and the one that is not
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ['W/"{v}"', '"{v}"', '"{old}", "{v}"', 'W/"{old}", W/"{v}"', '"{v}","{old}"'],
    ids=["weak", "strong", "list", "weak-list", "list-without-spaces"],
)
def test_if_match_naming_the_current_version_is_accepted_in_each_form(api, output, header):
    OutputFactory(outcome=output.outcome)  # a neighbour, so a wrong row would show
    version = advance(OUTPUTS, api, output)

    response = api.patch(
        OUTPUTS.url(output),
        {"title": "Accepted"},
        format="json",
        HTTP_IF_MATCH=header.format(v=version, old=version - 1),
    )

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(version + 1)


def test_a_list_of_etags_none_of_them_current_is_stale(api, output):
    advance(OUTPUTS, api, output)
    version = advance(OUTPUTS, api, output)

    response = api.patch(
        OUTPUTS.url(output),
        {"title": "Refused"},
        format="json",
        HTTP_IF_MATCH=f'"{version - 2}", W/"{version - 1}"',
    )

    assert_refused_as_stale(response, current=version)
    assert Output.objects.get(pk=output.pk).title != "Refused"


@pytest.mark.parametrize("headers", [{"HTTP_IF_MATCH": "*"}, {}], ids=["star", "absent"])
def test_star_or_no_if_match_is_accepted_as_documented(api, output, headers):
    advance(OUTPUTS, api, output)
    version = Output.objects.get(pk=output.pk).version

    response = api.patch(OUTPUTS.url(output), {"title": "Accepted"}, format="json", **headers)

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(version + 1)
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "Writes without If-Match are accepted" in schema["info"]["description"]


@pytest.mark.parametrize("header", ["abc", '"abc"', 'W/"1.5"', '"1", "x"', '"-1"', ""])
def test_malformed_if_match_is_a_400_naming_if_match(api, output, header):
    before = stored(output)

    response = api.patch(
        OUTPUTS.url(output), {"title": "Refused"}, format="json", HTTP_IF_MATCH=header
    )

    assert response.status_code == 400, response.content
    assert "If-Match" in response.json()
    assert stored(output) == before


def test_malformed_if_match_on_delete_is_a_400_and_the_record_stays(api, output):
    response = api.delete(OUTPUTS.url(output), HTTP_IF_MATCH="abc")

    assert response.status_code == 400
    assert "If-Match" in response.json()
    assert Output.objects.filter(pk=output.pk).exists()
