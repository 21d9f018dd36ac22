"""Admin of users, memberships and API tokens."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.accounts.models import ApiToken, Membership, User
from apps.accounts.selectors import signed_in
from apps.accounts.services import api_token_revoke


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["programme"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Preferences"), {"fields": ("language",)}))
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "language")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "programme", "role", "updated_at")
    list_filter = ("role", "programme")
    search_fields = ("user__username", "user__email", "programme__code", "programme__title")
    autocomplete_fields = ["user", "programme"]


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are created by their owner (page or `manage.py create_api_token`), never here:
    the plaintext exists only in the answer to its creation."""

    list_display = (
        "user",
        "name",
        "prefix",
        "read_only",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("read_only",)
    list_select_related = ("user",)
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = (
        "user",
        "prefix",
        "key_hash",
        "revoked_at",
        "last_used_at",
        "created_at",
        "updated_at",
    )
    actions = ["revoke_tokens"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Revoke selected tokens"), permissions=["change"])
    def revoke_tokens(self, request, queryset) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True).select_related("user"))
        for token in tokens:
            api_token_revoke(token=token, actor=signed_in(request))
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
