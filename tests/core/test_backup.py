"""manage.py backup and restore (issue 9): the demo survives a round trip on SQLite and on
PostgreSQL with every table equal, and every bad input is refused by name without harm.

The commands run in subprocesses with their own DATABASE_URL and MEDIA_ROOT, as an operator runs
them. Tables are compared independently of the commands' own checksums: SQLite rows by value,
PostgreSQL rows by the server's own text form of each row.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from apps.core.backup.archive import (
    FORMAT_VERSION,
    Manifest,
    Member,
    archive_open,
    archive_write,
)
from apps.core.backup.figures import TableFigure, canonical, figure_differences

ROOT = Path(__file__).resolve().parents[2]
STORED_FILE = "evidence/2017/field-report.pdf"
STORED_BYTES = b"%PDF-1.4 an illustrative stored file\n" + bytes(range(256))


def manage(*args: str, database: str, media: Path, check: bool = True, **variables: str):
    """Run manage.py as an operator would: its own database and media folder, tasks in-process."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"}
    }
    environment |= {"DATABASE_URL": database, "MEDIA_ROOT": str(media), "DEBUG": "true"}
    environment |= variables
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result


def seed_demo(database: str, media: Path) -> None:
    for command in (["migrate", "--noinput", "-v0"], ["load_reference"], ["seed_demo"]):
        manage(*command, database=database, media=media)
    (media / STORED_FILE).parent.mkdir(parents=True)
    (media / STORED_FILE).write_bytes(STORED_BYTES)


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def rewritten(archive: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive with each member's bytes passed through `change(name, data)`."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for info in source.getmembers():
            data = change(info.name, source.extractfile(info).read())
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


def with_manifest(archive: Path, target: Path, edit: Callable[[dict], None]) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return rewritten(archive, target, change)


@dataclass
class Site:
    """A database and a media folder, as one installation of Pantau has them."""

    database: str
    media: Path

    def run(self, *args: str, check: bool = True, **variables: str):
        return manage(*args, database=self.database, media=self.media, check=check, **variables)


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_rows(path: Path) -> dict[str, list]:
    """Every table's rows by value, read with the sqlite3 module alone."""
    with sqlite3.connect(path) as database:
        tables = [
            name
            for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"')))
            for table in tables
        }


def made_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder built once per test run and shared by its test processes (xdist workers).

    Seeding the demo takes seconds; the first process to get here builds the folder under a
    lock, the others wait for it and reuse what it made (which the tests only read).
    """
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent
    folder = run / name
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / "ready").touch()
    return folder


def build_sqlite_demo(folder: Path) -> None:
    site = Site(database=f"sqlite:///{folder / 'source.sqlite3'}", media=folder / "media")
    seed_demo(site.database, site.media)
    result = site.run("backup", str(folder / "demo.tar.gz"))
    assert "Backed up" in result.stdout


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory) -> tuple[Site, Path]:
    """The demo on a SQLite file with one stored file, and its backup archive."""
    folder = made_once(tmp_path_factory, "sqlite-demo", build_sqlite_demo)
    site = Site(database=f"sqlite:///{folder / 'source.sqlite3'}", media=folder / "media")
    return site, folder / "demo.tar.gz"


def empty_sqlite_site(folder: Path) -> Site:
    return Site(database=f"sqlite:///{folder / 'restored.sqlite3'}", media=folder / "media")


def test_a_sqlite_backup_restores_into_an_empty_database_with_every_table_equal(
    sqlite_demo, tmp_path
):
    source, archive = sqlite_demo
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(archive))

    assert "every table's row count and checksum match the manifest" in result.stdout
    source_rows = sqlite_rows(Path(source.database.removeprefix("sqlite:///")))
    restored_rows = sqlite_rows(tmp_path / "restored.sqlite3")
    assert restored_rows == source_rows
    assert len(source_rows) > 50
    assert sum(map(len, source_rows.values())) > 500
    manifest = read_manifest(archive)
    assert {t: f["rows"] for t, f in manifest["tables"].items()} == {
        table: len(rows) for table, rows in source_rows.items() if table != "sqlite_sequence"
    }
    assert (target.media / STORED_FILE).read_bytes() == STORED_BYTES


def test_the_archive_is_readable_by_its_owner_only_and_lists_its_members(sqlite_demo):
    _, archive = sqlite_demo

    manifest = read_manifest(archive)

    assert archive.stat().st_mode & 0o777 == 0o600
    assert manifest["format"] == "pantau-backup"
    assert manifest["engine"] == "sqlite"
    assert ["programmes", "0001_initial"] in manifest["migrations"]
    assert set(manifest["files"]) == {"database.sqlite3", f"media/{STORED_FILE}"}
    assert manifest["files"][f"media/{STORED_FILE}"] == {
        "size": len(STORED_BYTES),
        "sha256": hashlib.sha256(STORED_BYTES).hexdigest(),
    }


def test_a_database_holding_data_is_refused_even_with_force(sqlite_demo):
    source, archive = sqlite_demo
    before = sqlite_rows(Path(source.database.removeprefix("sqlite:///")))

    result = source.run("restore", str(archive), "--force", check=False)

    assert result.returncode == 1
    assert "holds data" in result.stderr
    assert "accounts_user (4 rows)" in result.stderr
    assert sqlite_rows(Path(source.database.removeprefix("sqlite:///"))) == before


def test_a_migrated_database_is_replaced_only_when_told(sqlite_demo, tmp_path):
    _, archive = sqlite_demo
    target = empty_sqlite_site(tmp_path)
    target.run("migrate", "--noinput", "-v0")

    refused = target.run("restore", str(archive), check=False)
    forced = target.run("restore", str(archive), "--force")

    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert "--force" in refused.stderr
    assert "Restored" in forced.stdout


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "damaged"),
        (lambda data: b"not an archive at all", "not a readable backup archive"),
        (lambda data: b"", "not a readable backup archive"),
    ],
    ids=["truncated", "not-an-archive", "empty-file"],
)
def test_a_damaged_archive_is_refused_by_name_and_nothing_is_restored(
    sqlite_demo, tmp_path, damage, message
):
    _, archive = sqlite_demo
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(damage(archive.read_bytes()))
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(broken), check=False)

    assert result.returncode == 1
    assert message in result.stderr
    assert str(broken) in result.stderr
    assert "Traceback" not in result.stderr
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


def test_a_missing_archive_is_named(tmp_path):
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(tmp_path / "nowhere.tar.gz"), check=False)

    assert result.returncode == 1
    assert f"{tmp_path / 'nowhere.tar.gz'}: no such archive" in result.stderr


def test_a_changed_database_member_is_found_before_anything_is_restored(sqlite_demo, tmp_path):
    _, archive = sqlite_demo

    def flip_a_byte(name: str, data: bytes) -> bytes:
        if name != "database.sqlite3":
            return data
        return data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:]

    broken = rewritten(archive, tmp_path / "flipped.tar.gz", flip_a_byte)
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(broken), check=False)

    assert result.returncode == 1
    assert "database.sqlite3 is corrupt" in result.stderr
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


@pytest.mark.parametrize(
    ("table", "field", "message"),
    [
        ("accounts_user", "checksum", "table accounts_user: same 4 rows but different content"),
        ("programmes_output", "rows", "table programmes_output:"),
    ],
)
def test_a_tampered_manifest_fails_the_restore_naming_the_table(
    sqlite_demo, tmp_path, table, field, message
):
    _, archive = sqlite_demo

    def tamper(manifest: dict) -> None:
        figure = manifest["tables"][table]
        figure[field] = "0" * 64 if field == "checksum" else figure["rows"] + 1

    tampered = with_manifest(archive, tmp_path / "tampered.tar.gz", tamper)
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(tampered), check=False)

    assert result.returncode == 1
    assert "does not match its manifest" in result.stderr
    assert message in result.stderr
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format_version=FORMAT_VERSION + 1), "unknown backup format version 2"),
        (lambda m: m.update(format="someone-elses-backup"), "not a Pantau backup"),
        (lambda m: m.pop("tables"), "the manifest is incomplete"),
        (
            lambda m: m["migrations"].append(["programmes", "9999_from_the_future"]),
            "this code lacks its migrations programmes.9999_from_the_future",
        ),
    ],
    ids=["newer-format", "other-format", "incomplete", "unknown-migration"],
)
def test_an_archive_this_code_cannot_read_is_refused(sqlite_demo, tmp_path, edit, message):
    _, archive = sqlite_demo
    unknown = with_manifest(archive, tmp_path / "unknown.tar.gz", edit)
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(unknown), check=False)

    assert result.returncode == 1
    assert message in result.stderr
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


def test_an_unreachable_database_is_reported_without_a_traceback(tmp_path):
    if shutil.which("pg_dump") is None:
        pytest.skip("needs pg_dump (apt-get install postgresql-client)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    site = Site(database=f"postgres://pantau@127.0.0.1:{closed}/pantau", media=tmp_path / "media")

    result = site.run("backup", str(tmp_path / "never.tar.gz"), check=False)

    assert result.returncode == 1
    assert "the database of DATABASE_URL could not be used" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_stored_file_of_other_content_is_not_overwritten(sqlite_demo, tmp_path):
    _, archive = sqlite_demo
    target = empty_sqlite_site(tmp_path)
    (target.media / STORED_FILE).parent.mkdir(parents=True)
    (target.media / STORED_FILE).write_bytes(b"someone's newer upload")

    result = target.run("restore", str(archive), check=False)

    assert result.returncode == 1
    assert "already exists with other content" in result.stderr
    assert (target.media / STORED_FILE).read_bytes() == b"someone's newer upload"
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


def test_backup_refuses_to_overwrite_an_archive(sqlite_demo):
    source, archive = sqlite_demo
    before = archive.read_bytes()

    result = source.run("backup", str(archive), check=False)

    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert archive.read_bytes() == before


def test_an_archive_that_fails_half_way_leaves_no_file_behind(tmp_path):
    manifest = Manifest(
        created_at="2017-01-01T00:00:00+00:00",
        engine="sqlite",
        database={},
        migrations=[],
        tables={},
        files={"database.sqlite3": Member(size=1, sha256="0" * 64)},
    )
    (tmp_path / "dump").write_bytes(b"x")
    members = {"database.sqlite3": tmp_path / "dump", "media/gone": tmp_path / "vanished"}

    with pytest.raises(FileNotFoundError):
        archive_write(path=tmp_path / "backup.tar.gz", manifest=manifest, members=members)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["dump"]


def test_a_manifest_survives_its_own_json(tmp_path):
    manifest = Manifest(
        created_at="2017-01-01T00:00:00+00:00",
        engine="postgresql",
        database={"server": "PostgreSQL 15.8"},
        migrations=[["core", "0001_initial"]],
        tables={"core_outboxevent": TableFigure(rows=3, checksum="ab" * 32)},
        files={"database.pgdump": Member(size=10, sha256="cd" * 32)},
    )
    archive = tmp_path / "a.tar.gz"
    (tmp_path / "dump").write_bytes(b"0123456789")
    archive_write(path=archive, manifest=manifest, members={"database.pgdump": tmp_path / "dump"})

    with archive_open(archive) as (read, _):
        assert read == manifest


def test_an_archive_naming_a_file_outside_the_media_folder_is_refused(sqlite_demo, tmp_path):
    _, archive = sqlite_demo

    def escape(manifest: dict) -> None:
        manifest["files"]["media/../../escaped.txt"] = {"size": 1, "sha256": "0" * 64}

    hostile = with_manifest(archive, tmp_path / "hostile.tar.gz", escape)
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(hostile), check=False)

    assert result.returncode == 1
    assert "outside the media folder" in result.stderr
    assert not (tmp_path.parent / "escaped.txt").exists()


# --- the figures themselves ------------------------------------------------------------------


def test_canonical_values_do_not_depend_on_the_session_time_zone():
    from datetime import UTC, datetime, timedelta, timezone
    from decimal import Decimal

    jakarta = datetime(2017, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=7)))

    assert canonical(jakarta) == canonical(datetime(2017, 1, 1, 0, 0, tzinfo=UTC))
    assert canonical(Decimal("0.50")) != canonical(Decimal("0.5"))
    assert canonical(memoryview(b"\x00\xff")) == "bytes:00ff"
    assert canonical({"b": 1, "a": [Decimal("1")]}) == {"a": ["decimal:1"], "b": 1}
    with pytest.raises(TypeError):
        canonical(object())


def test_figure_differences_name_missing_extra_and_changed_tables():
    same, other = TableFigure(rows=2, checksum="a"), TableFigure(rows=2, checksum="b")

    differences = figure_differences(
        {"kept": same, "changed": same, "shrunk": same, "lost": same},
        {"kept": same, "changed": other, "shrunk": TableFigure(rows=1, checksum="a"), "new": same},
    )

    assert differences == [
        "table lost is missing",
        "table new is not in the backup",
        "table changed: same 2 rows but different content",
        "table shrunk: 1 rows, the backup had 2",
    ]


# --- PostgreSQL ------------------------------------------------------------------------------


def postgresql_server() -> dict:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for the pg_dump round trip: set DATABASE_URL=postgres://…")
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("needs pg_dump and pg_restore (apt-get install postgresql-client)")
    return connection.settings_dict


def postgresql_url(settings: dict, name: str) -> str:
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


class Databases:
    """PostgreSQL databases of the test's own, on the suite's server, dropped at the end."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self.prefix = f"{settings['NAME']}_backup_{os.getpid()}"
        self.made: list[str] = []

    def _admin(self, sql: str) -> None:
        params = {"user": self.settings["USER"], "password": self.settings["PASSWORD"] or None}
        params |= {
            "host": self.settings["HOST"] or "127.0.0.1",
            "port": self.settings["PORT"] or 5432,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(sql)

    def create(self, role: str) -> str:
        name = f"{self.prefix}_{role}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return postgresql_url(self.settings, name)

    def drop_all(self) -> None:
        for name in self.made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgresql_rows(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and the MD5 of its rows in the server's own text form, sorted."""
    with psycopg.connect(url) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        figures = {}
        for table in tables:
            count, digest = database.execute(
                "SELECT count(*), md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) "
                f'FROM "{table}" AS r'
            ).fetchone()
            figures[table] = (count, digest)
        return figures


@dataclass
class PostgreSQLDemo:
    """The demo's archive and the source database's figures, read before it was dropped."""

    archive: Path
    source_rows: dict[str, tuple[int, str]]
    databases: Databases


@pytest.fixture(scope="module")
def postgresql_demo(tmp_path_factory) -> Iterator[PostgreSQLDemo]:
    """The demo seeded into a PostgreSQL database with one stored file, backed up."""
    settings = postgresql_server()

    def build(folder: Path) -> None:
        databases = Databases(settings)
        try:
            source = Site(database=databases.create("source"), media=folder / "media")
            seed_demo(source.database, source.media)
            source.run("backup", str(folder / "demo.tar.gz"))
            (folder / "source.json").write_text(json.dumps(postgresql_rows(source.database)))
        finally:
            databases.drop_all()

    folder = made_once(tmp_path_factory, "postgresql-demo", build)
    rows = json.loads((folder / "source.json").read_text())
    databases = Databases(settings)
    try:
        yield PostgreSQLDemo(
            archive=folder / "demo.tar.gz",
            source_rows={table: (count, digest) for table, (count, digest) in rows.items()},
            databases=databases,
        )
    finally:
        databases.drop_all()


def test_a_postgresql_backup_restores_into_an_empty_database_with_every_table_equal(
    postgresql_demo, tmp_path
):
    demo = postgresql_demo
    target = Site(database=demo.databases.create("restored"), media=tmp_path / "media")

    result = target.run("restore", str(demo.archive))

    assert "every table's row count and checksum match the manifest" in result.stdout
    assert postgresql_rows(target.database) == demo.source_rows
    assert len(demo.source_rows) > 50
    assert sum(count for count, _ in demo.source_rows.values()) > 500
    manifest = read_manifest(demo.archive)
    assert manifest["engine"] == "postgresql"
    assert {t: f["rows"] for t, f in manifest["tables"].items()} == {
        table: count for table, (count, _) in demo.source_rows.items()
    }
    assert (target.media / STORED_FILE).read_bytes() == STORED_BYTES


def test_a_postgresql_database_holding_data_is_refused(postgresql_demo, tmp_path):
    demo = postgresql_demo
    target = Site(database=demo.databases.create("twice"), media=tmp_path / "media")
    target.run("restore", str(demo.archive))
    before = postgresql_rows(target.database)

    result = target.run("restore", str(demo.archive), "--force", check=False)

    assert result.returncode == 1
    assert "holds data" in result.stderr
    assert postgresql_rows(target.database) == before


def test_a_tampered_manifest_fails_the_postgresql_restore_and_leaves_the_database_empty(
    postgresql_demo, tmp_path
):
    def tamper(manifest: dict) -> None:
        manifest["tables"]["programmes_programme"]["checksum"] = "0" * 64

    tampered = with_manifest(postgresql_demo.archive, tmp_path / "tampered.tar.gz", tamper)
    target = Site(database=postgresql_demo.databases.create("tampered"), media=tmp_path / "media")

    result = target.run("restore", str(tampered), check=False)

    assert result.returncode == 1
    assert "does not match the archive's manifest, so it was emptied again" in result.stderr
    assert "table programmes_programme: same 1 rows but different content" in result.stderr
    assert postgresql_rows(target.database) == {}
    assert not (target.media / STORED_FILE).exists()


def test_an_archive_of_another_engine_is_refused(postgresql_demo, tmp_path):
    target = empty_sqlite_site(tmp_path)

    result = target.run("restore", str(postgresql_demo.archive), check=False)

    assert result.returncode == 1
    assert "holds a PostgreSQL database, but the target database is SQLite" in result.stderr
    assert sqlite_rows(tmp_path / "restored.sqlite3") == {}


def test_backup_without_pg_dump_names_the_missing_program_and_writes_nothing(
    postgresql_demo, tmp_path
):
    source = Site(database=postgresql_demo.databases.create("nopgdump"), media=tmp_path / "media")
    archive = tmp_path / "never.tar.gz"
    without_postgresql_programs = str(Path(sys.executable).parent)

    result = source.run("backup", str(archive), check=False, PATH=without_postgresql_programs)

    assert result.returncode == 1
    assert "pg_dump is not installed" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_describes_exactly_the_rows_it_dumped_while_others_write(
    monkeypatch, tmp_path
):
    settings = postgresql_server()
    from apps.core.backup import engines
    from apps.core.backup.services import backup_create

    real_run = engines._run

    def a_write_lands_just_before_pg_dump_starts(command, environment, what):
        if what == "pg_dump":
            with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
                other.execute(
                    "INSERT INTO django_content_type (app_label, model) VALUES ('late', 'write')"
                )
        return real_run(command, environment, what)

    monkeypatch.setattr(engines, "_run", a_write_lands_just_before_pg_dump_starts)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_content_type")
        before = cursor.fetchone()[0]
    archive = tmp_path / "busy.tar.gz"

    backup_create(archive=archive)

    assert read_manifest(archive)["tables"]["django_content_type"]["rows"] == before
    databases = Databases(settings)
    try:
        target = Site(database=databases.create("busy"), media=tmp_path / "media")
        restored = target.run("restore", str(archive))
        assert "match the manifest" in restored.stdout
        with psycopg.connect(target.database) as database:
            late = database.execute(
                "SELECT count(*) FROM django_content_type WHERE app_label = 'late'"
            ).fetchone()[0]
        assert late == 0
    finally:
        databases.drop_all()
