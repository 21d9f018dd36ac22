"""manage.py backup and restore on PostgreSQL (issue 9): pg_dump and pg_restore round trip the
demo with every table equal, compared by the server's own text form of each row; refusals; and
a backup taken while others write describes exactly what it dumped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.core.backups import (
    STORED_BYTES,
    STORED_FILE,
    Databases,
    PostgreSQLDemo,
    Site,
    empty_sqlite_site,
    made_once,
    postgresql_rows,
    postgresql_server,
    read_manifest,
    seed_demo,
    sqlite_rows,
    with_manifest,
)


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
