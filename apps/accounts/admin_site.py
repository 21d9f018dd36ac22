"""The admin site: staff get in only with the second factor when they have one or need one."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from apps.accounts import selectors


class PantauAdminSite(admin.AdminSite):
    """Django's admin, with django-otp's OTPAdminSite rule where it applies: a staff user who
    has an authenticator app, or must have one, needs a session that confirmed a code."""

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        user = request.user
        if selectors.is_verified(user):
            return True
        return not selectors.totp_required_for(user=user) and (
            selectors.totp_device_of(user=user) is None
        )

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """One sign-in for the whole site: the admin's own login form would skip the code."""
        target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(target, login_url=reverse("login"))
