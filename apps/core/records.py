"""Record specs: what the generic workspace views need to know about each kind of record.

Every record analysts own (outputs, indicators, obstacles, …) is listed, shown, created, edited,
deleted and restored by the same views in `apps.core.record_views`, driven by one `RecordSpec`
per model that its app registers in `records.py`. The FilterSet is the one the API uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django_filters import FilterSet


@dataclass(frozen=True)
class Column:
    """One column of a record list: a dotted accessor, optionally linking to the record."""

    label: Any
    accessor: str
    link: bool = False
    ordering: str | None = None


@dataclass(frozen=True)
class RecordSpec:
    """How the workspace handles one kind of record."""

    key: str
    model: type[Model]
    form_class: type[forms.ModelForm]
    filterset_class: type[FilterSet]
    columns: tuple[Column, ...]
    create_service: Callable[..., Model]
    update_service: Callable[..., Model]
    instance_kwarg: str
    # From the model to its Programme ("output__programme"); None for records shared by all.
    programme_path: str | None = "programme"
    detail_fields: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    default_ordering: tuple[str, ...] = ("-updated_at",)
    detail_template: str = "records/detail.html"
    in_programme_nav: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def shared(self) -> bool:
        """Whether the record is shared by all programmes (stakeholders, sources, evidence)."""
        return self.programme_path is None

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def label_singular(self) -> str:
        return str(self.model._meta.verbose_name)

    def queryset(self) -> QuerySet:
        """All records of the kind, with what the list and detail pages show."""
        rows = self.model.objects.all()
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        if self.prefetch_related:
            rows = rows.prefetch_related(*self.prefetch_related)
        # Figures the FilterSet filters on but the table does not store (an output's quadrant).
        annotate = self.extra.get("annotate")
        return annotate(rows) if annotate else rows

    def search(self, rows: QuerySet, query: str) -> QuerySet:
        """Rows whose search fields contain the words (all rows for an empty query)."""
        if not query or not self.search_fields:
            return rows
        matches = reduce(or_, (Q(**{f"{name}__icontains": query}) for name in self.search_fields))
        return rows.filter(matches).distinct()

    def programme_of(self, record: Model) -> Model | None:
        """The programme a record belongs to (None for shared records)."""
        if self.programme_path is None:
            return None
        for name in self.programme_path.split("__"):
            record = getattr(record, name)
        return record


REGISTRY: dict[str, RecordSpec] = {}


def register(spec: RecordSpec) -> RecordSpec:
    """Make a kind of record available to the workspace views under its key."""
    if spec.key in REGISTRY and REGISTRY[spec.key] is not spec:
        raise ValueError(f"A record spec is already registered as {spec.key!r}.")
    REGISTRY[spec.key] = spec
    return spec


def programme_specs() -> list[RecordSpec]:
    """Specs of records that belong to a programme, in registration order."""
    return [spec for spec in REGISTRY.values() if not spec.shared]


def shared_specs() -> list[RecordSpec]:
    """Specs of records shared by all programmes."""
    return [spec for spec in REGISTRY.values() if spec.shared]
