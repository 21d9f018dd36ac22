"""DRF permissions of API tokens; role checks live with the programme permissions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from apps.accounts.models import ApiToken


class TokenScopePermission(BasePermission):
    """A request made with a read-only API token may only read (GET, HEAD, OPTIONS)."""

    message = _("This API token is read-only: it may only read (GET, HEAD, OPTIONS).")

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and token.read_only:
            return request.method in SAFE_METHODS
        return True
