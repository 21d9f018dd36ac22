"""The FilterSet base every app's filters use: its form is styled for the workspace."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters import (
    FilterSet,
    ModelChoiceFilter,
    ModelMultipleChoiceFilter,
    NumberFilter,
    fields,
)

from apps.accounts.selectors import readable_records
from apps.core.fields import ID_MAX, ID_MIN, out_of_id_range


class InRangeModelChoiceField(fields.ModelChoiceField):
    """A record chosen by id, where an id too large for any database is simply no choice."""

    def to_python(self, value: Any) -> Any:
        if out_of_id_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class InRangeModelMultipleChoiceField(fields.ModelMultipleChoiceField):
    """Records chosen by id, where an id too large for any database is simply no choice."""

    def _check_values(self, value: Any) -> Any:
        for item in value or ():
            if out_of_id_range(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


# A yes/no filter left unset keeps every row: it reads "Any", not Django's "Unknown". The values
# stay Django's, so links and API queries (`?is_illustrative=false`) mean what they meant.
ANY_YES_NO = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]
ANY_ILLUSTRATIVE_SOURCED = [
    ("unknown", _("Any")),
    ("true", _("Illustrative only")),
    ("false", _("Sourced only")),
]


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
        for choice in self.filters.values():
            if isinstance(choice, NumberFilter):
                # Every number filter compares with ids, scores or counts: none lies outside
                # what a database stores (SQLite overflows rather than finding nothing).
                choice.extra.setdefault("min_value", ID_MIN)
                choice.extra.setdefault("max_value", ID_MAX)
            elif isinstance(choice, ModelMultipleChoiceFilter):
                choice.field_class = InRangeModelMultipleChoiceField
            elif isinstance(choice, ModelChoiceFilter):
                choice.field_class = InRangeModelChoiceField
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
            for name, field in form.fields.items():
                widget = field.widget
                if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                    continue
                if isinstance(widget, forms.NullBooleanSelect):
                    widget.choices = (
                        ANY_ILLUSTRATIVE_SOURCED if name == "is_illustrative" else ANY_YES_NO
                    )
                if isinstance(widget, forms.Select | forms.SelectMultiple):
                    widget.attrs.setdefault("class", "form-select form-select-sm")
                else:
                    widget.attrs.setdefault("class", "form-control form-control-sm")
                if isinstance(widget, forms.DateInput):
                    widget.input_type = "date"
            form._pantau_styled = True
        return form
