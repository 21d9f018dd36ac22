"""Row counts and content checksums of every table, the same on any database of one engine."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

# PostgreSQL text types, whose default ordering follows the database's collation; ordering them
# byte-wise ("C") gives the same row order on every cluster.
_PG_TEXT_TYPES = {25, 1042, 1043}  # text, bpchar, varchar (type OIDs)
_BATCH = 2000


@dataclass(frozen=True)
class TableFigure:
    """A table's row count and the SHA-256 of its rows in primary-key order."""

    rows: int
    checksum: str


def canonical(value: Any) -> Any:
    """A value as JSON can hold it, independent of the driver's types and the session time zone."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return f"decimal:{value}"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return f"datetime:{value.isoformat()}"
    if isinstance(value, datetime.date | datetime.time):
        return f"{type(value).__name__}:{value.isoformat()}"
    if isinstance(value, datetime.timedelta):
        return f"interval:{value.total_seconds()!r}"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"bytes:{bytes(value).hex()}"
    if isinstance(value, uuid.UUID):
        return f"uuid:{value}"
    if isinstance(value, dict | list | tuple):
        return json.loads(json.dumps(value, sort_keys=True, default=canonical))
    raise TypeError(f"no canonical form for a {type(value).__name__} value")


def table_figures(connection: BaseDatabaseWrapper) -> dict[str, TableFigure]:
    """Every table's figures, in the connection's current transaction (if one is open)."""
    introspection = connection.introspection
    figures = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            figures[table] = _table_figure(connection, cursor, table)
    return figures


def _table_figure(connection: BaseDatabaseWrapper, cursor: Any, table: str) -> TableFigure:
    introspection, quote = connection.introspection, connection.ops.quote_name
    description = introspection.get_table_description(cursor, table)
    columns = sorted(column.name for column in description)
    types = {column.name: column.type_code for column in description}
    order = introspection.get_primary_key_columns(cursor, table) or columns
    order_by = ", ".join(
        quote(name) + (' COLLATE "C"' if _byte_ordered(connection, types[name]) else "")
        for name in order
    )
    digest = hashlib.sha256(json.dumps([table, columns]).encode())
    rows = 0
    # A server-side cursor on PostgreSQL: a large table is read in batches, not all at once.
    with connection.chunked_cursor() as reader:
        reader.execute(
            f"SELECT {', '.join(quote(name) for name in columns)} FROM {quote(table)} "
            f"ORDER BY {order_by}"
        )
        while batch := reader.fetchmany(_BATCH):
            for row in batch:
                line = json.dumps([canonical(value) for value in row], ensure_ascii=False)
                digest.update(b"\n" + line.encode())
            rows += len(batch)
    return TableFigure(rows=rows, checksum=digest.hexdigest())


def _byte_ordered(connection: BaseDatabaseWrapper, type_code: Any) -> bool:
    return connection.vendor == "postgresql" and type_code in _PG_TEXT_TYPES


def figure_differences(
    expected: dict[str, TableFigure], found: dict[str, TableFigure]
) -> list[str]:
    """Each way the found tables differ from the expected ones, as a sentence."""
    differences = [f"table {name} is missing" for name in sorted(expected.keys() - found)]
    differences += [
        f"table {name} is not in the backup" for name in sorted(found.keys() - expected)
    ]
    for name in sorted(expected.keys() & found):
        want, got = expected[name], found[name]
        if want.rows != got.rows:
            differences.append(f"table {name}: {got.rows} rows, the backup had {want.rows}")
        elif want.checksum != got.checksum:
            differences.append(f"table {name}: same {got.rows} rows but different content")
    return differences
