"""Making an archive of the database and the stored files, and restoring one into an empty site."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from apps.core.backup.archive import (
    DUMP_MEMBERS,
    MEDIA_PREFIX,
    BackupError,
    Manifest,
    archive_open,
    archive_write,
    file_member,
    media_path,
    member_extract,
)
from apps.core.backup.engines import (
    ENGINE_LABELS,
    MIGRATE_BOOKKEEPING,
    database_clear,
    database_contents,
    database_dump,
    database_load,
    engine_of,
)
from apps.core.backup.figures import figure_differences, table_figures


@dataclass(frozen=True)
class BackupReport:
    """What an archive holds, for the operator."""

    archive: Path
    tables: int
    rows: int
    files: int
    size: int
    seconds: float


@dataclass(frozen=True)
class RestoreReport:
    """What a restore put back and checked."""

    tables: int
    rows: int
    files: int
    seconds: float
    pending_migrations: list[str] = field(default_factory=list)


def _default(connection: BaseDatabaseWrapper | None) -> BaseDatabaseWrapper:
    return connection if connection is not None else connections[DEFAULT_DB_ALIAS]


def _stored_files() -> dict[str, Path]:
    """Every file under MEDIA_ROOT, by its archive member name."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        MEDIA_PREFIX + path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def backup_create(*, archive: Path, connection: BaseDatabaseWrapper | None = None) -> BackupReport:
    """Write the database and the stored files to a new archive, with figures to verify them."""
    connection = _default(connection)
    engine = engine_of(connection)
    if archive.exists():
        raise BackupError(f"{archive} already exists; name a new archive or remove the old one")
    if not archive.parent.is_dir():
        raise BackupError(f"{archive.parent} is not a folder")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pantau-backup-") as work:
        dump = Path(work) / DUMP_MEMBERS[engine]
        snapshot = database_dump(connection, dump)
        members = {DUMP_MEMBERS[engine]: dump, **_stored_files()}
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            engine=engine,
            database=snapshot.database,
            migrations=snapshot.migrations,
            tables=snapshot.tables,
            files={name: file_member(path) for name, path in members.items()},
        )
        archive_write(path=archive, manifest=manifest, members=members)
    return BackupReport(
        archive=archive,
        tables=len(manifest.tables),
        rows=sum(figure.rows for figure in manifest.tables.values()),
        files=len(manifest.media_members),
        size=archive.stat().st_size,
        seconds=time.monotonic() - started,
    )


def backup_restore(
    *, archive: Path, force: bool = False, connection: BaseDatabaseWrapper | None = None
) -> RestoreReport:
    """Restore an archive into an empty database and media folder, then check every table.

    Everything that can be checked first is: the archive's format, engine, migrations and member
    checksums, and that the target holds nothing. `force` lets a database that only `migrate`
    has touched be replaced; a database holding data is never overwritten. If the restored tables
    differ from the manifest, the database is emptied again and the restore fails.
    """
    connection = _default(connection)
    engine = engine_of(connection)
    started = time.monotonic()
    with archive_open(archive) as (manifest, tar), tempfile.TemporaryDirectory() as work:
        if manifest.engine != engine:
            raise BackupError(
                f"{archive} holds a {ENGINE_LABELS[manifest.engine]} database, but the target "
                f"database is {ENGINE_LABELS[engine]}: restore it into a "
                f"{ENGINE_LABELS[manifest.engine]} database (DATABASE_URL)"
            )
        known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations.keys()
        archived = {(app, name) for app, name in manifest.migrations}
        if unknown := sorted(archived - set(known)):
            raise BackupError(
                f"{archive} was made by another version of Pantau: this code lacks its "
                f"migrations {', '.join(f'{app}.{name}' for app, name in unknown[:5])}; restore "
                "it with the version that made it"
            )
        dump = Path(work) / manifest.dump_member
        member_extract(
            tar=tar, manifest=manifest, name=manifest.dump_member, target=dump, archive=archive
        )
        media = _media_extract(tar=tar, manifest=manifest, work=Path(work), archive=archive)
        _target_check(connection, force=force)
        database_load(connection, dump, manifest.tables)
        found = table_figures(connection)
        if differences := figure_differences(manifest.tables, found):
            database_clear(connection)
            raise BackupError(
                "the restored database does not match the archive's manifest, so it was emptied "
                "again:\n  " + "\n  ".join(differences)
            )
        _media_place(media)
    pending = sorted(f"{app}.{name}" for app, name in set(known) - archived)
    return RestoreReport(
        tables=len(found),
        rows=sum(figure.rows for figure in found.values()),
        files=len(media),
        seconds=time.monotonic() - started,
        pending_migrations=pending,
    )


def _target_check(connection: BaseDatabaseWrapper, *, force: bool) -> None:
    """Refuse a target holding anything; with `force`, clear one that holds no data."""
    contents = database_contents(connection)
    if not contents:
        return
    data = {
        table: rows for table, rows in contents.items() if rows and table not in MIGRATE_BOOKKEEPING
    }
    name = connection.settings_dict["NAME"]
    if data:
        held = ", ".join(f"{table} ({rows} rows)" for table, rows in list(data.items())[:5])
        raise BackupError(
            f"the target database {name} holds data ({held}{', …' if len(data) > 5 else ''}); "
            "restore into a new, empty database. Nothing was changed."
        )
    if not force:
        raise BackupError(
            f"the target database {name} is not empty: it has {len(contents)} tables, though "
            "no data beyond what `migrate` writes. Restore into a new, empty database, or pass "
            "--force to replace these empty tables. Nothing was changed."
        )
    database_clear(connection)


def _media_extract(*, tar, manifest: Manifest, work: Path, archive: Path) -> dict[Path, Path]:
    """Each stored file extracted and checked, by its place under MEDIA_ROOT; refuses conflicts."""
    root = Path(settings.MEDIA_ROOT)
    placed: dict[Path, Path] = {}
    for number, name in enumerate(manifest.media_members):
        destination = root / media_path(name)
        if destination.exists() and file_member(destination) != manifest.files[name]:
            raise BackupError(
                f"{destination} already exists with other content; restore into an empty media "
                "folder (MEDIA_ROOT). Nothing was changed."
            )
        extracted = work / f"media-{number}"
        member_extract(tar=tar, manifest=manifest, name=name, target=extracted, archive=archive)
        placed[destination] = extracted
    return placed


def _media_place(media: dict[Path, Path]) -> None:
    for destination, extracted in media.items():
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f".{destination.name}.partial")
        shutil.copyfile(extracted, partial)
        os.replace(partial, destination)
