"""Base form of the workspace: scoped choices, a version for conflict-safe edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models

from apps.accounts.selectors import readable_records

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User
    from apps.programmes.models import Programme


def formfield_for(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields to form fields, with Django 6 URL behaviour (no scheme means https)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def links_not_in_history(model: type[models.Model]) -> set[str]:
    """The many-to-many fields of a model whose history (django-simple-history) keeps no copy."""
    history = getattr(model, "history", None)
    kept = {
        field.name for field in getattr(getattr(history, "model", None), "_history_m2m_fields", ())
    }
    return {field.name for field in model._meta.many_to_many} - kept


class RecordForm(forms.ModelForm):
    """A ModelForm whose related choices stay inside the programme and that carries `version`.

    `scoped_fields` maps a field name to the lookup from its model to Programme; the choices are
    narrowed to the current programme (or, for shared records, to programmes the user reads).
    """

    scoped_fields: dict[str, str] = {}

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        formfield_callback = formfield_for

    def __init__(
        self,
        *args: Any,
        programme: Programme | None = None,
        user: User | AnonymousUser | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.user = user
        if self.instance.pk and "version" in self.fields and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        if self.instance.pk is None or not hasattr(self.instance, "version"):
            self.fields.pop("version", None)
        for name, path in self.scoped_fields.items():
            choice = self.fields.get(name)
            if not isinstance(choice, forms.ModelChoiceField) or choice.queryset is None:
                continue
            if programme is not None:
                choice.queryset = choice.queryset.filter(**{path: programme})
            else:
                choice.queryset = readable_records(choice.queryset, user=user, programme_path=path)
        unkept = links_not_in_history(self._meta.model)
        for name, field in self.fields.items():
            # The history keeps no copy of these links, so the form carries the value the user
            # opened, for the conflict screen of a stale edit.
            field.show_hidden_initial = field.show_hidden_initial or name in unkept
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def payload(self) -> dict[str, Any]:
        """The cleaned record fields, without the version (the record kind turns them into the
        service's arguments)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
