"""The world the record-kind tests work in, and what the tests know of one kind of record.

`World` holds the programme and the parent records other kinds hang on; `Kind` says how the
tests make, create, break, edit, filter, search and sort one kind. The table of every kind is in
`kinds.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Model
from django.urls import reverse

from apps.workspace.kinds import RecordKind, kind_for
from apps.workspace.views.base import record_url
from tests.factories import IndicatorFactory, SourceFactory


@dataclass
class World:
    """The programme the records live in, and the parent records other kinds hang on."""

    programme: Any
    outcome: Any
    output: Any
    cause: Any
    analyst: Any

    @cached_property
    def indicator(self) -> Any:
        return IndicatorFactory(output=self.output, code="IND-W", name="World indicator")

    @cached_property
    def source(self) -> Any:
        return SourceFactory(key="world-source", title="World source")


@dataclass(frozen=True)
class Kind:
    """How the tests make, create, break, edit, filter, search and sort one kind of record."""

    key: str
    # The i-th record: distinct for every i, its `ordering` column increasing with i and
    # `marker(i)` in one of its searched fields.
    make: Callable[[World, int], Model]
    create: Callable[[World], dict[str, Any]]
    invalid: Callable[[World], dict[str, Any]]
    invalid_field: str
    # A field the edit form changes, and two values two people could give it.
    edit: tuple[str, str, str]
    # Query parameters that keep make(w, 0) and drop make(w, 1).
    filter: Callable[[Model], dict[str, Any]]
    ordering: str

    @property
    def declaration(self) -> RecordKind[Any]:
        """The kind as the application declares it (apps.workspace.kinds)."""
        declared = kind_for(self.key)
        assert declared is not None, self.key
        return declared

    @property
    def shared(self) -> bool:
        return self.declaration.shared

    def url(self, world: World, action: str, pk: Any = None) -> str:
        return record_url(self.declaration, action, world.programme, pk)

    def restore_url(self, world: World, record: Model, entry: Any) -> str:
        kwargs = {"record": self.key, "pk": record.pk, "history_id": entry.history_id}
        if self.shared:
            return reverse("shared-restore", kwargs=kwargs)
        return reverse("record-restore", kwargs={"code": world.programme.code, **kwargs})

    def __str__(self) -> str:
        return self.key
