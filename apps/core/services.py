"""Write helpers every app's services build on: validated, versioned, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.core.models import VersionedModel

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=VersionedModel)


class VersionConflict(Exception):
    """A write was based on a version of the record that is no longer current."""

    def __init__(self, instance: models.Model, expected: int, current: int | None) -> None:
        self.instance = instance
        self.expected = expected
        self.current = current
        super().__init__(
            f"{instance._meta.verbose_name} {instance.pk} is at version {current}, "
            f"not {expected}: it was changed by someone else."
        )


def _attach_actor(instance: models.Model, actor: Any | None) -> None:
    # django-simple-history reads this attribute to record who made the change.
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


def _set_m2m(instance: models.Model, m2m: Mapping[str, Iterable[Any]] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(list(values))


def record_create(
    model: type[M],
    *,
    actor: Any | None = None,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> M:
    """Validate and save a new record (and its many-to-many links) in one transaction."""
    with transaction.atomic():
        instance = model(**fields)
        _attach_actor(instance, actor)
        instance.full_clean()
        instance.save()
        _set_m2m(instance, m2m)
    return instance


def record_update(
    instance: V,
    *,
    actor: Any | None = None,
    expected_version: int | None,
    changes: Mapping[str, Any],
    editable: Iterable[str],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    derive: Callable[[V], Mapping[str, Any]] | None = None,
) -> V:
    """Apply changes to a record, refusing them when it moved past `expected_version`.

    The version is compared and raised in a single UPDATE, so of two writers holding the same
    version exactly one wins, on PostgreSQL and SQLite alike. `expected_version=None` accepts
    the write whatever the current version is (a client that does not send If-Match).
    """
    allowed = set(editable)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("This field cannot be changed.")))
    model = type(instance)
    with transaction.atomic():
        rows = model.objects.filter(pk=instance.pk)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        if rows.update(version=F("version") + 1) != 1:
            current = model.objects.filter(pk=instance.pk).values_list("version", flat=True).first()
            raise VersionConflict(instance, expected_version or 0, current)
        fresh = model.objects.select_for_update().get(pk=instance.pk)
        for name, value in changes.items():
            setattr(fresh, name, value)
        for name, value in (derive(fresh) if derive else {}).items():
            setattr(fresh, name, value)
        _attach_actor(fresh, actor)
        fresh.full_clean()
        fresh.save()
        _set_m2m(fresh, m2m)
    return fresh


def record_delete(
    instance: VersionedModel, *, actor: Any | None = None, expected_version: int | None
) -> None:
    """Delete a record, refusing when it moved past `expected_version`."""
    model = type(instance)
    with transaction.atomic():
        rows = model.objects.filter(pk=instance.pk)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        # Ordered by pk only: the model's ordering may join a nullable relation (e.g. an
        # involvement's output), and PostgreSQL refuses FOR UPDATE on an outer join.
        current = rows.order_by("pk").select_for_update().first()
        if current is None:
            version = model.objects.filter(pk=instance.pk).values_list("version", flat=True).first()
            raise VersionConflict(instance, expected_version or 0, version)
        _attach_actor(current, actor)
        current.delete()
