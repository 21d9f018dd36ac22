"""manage.py backup and restore on SQLite (issue 9): the demo survives a round trip with every
table equal, and every bad input is refused by name without harm; and the figures themselves.

The commands run in subprocesses with their own DATABASE_URL and MEDIA_ROOT, as an operator runs
them (tests/core/backups.py). Tables are compared independently of the commands' checksums.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import pytest

from apps.core.backup.archive import (
    FORMAT_VERSION,
    Manifest,
    Member,
    archive_open,
    archive_write,
)
from apps.core.backup.figures import TableFigure, canonical, figure_differences
from tests.core.backups import (
    STORED_BYTES,
    STORED_FILE,
    Site,
    build_sqlite_demo,
    empty_sqlite_site,
    made_once,
    read_manifest,
    rewritten,
    sqlite_rows,
    with_manifest,
)


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory) -> tuple[Site, Path]:
    """The demo on a SQLite file with one stored file, and its backup archive."""
    folder = made_once(tmp_path_factory, "sqlite-demo", build_sqlite_demo)
    site = Site(database=f"sqlite:///{folder / 'source.sqlite3'}", media=folder / "media")
    return site, folder / "demo.tar.gz"


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
