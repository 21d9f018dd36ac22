"""URLs of the signed-in user's account pages."""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from apps.accounts import views

PASSWORD = "accounts/password"

urlpatterns = [
    path(
        "account/password/",
        auth.PasswordChangeView.as_view(
            template_name=f"{PASSWORD}/change.html",
            success_url=reverse_lazy("password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "account/password/done/",
        auth.PasswordChangeDoneView.as_view(template_name=f"{PASSWORD}/change_done.html"),
        name="password-change-done",
    ),
    path(
        "accounts/password-reset/",
        auth.PasswordResetView.as_view(
            template_name=f"{PASSWORD}/reset.html",
            email_template_name=f"{PASSWORD}/reset_email.txt",
            subject_template_name=f"{PASSWORD}/reset_subject.txt",
            success_url=reverse_lazy("password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name=f"{PASSWORD}/reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(
            template_name=f"{PASSWORD}/reset_confirm.html",
            success_url=reverse_lazy("password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name=f"{PASSWORD}/reset_complete.html"),
        name="password-reset-complete",
    ),
    path("account/language/", views.language_set, name="language"),
    path("account/tokens/", views.token_list, name="token-list"),
    path("account/two-factor/", views.two_factor_status, name="two-factor"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/disable/", views.two_factor_disable, name="two-factor-disable"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
