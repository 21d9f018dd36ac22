"""One JSON error shape for the API: every bad input is a 4xx naming the field and the reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.services import VersionConflict


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


def _referrers(error: ProtectedError | RestrictedError) -> str:
    objects = list(
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    kinds = sorted({str(obj._meta.verbose_name_plural) for obj in objects})
    return ", ".join(kinds)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus service errors mapped onto 400, 409 and 412."""
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_as_drf(exc)
    elif isinstance(exc, VersionConflict):
        response = drf_exception_handler(PreconditionFailed(), context)
        if response is not None and exc.current is not None:
            response["ETag"] = f'"{exc.current}"'
            response.data["current_version"] = exc.current
        return response
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = ReferencedElsewhere(f"Other records still refer to this one: {_referrers(exc)}.")
    return drf_exception_handler(exc, context)
