"""Forms of the accounts pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
