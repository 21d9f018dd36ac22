"""Record kinds: one typed declaration per kind of record, from which everything is derived.

A `RecordKind` says once how a kind of record (outputs, obstacles, sources, …) is scoped to its
programme, filtered, searched, listed, created and changed. The workspace pages
(`apps.workspace.views.records`), the API viewsets (`apps.workspace.api.viewsets.viewset_for`),
site and API search (`apps.workspace.search`) and the column map of imports and exports
(`RecordKind.exchange_columns`) all read that one declaration.

Each domain's kinds are declared in `apps/workspace/<domain>/kinds.py` and registered with
`@register`; `WorkspaceConfig.ready` imports those modules in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import ngettext

from apps.accounts.selectors import programmes_writable_by
from apps.core.models import VersionedModel
from apps.core.services import record_delete

if TYPE_CHECKING:
    from django_filters import FilterSet
    from rest_framework.serializers import ModelSerializer

    from apps.accounts.models import User
    from apps.programmes.models import Programme
    from apps.workspace.forms import RecordForm

M = TypeVar("M", bound=VersionedModel)


@dataclass(frozen=True)
class Column:
    """One column of a record list: a dotted accessor, optionally linking to the record."""

    label: str | Promise
    accessor: str
    link: bool = False
    ordering: str | None = None


@dataclass(frozen=True)
class SearchField:
    """A field that search looks in, with its weight: a match on a lower weight ranks higher."""

    lookup: str
    weight: int = 100


@dataclass(frozen=True)
class ExchangeColumn:
    """One column of an import or export sheet of a kind of record.

    `natural_key` names the field of the related record that a sheet uses to name it (an
    output's `outcome` by its `code`); `many` marks a list of such names.
    """

    header: str
    label: str
    required: bool
    natural_key: str | None = None
    many: bool = False


NATURAL_KEYS = ("code", "key", "acronym", "username")
# Fields no sheet carries: the database and the services keep them.
_NOT_EXCHANGED = {"id", "version", "created_at", "updated_at"}


class RecordKind(Generic[M]):
    """How Pantau handles one kind of record; subclass, fill in the class attributes, register.

    Hooks (`annotate`, `detail_context`, `parent_crumb`, `form_kwargs`, `service_arguments`,
    `check_create`, `check_delete`) are methods to override; the defaults suit most kinds.
    """

    key: ClassVar[str]
    model: type[M]
    # From the model to its Programme ("output__programme"; "" for Programme itself); None for
    # records every programme shares (stakeholders, sources, evidence).
    programme_path: ClassVar[str | None] = "programme"
    form_class: ClassVar[type[RecordForm] | None] = None
    filterset_class: ClassVar[type[FilterSet]]
    serializer_class: ClassVar[type[ModelSerializer]]
    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[Callable[..., Any] | None] = None

    # Fields set on creation only: a record never moves to another parent.
    fixed_on_update: ClassVar[tuple[str, ...]] = ()
    columns: ClassVar[tuple[Column, ...]] = ()
    detail_fields: ClassVar[tuple[str, ...]] = ()
    # Fields holding a rubric score (0–1), which lists and detail pages show to two decimals.
    score_fields: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[SearchField, ...]] = ()
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    # Workspace lists show one programme; the API lists all the user reads, so it orders first
    # by programme.
    ordering: ClassVar[tuple[str, ...]] = ("-updated_at",)
    api_ordering: ClassVar[tuple[str, ...]] = ()
    api_ordering_fields: ClassVar[tuple[str, ...]] = ()
    api_description: ClassVar[str] = ""
    detail_template: ClassVar[str] = "records/detail.html"
    in_programme_nav: ClassVar[bool] = True
    # Kinds without workspace pages (programmes have their own page; staff keep the cause
    # taxonomy in the admin) still have their API.
    has_pages: ClassVar[bool] = True
    read_only: ClassVar[bool] = False
    api_route: ClassVar[str | None] = None
    # The API's URL names are `api-<api_name>-list` and `api-<api_name>-detail`.
    api_name: ClassVar[str | None] = None

    # Identity -------------------------------------------------------------------------------

    @property
    def shared(self) -> bool:
        """Whether every programme shares these records (stakeholders, sources, evidence)."""
        return self.programme_path is None

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def label_singular(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def route(self) -> str:
        """The API route (`/api/v1/<route>/`)."""
        return self.api_route or self.key

    @property
    def api_basename(self) -> str:
        """The URL name prefix of the API routes (`api-output-list`, `api-output-detail`)."""
        return f"api-{self.api_name or self.model._meta.model_name}"

    @property
    def instance_argument(self) -> str:
        """The keyword the update service takes the record by (`output_update(output=…)`)."""
        return str(self.model._meta.model_name)

    # Reads ----------------------------------------------------------------------------------

    def annotate(self, rows: QuerySet[M]) -> QuerySet[M]:
        """Figures the lists filter or sort on but the table does not store."""
        return rows

    def queryset(self) -> QuerySet[M]:
        """All records of the kind, with what the pages, search and the API show."""
        rows = self.model._default_manager.all()
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        if self.prefetch_related:
            rows = rows.prefetch_related(*self.prefetch_related)
        return self.annotate(rows)

    def in_programme(self, rows: QuerySet[M], programme: Programme) -> QuerySet[M]:
        """The rows that belong to one programme (all of them for shared records)."""
        if self.programme_path is None:
            return rows
        lookup = self.programme_path or "pk"
        return rows.filter(**{lookup: programme})

    def programme_of(self, record: Any) -> Programme | None:
        """The programme a record belongs to (None for shared records)."""
        if self.programme_path is None:
            return None
        for name in filter(None, self.programme_path.split("__")):
            record = getattr(record, name)
        return record

    def programme_of_new(self, data: Mapping[str, Any]) -> Programme | None:
        """The programme a record about to be created would belong to, from its fields."""
        if not self.programme_path:
            return None
        head, _sep, rest = self.programme_path.partition("__")
        parent = data.get(head)
        for name in filter(None, rest.split("__")):
            parent = getattr(parent, name, None)
        return parent

    # Pages ----------------------------------------------------------------------------------

    def detail_context(
        self, record: M, *, request: HttpRequest, programme: Programme | None
    ) -> dict[str, Any]:
        """What the detail page shows beyond the record's own fields."""
        return {}

    def parent_crumb(self, record: M, *, programme: Programme | None) -> tuple[str, str] | None:
        """The breadcrumb between the programme and the record; None: the kind's list."""
        return None

    def form_kwargs(
        self,
        *,
        request: HttpRequest,
        programme: Programme | None,
        instance: M | None,
        data: Mapping[str, Any] | None,
    ) -> dict[str, Any]:
        """Extra arguments of the kind's form (e.g. suggestions for a new assessment)."""
        return {}

    # Writes ---------------------------------------------------------------------------------

    def service_arguments(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Validated fields (of a form or a serializer) as the services' keyword arguments."""
        return {
            name: list(value) if isinstance(value, QuerySet) else value
            for name, value in data.items()
        }

    def check_create(self, *, user: User, data: Mapping[str, Any]) -> str | None:
        """Why the user may not create this record (None: allowed by role checks alone)."""
        return None

    def check_delete(self, *, user: User, record: M) -> str | None:
        """Why the user may not delete this record (None: allowed by role checks alone)."""
        return None

    def check_update(self, *, user: User, record: M) -> str | None:
        """Why the user may not change this record (None: allowed by role checks alone).

        A shared record belongs to every programme that uses it, so its stewards are the users
        who may write each of those programmes (and staff): an analyst of one programme may
        not rename, re-file or rewrite a stakeholder, source or excerpt that another programme
        relies on. A record no programme uses yet is open to every analyst.
        """
        if not self.shared or user.is_staff:
            return None
        using = programmes_using(record)
        if not using:
            return None
        writable = set(
            programmes_writable_by(user=user).filter(pk__in=using).values_list("pk", flat=True)
        )
        others = len(using - writable)
        if not others:
            return None
        return ngettext(
            "This record is also used by %(count)d programme you cannot change, so only staff "
            "or an analyst of every programme that uses it may edit it.",
            "This record is also used by %(count)d programmes you cannot change, so only staff "
            "or an analyst of every programme that uses it may edit it.",
            others,
        ) % {"count": others}

    def delete(self, record: M, *, actor: User, version: int | None) -> None:
        """Delete a record from the version the user read.

        A shared record (stakeholder, source, evidence) is refused while anything refers to it:
        it may be used by programmes the deleting user cannot even see.
        """
        record_delete(
            record, actor=actor, expected_version=version, while_referenced=not self.shared
        )

    def create(self, *, actor: User, programme: Programme | None, data: Mapping[str, Any]) -> M:
        """Create a record through the kind's service.

        Records that hang directly off a programme are created in the given programme (the one
        in the page's URL) unless the data names one.
        """
        assert self.create_service is not None, f"{self.key} records are read-only"
        arguments = self.service_arguments(data)
        if self.programme_path == "programme" and programme is not None:
            arguments.setdefault("programme", programme)
        return self.create_service(actor=actor, **arguments)

    def update(self, record: M, *, actor: User, version: int | None, data: Mapping[str, Any]) -> M:
        """Change a record through the kind's service, from the version the user read."""
        assert self.update_service is not None, f"{self.key} records are read-only"
        return self.update_service(
            **{self.instance_argument: record},
            actor=actor,
            version=version,
            **self.service_arguments(data),
        )

    # Imports and exports --------------------------------------------------------------------

    def exchange_columns(self) -> list[ExchangeColumn]:
        """The columns a sheet of these records has: the serializer's writable fields.

        A related record is named by its natural key (`code`, `key`, `acronym`, `username`)
        where the related model has one, else by its id.
        """
        serializer = self.serializer_class()
        columns = []
        for name, field in serializer.get_fields().items():
            if field.read_only or name in _NOT_EXCHANGED:
                continue
            model_field = _model_field(self.model, str(field.source or name))
            related = getattr(model_field, "related_model", None)
            columns.append(
                ExchangeColumn(
                    header=name,
                    label=str(getattr(model_field, "verbose_name", name)),
                    required=bool(field.required),
                    natural_key=_natural_key(related) if related is not None else None,
                    many=bool(getattr(model_field, "many_to_many", False)),
                )
            )
        return columns


def _model_field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a serializer-only field, or one under another name
        return None


def _natural_key(model: type[models.Model]) -> str:
    # What people call such a record in a sheet: its code (an outcome's within its programme),
    # a source's key, a stakeholder's acronym, a user's name.
    names = {field.name for field in model._meta.get_fields()}
    return next((name for name in NATURAL_KEYS if name in names), "id")


_REGISTRY: dict[str, RecordKind[Any]] = {}

K = TypeVar("K", bound=type[RecordKind[Any]])


def register(kind_class: K) -> K:
    """Class decorator: make a kind of record known to the workspace and the API by its key."""
    if kind_class.key in _REGISTRY:
        raise ValueError(f"A record kind is already registered as {kind_class.key!r}.")
    _REGISTRY[kind_class.key] = kind_class()
    return kind_class


def kind_of_model(model: type[models.Model]) -> RecordKind[Any] | None:
    """The registered kind whose records are rows of this model, or None."""
    for kind in _REGISTRY.values():
        if kind.model is model:
            return kind
    return None


def programmes_using(record: models.Model) -> set[int]:
    """Ids of the programmes whose records refer to this shared record, directly or through
    other shared records (a source through the excerpts quoting it, an organisation through
    its units)."""
    programmes: set[int] = set()
    seen: set[tuple[type[models.Model], Any]] = set()
    waiting = [record]
    while waiting:
        current = waiting.pop()
        if (type(current), current.pk) in seen:
            continue
        seen.add((type(current), current.pk))
        for relation in current._meta.related_objects:
            referring = relation.related_model
            assert not isinstance(referring, str), "relations are resolved once the apps load"
            kind = kind_of_model(referring)
            if kind is None:
                continue  # history rows, memberships: not a programme's use of the record
            rows = referring._default_manager.filter(**{relation.field.name: current})
            if kind.shared:
                waiting.extend(rows.order_by())
            else:
                path = kind.programme_path or "pk"
                programmes.update(rows.order_by().values_list(path, flat=True).distinct())
    programmes.discard(None)  # type: ignore[arg-type]
    return programmes


def kind_for(key: str) -> RecordKind[Any] | None:
    """The registered kind with this key, or None."""
    return _REGISTRY.get(key)


def all_kinds() -> list[RecordKind[Any]]:
    """Every registered kind, in registration order."""
    return list(_REGISTRY.values())


def page_kinds() -> list[RecordKind[Any]]:
    """Kinds with workspace pages."""
    return [kind for kind in _REGISTRY.values() if kind.has_pages]


def programme_kinds() -> list[RecordKind[Any]]:
    """Kinds with pages whose records belong to a programme, in registration order."""
    return [kind for kind in page_kinds() if not kind.shared]


def shared_kinds() -> list[RecordKind[Any]]:
    """Kinds with pages whose records every programme shares."""
    return [kind for kind in page_kinds() if kind.shared]
