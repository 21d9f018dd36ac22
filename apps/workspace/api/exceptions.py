"""One JSON error shape for the API: every bad input is a 4xx naming the field and the reason."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import (
    APIException,
    AuthenticationFailed,
    NotAuthenticated,
    Throttled,
)
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.middleware import current_request_id
from apps.core.services import VersionConflict, referring_kinds
from apps.workspace.api.throttling import AnonymousRateThrottle

logger = logging.getLogger(__name__)


class PreconditionFailed(APIException):
    """The If-Match version is not the record's current version."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record was changed by someone else; fetch it again and retry."
    default_code = "precondition_failed"


class ReferencedElsewhere(APIException):
    """The record cannot be deleted while other records point at it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records still refer to this one."
    default_code = "referenced"


def django_errors_as_drf(error: DjangoValidationError) -> DRFValidationError:
    """Turn a model/service ValidationError into DRF's field → messages mapping."""
    if hasattr(error, "error_dict"):
        detail: Any = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {"non_field_errors": error.messages}
    return DRFValidationError(detail)


def _anonymous_rate_exceeded(context: dict[str, Any]) -> Throttled | None:
    """Count a refused unauthenticated call against the anonymous rate; None while within it.

    DRF checks throttles only after permissions, so without this an anonymous caller, or one
    guessing tokens, would be answered 401 at any rate and never 429.
    """
    request, view = context.get("request"), context.get("view")
    if request is None or view is None:
        return None
    for throttle in view.get_throttles():
        if isinstance(throttle, AnonymousRateThrottle) and not throttle.allow_request(
            request, view
        ):
            return Throttled(wait=throttle.wait())
    return None


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus service and database errors mapped onto 400, 409 and 412, refused
    anonymous calls counted against the anonymous rate, and the request id in every body."""
    response = _handle(exc, context)
    if response is not None and isinstance(response.data, dict):
        response.data["request_id"] = current_request_id.get()
    return response


def _handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotAuthenticated | AuthenticationFailed):
        exc = _anonymous_rate_exceeded(context) or exc
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_as_drf(exc)
    elif isinstance(exc, VersionConflict):
        response = drf_exception_handler(PreconditionFailed(), context)
        if response is not None and exc.current is not None:
            response["ETag"] = f'"{exc.current}"'
            response.data["current_version"] = exc.current
        return response
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = ReferencedElsewhere(f"Other records still refer to this one: {referring_kinds(exc)}.")
    elif isinstance(exc, IntegrityError):
        # The services validate constraints before saving, so this is a concurrent writer that
        # saved a clashing record (e.g. the same code) between our check and our insert.
        logger.warning("Constraint violated by a concurrent write: %s", exc)
        exc = DRFValidationError(
            {
                "non_field_errors": [
                    "Another request saved a record that clashes with this one (the same code "
                    "or period) at the same moment; read the records again and retry."
                ]
            }
        )
    return drf_exception_handler(exc, context)
