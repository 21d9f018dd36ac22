"""manage.py require_totp: make two-factor sign-in (TOTP) mandatory for staff, or optional."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.accounts.models import User
from apps.accounts.selectors import staff_totp_required
from apps.accounts.services import staff_totp_require


class Command(BaseCommand):
    help = (
        "Require a TOTP code from staff at sign-in (--staff on) or make it optional again "
        "(--staff off); without --staff, print the current rule. Staff without an authenticator "
        "app are sent to enrolment and reach no other page until they have one. Takes effect at "
        "once, without a restart. API tokens are not affected."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--staff", choices=["on", "off"], help="Require TOTP for staff.")

    def handle(self, *args, **options) -> None:
        if options["staff"] is not None:
            staff_totp_require(required=options["staff"] == "on")
        required = staff_totp_required()
        self.stdout.write(f"TOTP for staff: {'required' if required else 'optional'}.")
        if required:
            missing = list(
                User.objects.filter(is_staff=True, is_active=True)
                .exclude(totpdevice__confirmed=True)
                .values_list("username", flat=True)
            )
            if missing:
                self.stdout.write(
                    self.style.WARNING(
                        f"Staff without an authenticator app (sent to enrolment at their next "
                        f"page): {', '.join(missing)}."
                    )
                )
