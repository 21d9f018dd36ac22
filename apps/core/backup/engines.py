"""Dumping and loading a whole database: pg_dump/pg_restore for PostgreSQL, SQLite's online backup.

A dump and its figures come from one consistent view of the database: PostgreSQL's figures are
read in the transaction whose snapshot pg_dump is given; SQLite's are read from the copy made.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from psycopg.conninfo import make_conninfo

from apps.core.backup.archive import BackupError
from apps.core.backup.figures import TableFigure, figure_differences, table_figures

ENGINE_LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Rows `manage.py migrate` writes into a new database by itself: such a database holds no data.
MIGRATE_BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}
# libpq connection options that may come from the settings' OPTIONS (never the password).
_LIBPQ_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout",
    "target_session_attrs", "options", "application_name", "service", "passfile",
}  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    """What a dump holds, read from the same view of the database as the dump itself."""

    tables: dict[str, TableFigure]
    migrations: list[list[str]]
    database: dict[str, str]


def engine_of(connection: BaseDatabaseWrapper) -> str:
    """The backup engine for this connection ("postgresql" or "sqlite")."""
    vendor = connection.vendor
    if vendor not in ENGINE_LABELS:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def applied_migrations(connection: BaseDatabaseWrapper) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


def database_dump(connection: BaseDatabaseWrapper, target: Path) -> Snapshot:
    """Dump the database into `target` and return the figures of exactly what was dumped."""
    if engine_of(connection) == "postgresql":
        return _pg_dump(connection, target)
    return _sqlite_dump(connection, target)


def database_contents(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Each table's row count: an empty dict for a database without tables."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def database_clear(connection: BaseDatabaseWrapper) -> None:
    """Drop every table, leaving the database as empty as a new one."""
    quote = connection.ops.quote_name
    tables = connection.introspection.table_names()
    if not tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    connection.close()


def database_load(
    connection: BaseDatabaseWrapper, source: Path, expected: dict[str, TableFigure]
) -> None:
    """Load a dump into the (empty) database; SQLite's copy is checked before it is loaded."""
    if engine_of(connection) == "postgresql":
        _pg_restore(connection, source)
    else:
        _sqlite_restore(connection, source, expected)


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client programs of the server's "
            "major version (Debian: postgresql-client-15)"
        )
    return program


def _pg_connection(connection: BaseDatabaseWrapper) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and an environment that holds it."""
    settings = connection.settings_dict
    options = {k: v for k, v in (settings.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    params = {
        "dbname": settings["NAME"],
        "user": settings.get("USER") or None,
        "host": settings.get("HOST") or None,
        "port": str(settings["PORT"]) if settings.get("PORT") else None,
        **{k: str(v) for k, v in options.items()},
    }
    # The rest of the environment stays: libpq reads PG* variables for pg_dump as for psycopg.
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    return make_conninfo(**{k: v for k, v in params.items() if v is not None}), environment


def _run(command: list[str], environment: dict[str, str], what: str) -> str:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        detail = "\n".join(result.stderr.strip().splitlines()[-12:]) or "no message"
        raise BackupError(f"{what} failed (exit {result.returncode}):\n{detail}")
    return result.stdout


def _pg_dump(connection: BaseDatabaseWrapper, target: Path) -> Snapshot:
    pg_dump = _pg_program("pg_dump")
    conninfo, environment = _pg_connection(connection)
    version = _run([pg_dump, "--version"], environment, "pg_dump --version").strip()
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # pg_dump reads the snapshot this transaction exported, so the figures read below
        # describe exactly the rows it dumps, however busy the site is meanwhile.
        command = [
            pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}",
            f"--file={target}", f"--dbname={conninfo}",
        ]  # fmt: skip
        _run(command, environment, "pg_dump")
        tables = table_figures(connection)
        migrations = applied_migrations(connection)
    server = connection.cursor().connection.info.server_version
    return Snapshot(
        tables=tables,
        migrations=migrations,
        database={"server": f"PostgreSQL {server // 10000}.{server % 10000}", "dump": version},
    )


def _pg_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    pg_restore = _pg_program("pg_restore")
    conninfo, environment = _pg_connection(connection)
    connection.close()
    # One transaction: a dump that fails half-way leaves the database as empty as it was.
    command = [
        pg_restore, "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
        "--no-password", f"--dbname={conninfo}", str(source),
    ]  # fmt: skip
    _run(command, environment, "pg_restore")


# --- SQLite ----------------------------------------------------------------------------------


@contextmanager
def sqlite_file(connection: BaseDatabaseWrapper, path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A Django connection to another SQLite file, with the same settings as `connection`."""
    settings: dict[str, Any] = {**connection.settings_dict, "NAME": str(path)}
    alias = f"backup-{uuid.uuid4().hex}"
    other = type(connection)(settings, alias=alias)
    # Registered for the block: Django's SQLite feature probes look their connection up by alias.
    connections[alias] = other
    try:
        yield other
    finally:
        other.close()
        del connections[alias]


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> Snapshot:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is a single consistent state of the database.
        connection.connection.backup(copy, pages=-1)
    finally:
        copy.close()
    with sqlite_file(connection, target) as dumped:
        tables = table_figures(dumped)
        migrations = applied_migrations(dumped)
    return Snapshot(
        tables=tables,
        migrations=migrations,
        database={"server": f"SQLite {sqlite3.sqlite_version}", "dump": "sqlite3 backup API"},
    )


def _sqlite_restore(
    connection: BaseDatabaseWrapper, source: Path, expected: dict[str, TableFigure]
) -> None:
    with sqlite_file(connection, source) as copy:
        try:
            with copy.cursor() as cursor:
                cursor.execute("PRAGMA integrity_check")
                verdict = [row[0] for row in cursor.fetchall()]
            found = table_figures(copy)
        except Exception as error:
            raise BackupError(f"the archived SQLite database cannot be read: {error}") from None
        if verdict != ["ok"]:
            raise BackupError(f"the archived SQLite database is damaged: {'; '.join(verdict[:5])}")
        if differences := figure_differences(expected, found):
            raise BackupError(
                "the archived database does not match its manifest; nothing was restored:\n  "
                + "\n  ".join(differences)
            )
    connection.ensure_connection()
    archived = sqlite3.connect(source)
    try:
        # The backup API replaces the whole target in one transaction.
        archived.backup(connection.connection, pages=-1)
    finally:
        archived.close()
    connection.close()
