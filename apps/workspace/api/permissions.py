"""Role checks of the API (DESIGN section 5), built on the selectors of apps.accounts."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.accounts.selectors import (
    can_write_any_programme,
    can_write_programme,
    can_write_shared_records,
)


class ProgrammeRolePermission(BasePermission):
    """Changing a programme's records needs the analyst role in it (or staff).

    Reading needs any role, which the viewsets enforce by leaving other programmes out of
    their querysets: a record of such a programme answers 404, not 403.
    """

    message = "Your role in this programme does not allow changes (analysts and staff only)."

    def has_permission(self, request: Any, view: Any) -> bool:
        # A creation is refused before its body is read when the user is an analyst nowhere:
        # which programme the body names can matter only to someone who writes somewhere.
        if request.method != "POST":
            return True
        return can_write_any_programme(user=request.user)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write_programme(user=request.user, programme=view.programme_of(obj))


class SharedRecordPermission(BasePermission):
    """Stakeholders, sources and evidence: every signed-in user reads; analysts of any
    programme and staff write; a record other programmes use is changed only by its stewards
    (`RecordKind.check_update`), checked before the body is read."""

    message = "Only analysts (of any programme) and staff may change shared records."

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS or can_write_shared_records(user=request.user)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if request.method not in ("PUT", "PATCH"):
            return True
        refusal = view.kind.check_update(user=request.user, record=obj)
        if refusal:
            self.message = refusal
            return False
        return True


class StaffWritePermission(BasePermission):
    """Everyone signed in reads; only staff write."""

    message = "Only staff may change these records."

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_staff)
