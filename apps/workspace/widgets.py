"""Widgets of the workspace forms, each enhanced by one script of its own (no per-form code)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchableSelectMultiple(forms.SelectMultiple):
    """A choice of several records: a plain `<select multiple>` that static/js/multiselect.js
    turns into a searchable, keyboard-driven combobox (Tom Select, from npm).

    Without JavaScript it stays the plain list (the field template adds how to pick several).
    The words the enhanced control shows come from here, so they follow the page's language.
    """

    searchable = True

    class Media:
        css = {"all": ["vendor/tom-select/css/tom-select.bootstrap5.min.css", "css/forms.css"]}
        js = [
            forms.Script("vendor/tom-select/js/tom-select.popular.min.js", defer=True),
            forms.Script("js/multiselect.js", defer=True),
        ]

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        defaults: dict[str, Any] = {
            "data-multiselect": True,
            "data-multiselect-placeholder": _("Type to search…"),
            "data-multiselect-no-results": _("No matches"),
            "data-multiselect-remove": _("Remove"),
            # The plain list without JavaScript shows a few rows, not one.
            "size": 6,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, choices=choices)
