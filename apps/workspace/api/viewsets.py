"""API viewsets derived from the record kinds: scoped querysets, writes through services, ETags.

`viewset_for(kind)` builds the one viewset of a kind of record from its declaration
(`apps.workspace.kinds`): the queryset and its scoping path, the FilterSet, search, ordering,
the serializer and the services. Nothing about a kind is declared here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from apps.accounts.permissions import TokenScopePermission
from apps.accounts.selectors import can_write_programme, readable_records, signed_in
from apps.core.services import VersionConflict
from apps.workspace.api.permissions import ProgrammeRolePermission, SharedRecordPermission
from apps.workspace.kinds import RecordKind, SearchField
from apps.workspace.search import search_rows

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


class KindSearchFilter(filters.SearchFilter):
    """`?search=`: the same weighted engine as the site search (`apps.workspace.search`).

    A kind's viewset searches the kind's fields; a viewset of something that is no record kind
    (memberships) names plain `search_fields`, all of one weight.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        kind = getattr(view, "kind", None)
        fields = (
            kind.search_fields
            if kind is not None
            else tuple(SearchField(name) for name in getattr(view, "search_fields", ()))
        )
        return search_rows(fields, queryset, self.get_search_terms(request))


FILTER_BACKENDS = [DjangoFilterBackend, KindSearchFilter, filters.OrderingFilter]


class RecordViewSet(viewsets.ModelViewSet):
    """Base of every kind's viewset; `kind` says everything particular."""

    kind: RecordKind[Any]
    filter_backends = FILTER_BACKENDS
    request: Request

    # Reads ----------------------------------------------------------------------------------

    def base_queryset(self) -> QuerySet:
        """The kind's queryset, with what the serializer shows."""
        rows = self.kind.queryset()
        prepare = getattr(self.get_serializer_class(), "prepare_queryset", None)
        return prepare(rows) if prepare else rows

    def get_queryset(self) -> QuerySet:
        rows = self.base_queryset()
        if self.kind.shared or getattr(self, "swagger_fake_view", False):
            return rows
        return readable_records(
            rows, user=self.request.user, programme_path=self.kind.programme_path or ""
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "fixed_on_update": self.kind.fixed_on_update}

    def programme_of(self, record: Any) -> Any:
        return self.kind.programme_of(record)

    # Writes ---------------------------------------------------------------------------------

    def expected_version(self, instance: Any) -> int | None:
        """The version the client read, from If-Match; a stale one raises VersionConflict."""
        versions = parse_if_match(self.request.headers.get("If-Match"))
        if versions is None:
            return None
        if instance.version not in versions:
            raise VersionConflict(instance, versions[0], instance.version)
        return int(instance.version)

    def check_create_allowed(self, validated: Mapping[str, Any]) -> None:
        """Refuse a creation the user's role, or the kind's own rule, does not allow."""
        reason = self.kind.check_create(user=signed_in(self.request), data=validated)
        if reason:
            raise PermissionDenied(reason)
        programme = self.kind.programme_of_new(validated)
        if programme is not None and not can_write_programme(
            user=self.request.user, programme=programme
        ):
            raise PermissionDenied(ProgrammeRolePermission.message)

    def refetch(self, instance: Model) -> Model:
        """The record as the list and detail views represent it (annotations, prefetches)."""
        return self.get_queryset().get(pk=instance.pk)

    def perform_create(self, serializer: BaseSerializer) -> None:
        self.check_create_allowed(serializer.validated_data)
        created = self.kind.create(
            actor=signed_in(self.request), programme=None, data=serializer.validated_data
        )
        serializer.instance = self.refetch(created)

    def perform_update(self, serializer: BaseSerializer) -> None:
        instance = serializer.instance
        updated = self.kind.update(
            instance,
            actor=signed_in(self.request),
            version=self.expected_version(instance),
            data=serializer.validated_data,
        )
        serializer.instance = self.refetch(updated)

    def perform_destroy(self, instance: Any) -> None:
        reason = self.kind.check_delete(user=signed_in(self.request), record=instance)
        if reason:
            raise PermissionDenied(reason)
        self.kind.delete(
            instance, actor=signed_in(self.request), version=self.expected_version(instance)
        )

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            getattr(self, "action", None) in ETAG_ACTIONS
            and response.status_code in (200, 201)
            and isinstance(data, Mapping)
            and "version" in data
        ):
            response["ETag"] = f'"{data["version"]}"'
        return response


class ProgrammeRecordViewSet(RecordViewSet):
    """Records of one programme: visible with any role there, writable by its analysts.

    Querysets leave out programmes the user holds no role in, so their records answer 404.
    """

    permission_classes = [IsAuthenticated, TokenScopePermission, ProgrammeRolePermission]


class SharedRecordViewSet(RecordViewSet):
    """Records shared across programmes (stakeholders, sources, evidence)."""

    permission_classes = [IsAuthenticated, TokenScopePermission, SharedRecordPermission]


class ReadOnlyRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """A kind every signed-in user reads and nobody changes through the API."""

    kind: RecordKind[Any]
    permission_classes = [IsAuthenticated]
    filter_backends = FILTER_BACKENDS

    def get_queryset(self) -> QuerySet:
        return self.kind.queryset()


def viewset_for(kind: RecordKind[Any]) -> type[viewsets.GenericViewSet]:
    """The API viewset of a kind of record, built from its declaration."""
    if kind.read_only:
        base: type[viewsets.GenericViewSet] = ReadOnlyRecordViewSet
    elif kind.shared:
        base = SharedRecordViewSet
    else:
        base = ProgrammeRecordViewSet
    attributes = {
        "__doc__": kind.api_description,
        "__module__": __name__,
        "kind": kind,
        "queryset": kind.model._default_manager.all(),
        "serializer_class": kind.serializer_class,
        "filterset_class": kind.filterset_class,
        "search_fields": [field.lookup for field in kind.search_fields],
        "ordering_fields": list(kind.api_ordering_fields),
        "ordering": list(kind.api_ordering),
    }
    return type(f"{kind.model.__name__}ViewSet", (base,), attributes)
