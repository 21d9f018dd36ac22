"""manage.py backup ARCHIVE: the database and the stored files in one verifiable archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import Error as DatabaseError

from apps.core.backup.archive import BackupError
from apps.core.backup.services import backup_create


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump custom format, or a SQLite copy), the stored files under "
        "MEDIA_ROOT and a manifest of every table's row count and checksum to a new .tar.gz "
        "archive. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive to create (must not exist)")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            report = backup_create(archive=archive)
        except BackupError as error:
            raise CommandError(f"backup failed: {error}") from None
        except DatabaseError as error:
            raise CommandError(
                f"backup failed: the database of DATABASE_URL could not be used: {error}"
            ) from None
        self.stdout.write(
            f"Backed up {report.tables} tables ({report.rows} rows) and {report.files} stored "
            f"files to {report.archive} ({report.size} bytes) in {report.seconds:.2f} s."
        )
