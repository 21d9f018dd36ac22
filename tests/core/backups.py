"""What the backup tests share: running manage.py as an operator does (its own DATABASE_URL and
MEDIA_ROOT), archives rewritten on purpose, the demo built once per test run, and the
independent reading of every table (SQLite rows by value, PostgreSQL rows by the server's own
text form of each row).
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

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


def empty_sqlite_site(folder: Path) -> Site:
    return Site(database=f"sqlite:///{folder / 'restored.sqlite3'}", media=folder / "media")


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
