"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from apps.accounts.login_guard import sign_in_wait
from apps.accounts.services import API_TOKEN_MAX_DAYS, API_TOKEN_MIN_DAYS

READ_ONLY = "read"
READ_WRITE = "write"


class ApiTokenForm(forms.Form):
    """A new personal API token: its name, its access and when it expires."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the tool or script that uses it."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[
            (READ_ONLY, _("Read only")),
            (READ_WRITE, _("Read and write (within your roles)")),
        ],
        initial=READ_ONLY,
        widget=forms.RadioSelect,
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires in (days)"),
        min_value=API_TOKEN_MIN_DAYS,
        max_value=API_TOKEN_MAX_DAYS,
        initial=90,
    )

    @property
    def read_only(self) -> bool:
        return self.cleaned_data["access"] == READ_ONLY


class _SlowedSignIn:
    """Refuses an attempt the sign-in slowdowns hold back, before the password is checked."""

    request: Any
    wait = 0

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username")  # type: ignore[attr-defined]
        if isinstance(username, str) and username and self.request is not None:
            self.wait = sign_in_wait(self.request, username)
            if self.wait:
                raise forms.ValidationError(
                    _(
                        "Too many failed sign-ins for this account or from your address. "
                        "Wait %(seconds)s seconds and try again."
                    ),
                    code="slowed",
                    params={"seconds": self.wait},
                )
        return super().clean()  # type: ignore[misc]


class SignInForm(_SlowedSignIn, AuthenticationForm):
    """The sign-in form of the site."""


class AdminSignInForm(_SlowedSignIn, AdminAuthenticationForm):
    """The sign-in form of the admin site: staff only, slowed down the same way."""
