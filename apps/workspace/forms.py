"""Base form of the workspace: scoped choices, a version for conflict-safe edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import get_language

from apps.accounts.selectors import readable_records
from apps.evidence.models import Evidence
from apps.stakeholders.models import Stakeholder
from apps.workspace.widgets import SearchableSelectMultiple

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.forms import BoundField

    from apps.accounts.models import User
    from apps.programmes.models import Programme


def _stakeholder_label(stakeholder: Stakeholder) -> str:
    if stakeholder.acronym and stakeholder.acronym != stakeholder.name:
        return f"{stakeholder.acronym} – {stakeholder.name}"
    return stakeholder.name


def _evidence_label(evidence: Evidence) -> str:
    excerpt = evidence.excerpt if len(evidence.excerpt) <= 200 else evidence.excerpt[:199] + "…"
    return f"{evidence.source}: {excerpt}"


# How a record reads among the choices of a multi-select when its name alone is too short to
# find or tell apart (a stakeholder's acronym, evidence cut at 60 characters), and the related
# records that reading needs (fetched with the choices, not one query per choice).
CHOICE_LABELS: dict[type[models.Model], tuple[Any, tuple[str, ...]]] = {
    Stakeholder: (_stakeholder_label, ()),
    Evidence: (_evidence_label, ("source",)),
}


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Records chosen in a multi-select, each under a label that names it in full."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        label, related = CHOICE_LABELS.get(queryset.model, (None, ()))
        super().__init__(queryset.select_related(*related) if related else queryset, **kwargs)
        self._label = label

    def label_from_instance(self, obj: Any) -> str:
        return self._label(obj) if self._label is not None else super().label_from_instance(obj)


def formfield_for(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model fields to form fields, with Django 6 URL behaviour (no scheme means https), and
    every choice of several records (outputs, stakeholders, evidence, sources) searchable."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("widget", SearchableSelectMultiple)
        kwargs.setdefault("form_class", RecordMultipleChoiceField)
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
    # Groups of fields shown as fieldsets, each (legend, field names); a form without any shows
    # its fields in one column, and fields no group names follow the groups.
    fieldsets: ClassVar[Sequence[tuple[str | Promise, Sequence[str]]]] = ()

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
        if "title_language" in self.fields:
            # Left out, the title is in the language the analyst works in (a new record) or
            # stays in its language (an edit).
            self.fields["title_language"].required = False
            if self.instance.pk is None and not self.is_bound:
                self.fields["title_language"].initial = self._working_language()
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

    def _working_language(self) -> str:
        return (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    def clean_title_language(self) -> str:
        chosen = self.cleaned_data.get("title_language")
        if chosen:
            return str(chosen)
        if self.instance.pk is not None:
            return str(getattr(self.instance, "title_language", ""))
        return self._working_language()

    def field_groups(self) -> list[tuple[str | Promise | None, list[tuple[BoundField, bool]]]]:
        """The visible fields by fieldset, each with whether it takes a whole row (texts and
        multi-selects do; short choices, numbers and dates share one)."""
        named: set[str] = set()
        groups: list[tuple[str | Promise | None, list[BoundField]]] = []
        for legend, names in self.fieldsets:
            named.update(names)
            groups.append((legend, [self[name] for name in names if name in self.fields]))
        rest = [field for field in self.visible_fields() if field.name not in named]
        groups.append((None, rest))
        return [
            (legend, [(field, _takes_a_row(field.field.widget)) for field in fields])
            for legend, fields in groups
            if fields
        ]

    def payload(self) -> dict[str, Any]:
        """The cleaned record fields, without the version (the record kind turns them into the
        service's arguments)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def _takes_a_row(widget: forms.Widget) -> bool:
    if isinstance(widget, forms.DateInput | forms.DateTimeInput | forms.TimeInput):
        return False  # text inputs to Django, short fields on the page
    return isinstance(widget, forms.SelectMultiple | forms.TextInput | forms.Textarea)
