"""Users, programme memberships and roles; and the admin site they sign in to."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, programme memberships and roles."""

    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from apps.accounts.login_guard import sign_in_failed, sign_in_succeeded
        from apps.accounts.middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="pantau-session-started")
        user_logged_in.connect(sign_in_succeeded, dispatch_uid="pantau-sign-in-succeeded")
        user_login_failed.connect(sign_in_failed, dispatch_uid="pantau-sign-in-failed")


class PantauAdminConfig(admin_apps.AdminConfig):
    """Django's admin on Pantau's site, which asks staff for their second factor."""

    default = False
    default_site = "apps.accounts.admin_site.PantauAdminSite"
