"""API viewsets of memberships (staff manage them) and the user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from apps.accounts.models import ApiToken, Membership
from apps.accounts.permissions import TokenScopePermission
from apps.accounts.selectors import api_tokens_of, signed_in
from apps.accounts.services import (
    api_token_create,
    api_token_revoke,
    membership_remove,
    membership_set,
)
from apps.workspace.accounts import filters, serializers
from apps.workspace.api.permissions import StaffWritePermission
from apps.workspace.api.viewsets import FILTER_BACKENDS


class MembershipViewSet(viewsets.ModelViewSet):
    """Roles in programmes: staff manage all of them; others read their own."""

    serializer_class = serializers.MembershipSerializer
    permission_classes = [IsAuthenticated, TokenScopePermission, StaffWritePermission]
    filterset_class = filters.MembershipFilter
    filter_backends = FILTER_BACKENDS
    search_fields = ["user__username", "programme__code"]
    ordering_fields = ["role", "created_at"]
    ordering = ["programme__code", "user__username"]

    queryset = Membership.objects.none()

    def get_queryset(self) -> QuerySet[Membership]:
        memberships = Membership.objects.select_related("user", "programme")
        if getattr(self, "swagger_fake_view", False) or self.request.user.is_staff:
            return memberships
        return memberships.filter(user=signed_in(self.request))

    def perform_create(self, serializer) -> None:
        serializer.instance = membership_set(
            actor=signed_in(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer) -> None:
        membership = serializer.instance
        data = {
            "user": membership.user,
            "programme": membership.programme,
            "role": membership.role,
        } | serializer.validated_data
        if (data["user"], data["programme"]) != (membership.user, membership.programme):
            membership_remove(
                user=membership.user, programme=membership.programme, actor=signed_in(self.request)
            )
        serializer.instance = membership_set(actor=signed_in(self.request), **data)

    def perform_destroy(self, instance: Membership) -> None:
        membership_remove(
            user=instance.user, programme=instance.programme, actor=signed_in(self.request)
        )


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in user's API tokens: create (the secret is shown once), list, revoke."""

    permission_classes = [IsAuthenticated, TokenScopePermission]
    serializer_class = serializers.ApiTokenSerializer
    ordering = ["-created_at"]

    queryset = ApiToken.objects.none()

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return api_tokens_of(user=self.request.user)

    @extend_schema(
        request=serializers.ApiTokenCreateSerializer,
        responses={201: serializers.ApiTokenCreatedSerializer},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if isinstance(request.auth, ApiToken):
            # A leaked token must not be able to mint a successor that outlives its revocation.
            raise PermissionDenied("Create tokens from a signed-in session, not with a token.")
        incoming = serializers.ApiTokenCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = signed_in(request)
        token, secret = api_token_create(user=user, actor=user, **incoming.validated_data)
        body = serializers.ApiTokenCreatedSerializer(token, context={"secret": secret}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(description="Revoke the token: it stops working at once; the record stays.")
    def destroy(self, request: Request, *args, **kwargs) -> Response:
        api_token_revoke(token=self.get_object(), actor=signed_in(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
