"""Write helpers every app's services build on: validated, versioned, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.core.models import VersionedModel

# Who makes a change: a user (the kernel knows the auth base class, not Pantau's User model).
Actor = AbstractBaseUser | AnonymousUser

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


def attach_actor(instance: models.Model, actor: Actor | None) -> None:
    """Name the user the history row of the coming save records (django-simple-history)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]


def _set_m2m(instance: models.Model, m2m: Mapping[str, Iterable[Any]] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(list(values))


def editable_fields(payload: type) -> frozenset[str]:
    """The fields an update payload (a TypedDict of a service) may change."""
    return frozenset(payload.__required_keys__ | payload.__optional_keys__)  # type: ignore[attr-defined]


def update_from_payload(
    record: V,
    *,
    actor: Actor | None,
    version: int | None,
    payload: type,
    changes: Mapping[str, Any],
    links: Iterable[str] = ("sources",),
    derive: Callable[[V], Mapping[str, Any]] | None = None,
) -> V:
    """`record_update` for a service's typed payload (a TypedDict of what it may change).

    The payload's fields are the editable ones; those named in `links` are many-to-many
    relations and are set as links rather than assigned.
    """
    fields = dict(changes)
    m2m = {name: fields.pop(name) for name in links if name in fields}
    return record_update(
        record,
        actor=actor,
        expected_version=version,
        changes=fields,
        editable=editable_fields(payload) - set(links),
        m2m=m2m or None,
        derive=derive,
    )


def provenance(
    *, is_illustrative: bool, provenance_note: str, sources: Iterable[Any]
) -> tuple[dict[str, Any], dict[str, Iterable[Any]]]:
    """The provenance fields of a new record, and its cited sources as links."""
    return (
        {"is_illustrative": is_illustrative, "provenance_note": provenance_note},
        {"sources": sources},
    )


def _differs(instance: models.Model, changes: Mapping[str, Any]) -> bool:
    return any(getattr(instance, name) != value for name, value in changes.items())


def _links_differ(instance: models.Model, m2m: Mapping[str, Iterable[Any]] | None) -> bool:
    for name, values in (m2m or {}).items():
        current = set(getattr(instance, name).values_list("pk", flat=True))
        if current != {getattr(value, "pk", value) for value in values}:
            return True
    return False


def record_create(
    model: type[M],
    *,
    actor: Actor | None = None,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> M:
    """Validate and save a new record (and its many-to-many links) in one transaction."""
    with transaction.atomic():
        instance = model(**fields)
        attach_actor(instance, actor)
        instance.full_clean()
        instance.save()
        _set_m2m(instance, m2m)
    return instance


def record_update(
    instance: V,
    *,
    actor: Actor | None = None,
    expected_version: int | None,
    changes: Mapping[str, Any],
    editable: Iterable[str],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    derive: Callable[[V], Mapping[str, Any]] | None = None,
) -> V:
    """Apply changes to a record, refusing them when it moved past `expected_version`.

    The version is compared and raised in a single UPDATE, so of two writers holding the same
    version exactly one wins, on PostgreSQL and SQLite alike. `expected_version=None` accepts
    the write whatever the current version is (a client that does not send If-Match). A write
    that changes nothing (no field, no link, no derived value) saves nothing: the version
    stays and no history row is written; a stale version is still refused.
    """
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("This field cannot be changed.")))
    model = type(instance)
    m2m = {name: list(values) for name, values in (m2m or {}).items()}
    with transaction.atomic():
        current = model._default_manager.filter(pk=instance.pk).first()
        if current is None or (
            expected_version is not None and current.version != expected_version
        ):
            found = None if current is None else current.version
            raise VersionConflict(instance, expected_version or 0, found)
        if not _would_change(current, changes, m2m, derive):
            return current
        rows = model._default_manager.filter(pk=instance.pk)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        if rows.update(version=F("version") + 1) != 1:
            version = (
                model._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            raise VersionConflict(instance, expected_version or 0, version)
        fresh = model._default_manager.select_for_update().get(pk=instance.pk)
        for name, value in changes.items():
            setattr(fresh, name, value)
        for name, value in (derive(fresh) if derive else {}).items():
            setattr(fresh, name, value)
        attach_actor(fresh, actor)
        fresh.full_clean()
        fresh.save()
        _set_m2m(fresh, m2m)
    return fresh


def _would_change(
    current: V,
    changes: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]],
    derive: Callable[[V], Mapping[str, Any]] | None,
) -> bool:
    """Whether applying the changes (to an unsaved copy) alters any field, link or figure."""
    if _links_differ(current, m2m):
        return True
    if _differs(current, changes):
        return True
    if derive is None:
        return False
    for name, value in changes.items():
        setattr(current, name, value)
    return _differs(current, derive(current))


# How many of the records that refer to one are named in the refusal, per kind of record.
REFERRERS_NAMED = 3


def records_referring_to(instance: models.Model) -> list[models.Model]:
    """Records that point at this one (foreign keys and many-to-many links), a few per kind."""
    found: list[models.Model] = []
    for relation in instance._meta.related_objects:
        referring = relation.related_model
        assert not isinstance(referring, str), "relations are resolved once the apps are loaded"
        rows = referring._default_manager.filter(**{relation.field.name: instance})
        found.extend(rows.order_by("pk")[:REFERRERS_NAMED])
    return found


def referring_kinds(error: models.ProtectedError | models.RestrictedError) -> str:
    """The kinds of record that kept one from being deleted, e.g. "involvements, outputs"."""
    if isinstance(error, models.ProtectedError):
        found = error.protected_objects
    else:
        found = error.restricted_objects
    return ", ".join(sorted({str(record._meta.verbose_name_plural) for record in found}))


def record_delete(
    instance: VersionedModel,
    *,
    actor: Actor | None = None,
    expected_version: int | None,
    while_referenced: bool = True,
) -> None:
    """Delete a record, refusing when it moved past `expected_version`.

    With `while_referenced=False` the record is refused (ProtectedError) while any other record
    refers to it, whatever the relation's `on_delete` would do: records every programme shares
    (a stakeholder, a source, an evidence excerpt) must not take other programmes' links, leads
    or involvements with them.
    """
    model = type(instance)
    with transaction.atomic():
        rows = model._default_manager.filter(pk=instance.pk)
        if expected_version is not None:
            rows = rows.filter(version=expected_version)
        # Ordered by pk only: the model's ordering may join a nullable relation (e.g. an
        # involvement's output), and PostgreSQL refuses FOR UPDATE on an outer join.
        current = rows.order_by("pk").select_for_update().first()
        if current is None:
            version = (
                model._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            raise VersionConflict(instance, expected_version or 0, version)
        if not while_referenced:
            referrers = records_referring_to(current)
            if referrers:
                raise models.ProtectedError(
                    _("Other records still refer to this one: unlink them first."), set(referrers)
                )
        attach_actor(current, actor)
        current.delete()
