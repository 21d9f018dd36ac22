"""Request body parsers of the API: a size limit, a nesting limit, no control characters.

Each refusal is a 4xx with a JSON reason: 413 for a body over `API_MAX_BODY_BYTES`, 400 for
JSON nested deeper than `API_MAX_JSON_DEPTH`, and 400 naming the field for a NUL or another
control character in any value (PostgreSQL refuses NUL in text, which would otherwise be a 500).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from io import BytesIO
from typing import Any

from django.conf import settings
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError, ValidationError

from apps.core.middleware import has_control_characters


class RequestTooLarge(APIException):
    """The body is larger than the API reads."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def _refuse_oversized(parser_context: Mapping[str, Any] | None) -> None:
    request = (parser_context or {}).get("request")
    length = request.META.get("CONTENT_LENGTH") if request is not None else None
    if length and str(length).isdigit() and int(length) > settings.API_MAX_BODY_BYTES:
        raise RequestTooLarge(
            f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes."
        )


def _depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed body, with the top-level field it sits under."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            field = path or str(key)
            yield field, str(key)
            yield from _strings(item, field)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, path)


def refuse_control_characters(data: Any) -> None:
    """400 naming each field whose value (or key) holds a control character."""
    if hasattr(data, "lists"):  # a QueryDict of form fields
        data = dict(data.lists())
    refused = sorted({field for field, text in _strings(data, "") if has_control_characters(text)})
    if refused:
        raise ValidationError(
            {
                field or "non_field_errors": ["Control characters are not allowed."]
                for field in refused
            }
        )


class JSONParser(parsers.JSONParser):
    """JSON bodies within the size and nesting limits, free of control characters."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        _refuse_oversized(parser_context)
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(f"The body is not valid {encoding}.") from error
        if _depth(text) > settings.API_MAX_JSON_DEPTH:
            raise ParseError(
                f"The JSON body is nested deeper than {settings.API_MAX_JSON_DEPTH} levels."
            )
        data = super().parse(BytesIO(raw), media_type, parser_context)
        refuse_control_characters(data)
        return data


class _CheckedFields:
    """A parser of form fields within the size limit, their values free of control characters."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        _refuse_oversized(parser_context)
        result = super().parse(stream, media_type, parser_context)  # type: ignore[misc]
        # A multipart parser answers fields and files; a form parser, the fields alone.
        refuse_control_characters(getattr(result, "data", result))
        return result


class FormParser(_CheckedFields, parsers.FormParser):
    """Form-encoded bodies within the size limit, free of control characters."""


class MultiPartParser(_CheckedFields, parsers.MultiPartParser):
    """Multipart bodies within the size limit, their fields free of control characters."""
