"""The API's documentation: the OpenAPI 3 document, Swagger UI and ReDoc (DESIGN section 7).

The schema at /api/v1/schema/ must be a valid OpenAPI 3 document that drf-spectacular generates
without a warning; Swagger UI and ReDoc are served from local static files only, with no inline
script; and every operation documents the answers every client must handle: 401 and 429
everywhere, and 412 with the If-Match header on the detail writes of versioned records.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from apps.workspace.api.viewsets import RecordViewSet
from config.api_urls import router
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
DETAIL_WRITES = ("put", "patch", "delete")
DOC_PAGES = ("/api/v1/docs/", "/api/v1/redoc/")


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(username="reader"))
    return client


@pytest.fixture
def schema(signed_in) -> dict[str, Any]:
    response = signed_in.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def detail_path(prefix: str) -> str:
    return f"/api/v1/{prefix}/{{id}}/"


def if_match(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        parameter
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "header" and parameter.get("name") == "If-Match"
    ]


# -- the OpenAPI document ------------------------------------------------------------------------


def test_schema_endpoint_serves_a_valid_openapi_3_document(signed_in):
    response = signed_in.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Pantau API"
    validate_schema(document)  # raises on anything that is not OpenAPI 3
    assert {"/api/v1/programmes/", "/api/v1/outputs/{id}/", "/api/v1/aggregates/headline/"} <= set(
        document["paths"]
    )


def test_schema_endpoint_serves_yaml_by_default(signed_in):
    response = signed_in.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


def test_spectacular_generates_and_validates_the_schema_without_a_warning(tmp_path):
    """`manage.py spectacular --validate --fail-on-warn` exits 0, as documented in docs/api.md."""
    target = tmp_path / "schema.yml"
    command = [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn"]
    result = subprocess.run(
        [*command, "--file", str(target)],
        cwd=settings.BASE_DIR,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("openapi: 3.")


# -- Swagger UI and ReDoc ------------------------------------------------------------------------


class _Page(HTMLParser):
    """Every URL a page references, and the body of each of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[dict[str, Any]] = []
        self._script: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.urls += [
            value for name, value in attrs if name in {"src", "href", "spec-url"} and value
        ]
        if tag == "script":
            self._script = {"src": attributes.get("src"), "body": ""}
            self.scripts.append(self._script)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["body"] += data


def static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/")


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("url", DOC_PAGES)
def test_doc_page_answers_a_signed_in_user(signed_in, url):
    response = signed_in.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", DOC_PAGES)
def test_doc_page_references_only_this_site(signed_in, url):
    page = parse(signed_in.get(url).content.decode())

    assert page.urls, "the page references no script or stylesheet"
    elsewhere = [ref for ref in page.urls if urlsplit(ref).scheme or urlsplit(ref).netloc]
    assert not elsewhere, f"{url} loads from other hosts: {elsewhere}"


@pytest.mark.parametrize("url", DOC_PAGES)
def test_doc_page_static_files_are_local_and_exist(signed_in, url):
    page = parse(signed_in.get(url).content.decode())

    static = [ref for ref in page.urls if ref.startswith(static_prefix())]
    assert any(ref.endswith(".js") for ref in static), "the viewer's bundle is not a static file"
    missing = [ref for ref in static if finders.find(ref.removeprefix(static_prefix())) is None]
    assert not missing, f"{url} references static files that do not exist: {missing}"


@pytest.mark.parametrize("url", DOC_PAGES)
def test_doc_page_has_no_inline_script(signed_in, url):
    page = parse(signed_in.get(url).content.decode())

    assert page.scripts
    inline = [script["body"].strip()[:60] for script in page.scripts if script["body"].strip()]
    assert not inline, f"{url} has inline script: {inline}"
    assert all(script["src"] for script in page.scripts)


def test_swagger_ui_loads_its_settings_from_this_site(signed_in):
    """The split view: the initialising script is served by the docs view itself."""
    page = parse(signed_in.get("/api/v1/docs/").content.decode())
    own = [s["src"] for s in page.scripts if not s["src"].startswith(static_prefix())]
    assert own, "no initialising script"

    for src in own:
        response = signed_in.get(src)
        assert response.status_code == 200
        assert "javascript" in response["Content-Type"]
        assert "/api/v1/schema/" in response.content.decode()


def test_redoc_reads_the_local_schema(signed_in):
    page = parse(signed_in.get("/api/v1/redoc/").content.decode())

    assert "/api/v1/schema/" in page.urls


# -- what every operation documents --------------------------------------------------------------


def test_every_operation_documents_401_and_429(schema):
    missing = [
        f"{method.upper()} {path}: {sorted({'401', '429'} - set(operation['responses']))}"
        for path, method, operation in operations(schema)
        if not {"401", "429"} <= set(operation["responses"])
    ]

    assert len(operations(schema)) > 50
    assert not missing


def test_every_detail_write_of_a_versioned_record_documents_412_and_if_match(schema):
    versioned = [
        prefix for prefix, viewset, _ in router.registry if issubclass(viewset, RecordViewSet)
    ]
    checked, missing = [], []
    for prefix in versioned:
        for method in DETAIL_WRITES:
            operation = schema["paths"].get(detail_path(prefix), {}).get(method)
            if operation is None:
                continue
            checked.append(f"{method.upper()} {detail_path(prefix)}")
            if "412" not in operation["responses"] or not if_match(operation):
                missing.append(checked[-1])

    # Twelve versioned resources; each answers PUT, PATCH and DELETE on its detail route.
    assert len(versioned) >= 12
    assert len(checked) == 3 * len(versioned)
    assert not missing


def test_the_412_answer_names_the_current_version(schema):
    operation = schema["paths"]["/api/v1/outputs/{id}/"]["patch"]

    stale = operation["responses"]["412"]["content"]["application/json"]["schema"]
    assert stale == {"$ref": "#/components/schemas/StaleVersion"}
    assert "current_version" in schema["components"]["schemas"]["StaleVersion"]["properties"]
    (header,) = if_match(operation)
    assert header["required"] is False  # writes without If-Match are accepted


def test_unversioned_resources_do_not_promise_if_match(schema):
    """Memberships and tokens have no version: a client must not be told to send If-Match."""
    unversioned = [
        prefix for prefix, viewset, _ in router.registry if not issubclass(viewset, RecordViewSet)
    ]
    promised = [
        f"{method.upper()} {detail_path(prefix)}"
        for prefix in unversioned
        for method, operation in schema["paths"].get(detail_path(prefix), {}).items()
        if method in HTTP_METHODS and (if_match(operation) or "412" in operation["responses"])
    ]

    assert {"memberships", "tokens"} <= set(unversioned)
    assert not promised


def test_detail_reads_of_versioned_records_document_the_etag(schema):
    operation = schema["paths"]["/api/v1/assessments/{id}/"]["get"]

    assert "ETag" in operation["responses"]["200"]["headers"]
    causes = schema["paths"]["/api/v1/obstacle-causes/{id}/"]["get"]
    assert "ETag" not in causes["responses"]["200"].get("headers", {})  # sent by writers only
