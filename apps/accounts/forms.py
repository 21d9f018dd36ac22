"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.login_guard import sign_in_wait
from apps.accounts.models import User
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


class SignInForm(AuthenticationForm):
    """The sign-in form of the site: an attempt the sign-in slowdowns hold back is refused
    before the password is checked (`wait` then says for how many seconds)."""

    wait = 0

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username")
        if isinstance(username, str) and username and self.request is not None:
            self.wait = sign_in_wait(self.request, username)
            if self.wait:
                raise forms.ValidationError(
                    ngettext(
                        "Too many failed sign-ins for this account or from your address. "
                        "Wait %(seconds)d second and try again.",
                        "Too many failed sign-ins for this account or from your address. "
                        "Wait %(seconds)d seconds and try again.",
                        self.wait,
                    ),
                    code="slowed",
                    params={"seconds": self.wait},
                )
        return super().clean()


class TotpCodeForm(forms.Form):
    """A six-digit code from the authenticator app (spaces the user types are ignored)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        # Drawn by templates/includes/code_field.html (numeric keyboard, one-time-code autofill).
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) in (6, 8)):
            raise forms.ValidationError(_("Enter the 6 digits the app shows."))
        return code


class TotpDisableForm(TotpCodeForm):
    """Turning two-factor sign-in off: the password and a current code, both."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
