"""Template helpers of the generic record pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from apps.core.numbers import measured_text, measured_value_text, score_text
from apps.workspace.kinds import Column, RecordKind
from apps.workspace.views.base import record_url

register = template.Library()


@register.filter
def measured(value: Any, measure: str = "") -> str:
    """`{{ m.value|measured:indicator.measure }}`: the precision the indicator's measure needs."""
    if value is None or value == "":
        return "—"
    return measured_value_text(value, measure)


@register.filter
def score(value: Any) -> str:
    """`{{ assessment.ambiguity|score }}`: a rubric score to two decimals; a dash for none."""
    return "—" if value is None or value == "" else score_text(value)


@register.filter
def share(value: Any) -> str:
    """`{{ figures.achievement|share }}`: a share (0.6667) as a percentage to one place."""
    if value is None or value == "":
        return "—"
    return measured_text(Decimal(str(value)) * 100, 1) + "%"


@register.filter
def negative(value: Any) -> bool:
    """Whether a figure is below zero (an achievement that moved away from the target)."""
    return value is not None and value != "" and Decimal(str(value)) < 0


def _resolve(record: Any, accessor: str) -> tuple[Any, Any]:
    """Follow a dotted accessor; return the value and the model field it ends on (if any)."""
    value, field = record, None
    for name in accessor.split("."):
        if value is None:
            return None, None
        model_field = None
        if isinstance(value, models.Model):
            try:
                model_field = value._meta.get_field(name)
            except FieldDoesNotExist:  # not a field: a property or method
                model_field = None
        if model_field is not None and getattr(model_field, "choices", None):
            display = getattr(value, f"get_{name}_display", None)
            value, field = (display() if callable(display) else getattr(value, name)), model_field
            continue
        value = getattr(value, name, None)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
        field = model_field
    return value, field


def display_value(value: Any, *, is_score: bool = False) -> str:
    """A value as a person reads it, in the active language's formats; `is_score`: a rubric
    score, to two decimals."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, models.Manager):
        return ", ".join(str(item) for item in value.all()) or "—"
    if isinstance(value, Decimal):
        return score_text(value) if is_score else measured_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    return formats.localize(value) if not isinstance(value, str) else value


@register.simple_tag
def cell(record: Any, column: Column, kind: RecordKind[Any] | None = None) -> str:
    """The display value of a list column for a record."""
    value, _field = _resolve(record, column.accessor)
    return display_value(value, is_score=kind is not None and column.accessor in kind.score_fields)


@register.simple_tag
def url_of(kind: RecordKind[Any], programme: Any, action: str, record: Any = None) -> str:
    """The URL of a record page (`detail`, `edit`, `delete`, `history`) or a kind page."""
    return record_url(kind, action, programme, getattr(record, "pk", None))


@register.simple_tag
def detail_rows(record: Any, kind: RecordKind[Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of the fields the detail page shows."""
    names = kind.detail_fields or [
        f.name
        for f in record._meta.get_fields()
        if f.concrete and not f.auto_created and f.name not in ("created_at", "updated_at")
    ]
    rows = []
    for name in names:
        field = record._meta.get_field(name)
        value, _field = _resolve(record, name)
        shown = display_value(value, is_score=name in kind.score_fields)
        rows.append((capfirst(str(field.verbose_name)), shown))
    return rows


@register.simple_tag
def restore_url(kind: RecordKind[Any], programme: Any, record: Any, entry: Any) -> str:
    """The URL that restores a record to one of its historical versions."""
    kwargs = {"record": kind.key, "pk": record.pk, "history_id": entry.history_id}
    if kind.shared:
        return reverse("shared-restore", kwargs=kwargs)
    return reverse("record-restore", kwargs={"code": programme.code, **kwargs})
