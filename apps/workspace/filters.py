"""The FilterSet base every app's filters use: its form is styled for the workspace."""

from __future__ import annotations

from typing import Any

from django import forms
from django_filters import FilterSet

from apps.accounts.selectors import readable_records


class PantauFilterSet(FilterSet):
    """A FilterSet whose record choices stay inside what the user may read, styled for the UI.

    Choice filters over programme records (outcomes, outputs, indicators) only offer records of
    programmes the requesting user holds a role in; without a request they offer none.
    """

    # filter name -> lookup from the chosen model to Programme
    scoped_choices = {
        "outcome": "programme",
        "output": "programme",
        "indicator": "output__programme",
        "obstacle": "programme",
        "assessment": "output__programme",
        "programme": "",
    }

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        for name, path in self.scoped_choices.items():
            choice = self.filters.get(name)
            if choice is None or not hasattr(choice, "queryset") or choice.queryset is None:
                continue
            choice.queryset = readable_records(choice.queryset, user=user, programme_path=path)

    @property
    def form(self) -> forms.Form:
        form = super().form
        if not getattr(form, "_pantau_styled", False):
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                    continue
                if isinstance(widget, forms.Select | forms.SelectMultiple):
                    widget.attrs.setdefault("class", "form-select form-select-sm")
                else:
                    widget.attrs.setdefault("class", "form-control form-control-sm")
                if isinstance(widget, forms.DateInput):
                    widget.input_type = "date"
            form._pantau_styled = True
        return form
