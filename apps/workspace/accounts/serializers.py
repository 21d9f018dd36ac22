"""API representations of memberships and API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import ApiToken, Membership
from apps.programmes.models import Programme


class MembershipSerializer(serializers.ModelSerializer):
    """A user's role in one programme."""

    user = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True)
    )
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    programme_code = serializers.CharField(source="programme.code", read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "user", "programme", "programme_code", "role", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")

    def get_unique_together_validators(self) -> list:
        # Giving a user a role where they hold one replaces it (membership_set).
        return []


class ApiTokenSerializer(serializers.ModelSerializer):
    """One of the user's API tokens; the secret is never shown again after creation."""

    access = serializers.SerializerMethodField()
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields: tuple[str, ...] = (
            "id", "name", "prefix", "read_only", "access", "expires_at", "revoked_at",
            "last_used_at", "is_active", "created_at",
        )  # fmt: skip
        read_only_fields = fields

    def get_access(self, token: ApiToken) -> str:
        return "read" if token.read_only else "read_write"


class ApiTokenCreateSerializer(serializers.Serializer):
    """What a client sends to create a token."""

    name = serializers.CharField(max_length=100)
    # The field shares its name with DRF's own `Field.read_only` flag; the API named it first.
    read_only = serializers.BooleanField(default=True)  # type: ignore[assignment]
    expires_in_days = serializers.IntegerField(min_value=1, max_value=365, default=90)


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    """A new token, with its secret: shown this once."""

    token = serializers.SerializerMethodField(help_text="The secret; store it now.")

    class Meta(ApiTokenSerializer.Meta):
        fields = (*ApiTokenSerializer.Meta.fields, "token")
        read_only_fields: tuple[str, ...] = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_token(self, token: ApiToken) -> str:
        """The plaintext secret, which only the creating request knows."""
        return str(self.context["secret"])
