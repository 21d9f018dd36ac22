"""OpenAPI post-processing: the errors every operation can answer, documented once."""

from __future__ import annotations

from typing import Any

UNVERSIONED_PREFIXES = ("/api/v1/memberships/", "/api/v1/tokens/")
AGGREGATE_PREFIX = "/api/v1/aggregates/"
WRITE_METHODS = {"post", "put", "patch"}
GUARDED_METHODS = {"put", "patch", "delete"}

_ERROR = {"$ref": "#/components/schemas/ErrorDetail"}
_REQUEST_ID = {
    "type": "string",
    "description": "The request's id (also in X-Request-ID), to quote when asking for help.",
}
# Sent with every answer a rate applied to (apps/workspace/api/throttling.py), and on a 429.
_RATE_LIMIT_HEADERS = {
    name: {"schema": {"type": schema}, "description": description}
    for name, schema, description in [
        ("Retry-After", "integer", "Seconds until a call is allowed again."),
        ("RateLimit-Limit", "integer", "Calls allowed in the window."),
        ("RateLimit-Remaining", "integer", "Calls left in the window."),
        ("RateLimit-Reset", "integer", "Seconds until the window ends and its count restarts."),
        ("RateLimit-Policy", "string", "The rate, as `<calls>;w=<seconds>`."),
    ]
}
_COMPONENTS = {
    "ErrorDetail": {
        "type": "object",
        "description": "What went wrong, in one sentence.",
        "properties": {"detail": {"type": "string"}, "request_id": _REQUEST_ID},
        "required": ["detail"],
    },
    "ValidationErrors": {
        "type": "object",
        "description": (
            "Field name → list of reasons; `non_field_errors` for reasons about the whole record; "
            "`request_id` (never a field name) for the request."
        ),
        "additionalProperties": {},
    },
    "StaleVersion": {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "current_version": {"type": "integer", "description": "Also sent as the ETag."},
            "request_id": _REQUEST_ID,
        },
        "required": ["detail"],
    },
}


def _response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_common_responses(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict:
    """Add 400/401/403/404/409/412/429/503 answers, If-Match and ETag to the operations."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(_COMPONENTS)
    for path, operations in result.get("paths", {}).items():
        detail = "{" in path
        versioned = not path.startswith(UNVERSIONED_PREFIXES)
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "401",
                _response("Not signed in, or the token is invalid, expired or revoked.", _ERROR),
            )
            responses.setdefault(
                "403",
                _response("Your role, or a read-only token, does not allow this.", _ERROR),
            )
            responses.setdefault(
                "429",
                _response("Too many requests; retry after `Retry-After` seconds.", _ERROR)
                | {"headers": _RATE_LIMIT_HEADERS},
            )
            responses.setdefault(
                "503",
                _response(
                    "The database is unreachable for a moment; retry after `Retry-After` seconds.",
                    _ERROR,
                ),
            )
            queries = {
                parameter.get("name")
                for parameter in operation.get("parameters", [])
                if parameter.get("in") == "query"
            }
            if detail:
                responses.setdefault(
                    "404", _response("No such record among those you may read.", _ERROR)
                )
            elif method == "get" and path.startswith(AGGREGATE_PREFIX):
                responses.setdefault(
                    "404",
                    _response("No such programme or outcome among those you may read.", _ERROR),
                )
            elif method == "get" and "page" in queries:
                responses.setdefault("404", _response("No such page.", _ERROR))
            guarded = detail and versioned and method in GUARDED_METHODS
            if guarded:
                responses.setdefault(
                    "400",
                    _response(
                        "Invalid input, or If-Match is not an ETag.",
                        {"$ref": "#/components/schemas/ValidationErrors"},
                    ),
                )
            elif method in WRITE_METHODS:
                responses.setdefault(
                    "400",
                    _response("Invalid input.", {"$ref": "#/components/schemas/ValidationErrors"}),
                )
            elif method == "get" and queries:
                responses.setdefault(
                    "400",
                    _response(
                        "A query parameter (filter, date, page size) is invalid.",
                        {"$ref": "#/components/schemas/ValidationErrors"},
                    ),
                )
            if method == "delete":
                responses.setdefault(
                    "409", _response("Other records still refer to this one.", _ERROR)
                )
            if guarded:
                responses.setdefault(
                    "412",
                    _response(
                        "If-Match names an older version; the ETag header has the current one.",
                        {"$ref": "#/components/schemas/StaleVersion"},
                    ),
                )
                operation.setdefault("parameters", []).append(
                    {
                        "in": "header",
                        "name": "If-Match",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": (
                            'The ETag read with the record, e.g. "3". A stale one is refused '
                            "with 412; without the header the write is accepted."
                        ),
                    }
                )
            ok = responses.get("200")
            if detail and method in {"get", "put", "patch"} and _carries_version(result, ok):
                ok.setdefault("headers", {})["ETag"] = {
                    "schema": {"type": "string"},
                    "description": "The record's version, quoted; send it back as If-Match.",
                }
    return result


def _carries_version(result: dict[str, Any], response: dict[str, Any] | None) -> bool:
    """Whether a response body has a `version` field (the viewsets send it as the ETag)."""
    if response is None:
        return False
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = result["components"]["schemas"].get(schema["$ref"].rsplit("/", 1)[-1], {})
    return "version" in schema.get("properties", {})
