"""Search: one engine for the site search, the workspace lists and the API's `?search=`.

Each kind declares the fields to look in once, with weights (`RecordKind.search_fields`). A
record matches when any field contains the words; its rank is the lowest weight among the
fields that matched, so a match on a code outranks one in a description.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Case, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value, When
from rest_framework.filters import search_smart_split

from apps.accounts.selectors import readable_records
from apps.workspace.kinds import RecordKind, SearchField, page_kinds

if TYPE_CHECKING:
    from apps.accounts.models import User

SITE_SEARCH_LIMIT = 10
MIN_QUERY_LENGTH = 2


def search_terms(query: str) -> list[str]:
    """The words of a query; a quoted phrase stays one term, commas separate too."""
    # DRF's own splitter, so `?search=` and the site search read a query alike (its stub
    # mistypes the argument as a list).
    return search_smart_split(query.replace("\x00", ""))  # type: ignore[arg-type]


def search_rows(fields: Sequence[SearchField], rows: QuerySet, query: str | list[str]) -> QuerySet:
    """Rows in which every term is in one of the search fields, ranked as `search_rank`.

    A term's rank is the weight of the best field it was found in; a row's is the sum over
    the terms. An empty query, or a kind without search fields, leaves the rows as they are.
    """
    terms = search_terms(query) if isinstance(query, str) else query
    if not terms or not fields:
        return rows
    fields = sorted(fields, key=lambda field: field.weight)
    ranks = {}
    for index, term in enumerate(terms):
        ranks[f"search_rank_{index}"] = Case(
            *[
                When(Q(**{f"{field.lookup}__icontains": term}), then=Value(field.weight))
                for field in fields
            ],
            default=None,
            output_field=IntegerField(),
        )
    rows = rows.alias(**ranks).filter(**{f"{name}__isnull": False for name in ranks})
    total = sum((F(name) for name in ranks), start=Value(0))
    return rows.annotate(search_rank=ExpressionWrapper(total, output_field=IntegerField()))


def site_search(*, user: User, query: str) -> list[tuple[RecordKind[Any], list[Any]]]:
    """Per kind with pages, the best matches among the records the user may read."""
    if len(query.strip()) < MIN_QUERY_LENGTH:
        return []
    groups = []
    for kind in page_kinds():
        if not kind.search_fields:
            continue
        rows = kind.queryset()
        if not kind.shared:
            path = kind.programme_path or ""
            rows = readable_records(rows, user=user, programme_path=path).select_related(path)
        found = list(
            search_rows(kind.search_fields, rows, query).order_by(
                "search_rank", "-updated_at", "pk"
            )[:SITE_SEARCH_LIMIT]
        )
        if found:
            groups.append((kind, found))
    return groups
