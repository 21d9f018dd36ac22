"""Idempotent upserts for data loaders: create what is missing, change what differs, count both."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class SyncReport:
    """How many records of each kind a load created, changed or left alone."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed_anything(self) -> bool:
        """Whether the load wrote anything at all."""
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        """One line per kind of record, in the order they were first seen."""
        kinds = list(dict.fromkeys([*self.created, *self.updated, *self.unchanged]))
        return [
            f"{kind:<16} created {self.created[kind]:>3}  updated {self.updated[kind]:>3}  "
            f"unchanged {self.unchanged[kind]:>3}"
            for kind in kinds
        ]


def sync_record(
    report: SyncReport,
    model: type[M],
    *,
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    create: Callable[..., M] | None,
    update: Callable[..., M],
) -> M:
    """Find the record by `lookup`; create it, or update only the fields that differ.

    `create(**lookup, **values, **m2m)` and `update(instance, **changes)` are the app's
    services, so loaders obey the same validation as every other write.
    """
    label = str(model._meta.verbose_name_plural).title()
    m2m = {name: list(values_) for name, values_ in (m2m or {}).items()}
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        if create is None:  # a loader that only changes records it knows exist
            raise LookupError(f"No {model._meta.verbose_name} matches {dict(lookup)}.")
        created = create(**lookup, **values, **m2m)
        report.created[label] += 1
        return created
    changes: dict[str, Any] = {
        name: value for name, value in values.items() if getattr(instance, name) != value
    }
    for name, related in m2m.items():
        current = set(getattr(instance, name).values_list("pk", flat=True))
        if current != {obj.pk for obj in related}:
            changes[name] = related
    if not changes:
        report.unchanged[label] += 1
        return instance
    updated = update(instance, **changes)
    report.updated[label] += 1
    return updated
