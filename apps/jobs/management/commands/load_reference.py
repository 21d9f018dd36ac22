"""manage.py load_reference: the obstacle-cause taxonomy and the Indonesia programme."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.jobs.reference import load_reference


class Command(BaseCommand):
    help = (
        "Load the obstacle-cause taxonomy and the UNODC Country Programme for Indonesia "
        "2017-2020 with its sources. Safe to run again: only differences are written."
    )

    def handle(self, *args, **options) -> None:
        programme, report = load_reference()
        for line in report.lines():
            self.stdout.write(line)
        verdict = "changes written" if report.changed_anything else "already up to date"
        self.stdout.write(self.style.SUCCESS(f"Reference data for {programme.code}: {verdict}."))
