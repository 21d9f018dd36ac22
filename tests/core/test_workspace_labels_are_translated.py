"""Every label the workspace shows is marked for translation and has an Indonesian one."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.functional import Promise

from apps.workspace.kinds import page_kinds
from tests.core.catalogue import SAME_IN_BOTH

# Every label the workspace shows is marked ---------------------------------------------------


def _workspace_labels(language: str) -> dict[tuple, str]:
    """Column, filter and form labels, help texts and fixed choices of every record kind."""
    labels: dict[tuple, str] = {}
    with translation.override(language):
        for spec in page_kinds():
            key = spec.key
            labels[key, "kind"] = str(spec.label)
            labels[key, "kind, singular"] = str(spec.label_singular)
            for column in spec.columns:
                labels[key, "column", column.accessor] = str(column.label)
            filterset = spec.filterset_class(None, queryset=spec.model.objects.none())
            form = spec.form_class(programme=None, user=None)
            for source, fields in (("filter", filterset.form.fields), ("form", form.fields)):
                for name, field in fields.items():
                    if field.widget.is_hidden:
                        continue
                    labels[key, source, name] = str(field.label)
                    if field.help_text:
                        labels[key, source, name, "help"] = str(field.help_text)
                    if not hasattr(field, "queryset"):  # records are data, not interface
                        for value, label in getattr(field, "choices", ()):
                            labels[key, source, name, value] = str(label)
    return labels


@pytest.mark.django_db
def test_every_workspace_label_has_an_indonesian_translation(indonesian_catalogue):
    english, indonesian = _workspace_labels("en"), _workspace_labels("id")
    untranslated = {
        where: text
        for where, text in english.items()
        if indonesian[where] == text and text not in SAME_IN_BOTH and text.strip()
    }
    assert untranslated == {}


def test_model_texts_are_marked_for_translation():
    from django.apps import apps

    unmarked = []
    for model in apps.get_models():
        if not model.__module__.startswith("apps.") or model.__name__.startswith("Historical"):
            continue
        texts = [model._meta.verbose_name, model._meta.verbose_name_plural]
        for field in model._meta.get_fields():
            if field.auto_created or field.name == "id" or not hasattr(field, "verbose_name"):
                continue
            if re.fullmatch(r"[ac]\d(_note)?", field.name):
                continue  # rubric items: their labels come from matland, in both languages
            texts += [field.verbose_name, *([field.help_text] if field.help_text else [])]
            texts += [label for _value, label in field.flatchoices or ()]
        unmarked += [(model.__name__, t) for t in texts if not isinstance(t, Promise)]
    assert unmarked == []
