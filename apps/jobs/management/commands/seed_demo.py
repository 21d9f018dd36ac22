"""manage.py seed_demo: demo users (one per role) and illustrative data."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.jobs.demo import DEMO_PASSWORD, seed_demo
from apps.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Create demo users (analyst, manager, viewer, admin) with roles in the reference "
        "programme, plus illustrative assessments, obstacles and stakeholder positions. "
        "Run load_reference first. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--programme", default="IDN-CP-2017", help="Programme code.")

    def handle(self, *args, **options) -> None:
        if not Programme.objects.filter(code=options["programme"]).exists():
            raise CommandError(
                f"Programme {options['programme']} not found: run `manage.py load_reference` first."
            )
        accounts, report = seed_demo(programme_code=options["programme"])
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo users (all illustrative data is labelled so):"))
        for demo, user in accounts:
            role = demo.role or "staff (administers everything)"
            self.stdout.write(f"  {user.username:<8} password {DEMO_PASSWORD}  role: {role}")
