"""manage.py restore ARCHIVE: an archive of `manage.py backup` back into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import Error as DatabaseError

from apps.core.backup.archive import BackupError
from apps.core.backup.services import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into the database of DATABASE_URL, which "
        "must be empty, and the stored files into MEDIA_ROOT; then check every table's row "
        "count and checksum against the archive's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="an archive made by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "replace the tables of a database that holds no data (e.g. one that has only "
                "been migrated); a database holding data is never overwritten"
            ),
        )

    def handle(self, *args: Any, archive: Path, force: bool, **options: Any) -> None:
        try:
            report = backup_restore(archive=archive, force=force)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from None
        except DatabaseError as error:
            raise CommandError(
                f"restore failed: the database of DATABASE_URL could not be used: {error}"
            ) from None
        self.stdout.write(
            f"Restored {report.tables} tables ({report.rows} rows) and {report.files} stored "
            f"files from {archive} in {report.seconds:.2f} s; every table's row count and "
            "checksum match the manifest."
        )
        if report.pending_migrations:
            self.stdout.write(
                f"{len(report.pending_migrations)} migrations of this code are not applied yet "
                "(e.g. " + ", ".join(report.pending_migrations[:3]) + "): run `manage.py migrate`."
            )
