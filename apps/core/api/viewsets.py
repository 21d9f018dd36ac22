"""Base viewsets: scoped querysets, writes through services, versions as ETags."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework import filters, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from apps.accounts.permissions import TokenScopePermission
from apps.accounts.selectors import can_write_programme, readable_records
from apps.core.api.permissions import ProgrammeRolePermission, SharedRecordPermission
from apps.core.services import VersionConflict, record_delete
from apps.programmes.models import Programme

ETAG_ACTIONS = {"retrieve", "create", "update", "partial_update"}


def parse_if_match(header: str | None) -> list[int] | None:
    """Versions named by an If-Match header (`"3"`, `W/"3"`, lists); None for absent or `*`."""
    if header is None or header.strip() == "*":
        return None
    versions = []
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        if not tag.isdigit():
            raise ValidationError(
                {"If-Match": 'Send the ETag of the record as read, e.g. If-Match: "3".'}
            )
        versions.append(int(tag))
    return versions


class VersionedWriteMixin:
    """Writes go through the app's services; If-Match guards them; responses carry an ETag."""

    create_service: Callable[..., Model] | None = None
    update_service: Callable[..., Model] | None = None
    instance_kwarg: str = ""

    request: Request

    def expected_version(self, instance: Any) -> int | None:
        """The version the client read, from If-Match; a stale one raises VersionConflict."""
        versions = parse_if_match(self.request.headers.get("If-Match"))
        if versions is None:
            return None
        if instance.version not in versions:
            raise VersionConflict(instance, versions[0], instance.version)
        return instance.version

    def service_data(self, validated: Mapping[str, Any]) -> dict[str, Any]:
        """Validated fields as service keyword arguments (override to reshape)."""
        return dict(validated)

    def check_create_allowed(self, validated: Mapping[str, Any]) -> None:
        """Refuse creation the user's role does not allow (override per resource)."""

    def refetch(self, instance: Model) -> Model:
        """The record as the list and detail views represent it (annotations, prefetches)."""
        return self.get_queryset().get(pk=instance.pk)  # type: ignore[attr-defined]

    def perform_create(self, serializer: Any) -> None:
        self.check_create_allowed(serializer.validated_data)
        assert self.create_service is not None
        created = self.create_service(
            actor=self.request.user, **self.service_data(serializer.validated_data)
        )
        serializer.instance = self.refetch(created)

    def perform_update(self, serializer: Any) -> None:
        assert self.update_service is not None
        instance = serializer.instance
        updated = self.update_service(
            **{self.instance_kwarg: instance},
            actor=self.request.user,
            version=self.expected_version(instance),
            **self.service_data(serializer.validated_data),
        )
        serializer.instance = self.refetch(updated)

    def perform_destroy(self, instance: Any) -> None:
        record_delete(
            instance, actor=self.request.user, expected_version=self.expected_version(instance)
        )

    def finalize_response(self, request: Request, response: Response, *args, **kwargs) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        data = getattr(response, "data", None)
        if (
            getattr(self, "action", None) in ETAG_ACTIONS
            and response.status_code in (200, 201)
            and isinstance(data, Mapping)
            and "version" in data
        ):
            response["ETag"] = f'"{data["version"]}"'
        return response


class ProgrammeScopedViewSet(VersionedWriteMixin, viewsets.ModelViewSet):
    """Records that belong to one programme: visible with any role there, writable by analysts.

    `programme_path` leads from the model to its Programme (e.g. "output__programme"; empty
    for Programme itself). Querysets leave out programmes the user holds no role in.
    """

    programme_path: str = "programme"
    permission_classes = [IsAuthenticated, TokenScopePermission, ProgrammeRolePermission]
    filter_backends = [
        *viewsets.ModelViewSet.filter_backends,
        filters.SearchFilter,
        filters.OrderingFilter,
    ]

    def base_queryset(self) -> QuerySet:
        """The queryset before scoping: select and prefetch what the serializer shows."""
        return self.queryset.all()  # type: ignore[union-attr]

    def get_queryset(self) -> QuerySet:
        return readable_records(
            self.base_queryset(), user=self.request.user, programme_path=self.programme_path
        )

    def programme_of(self, obj: Any) -> Programme:
        """The programme a record belongs to, following `programme_path`."""
        for name in filter(None, self.programme_path.split("__")):
            obj = getattr(obj, name)
        return obj

    def check_create_allowed(self, validated: Mapping[str, Any]) -> None:
        head, _, rest = self.programme_path.partition("__")
        programme = validated[head]
        for name in filter(None, rest.split("__")):
            programme = getattr(programme, name)
        if not can_write_programme(user=self.request.user, programme=programme):
            raise PermissionDenied(ProgrammeRolePermission.message)


class SharedRecordViewSet(VersionedWriteMixin, viewsets.ModelViewSet):
    """Records shared across programmes (stakeholders, sources, evidence)."""

    permission_classes = [IsAuthenticated, TokenScopePermission, SharedRecordPermission]
    filter_backends = ProgrammeScopedViewSet.filter_backends
