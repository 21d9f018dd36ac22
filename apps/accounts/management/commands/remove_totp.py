"""manage.py remove_totp: turn a user's two-factor sign-in off, e.g. after a lost phone."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.accounts.services import totp_devices_remove


class Command(BaseCommand):
    help = (
        "Delete a user's authenticator app (TOTP device), for a user who lost it. They then "
        "log in with the password alone; while TOTP is required for staff, a staff user is sent "
        "to enrolment again at once. Staff can do the same in the admin (TOTP devices)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", required=True, help="Username whose device goes.")

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}.")
        removed = totp_devices_remove(user=user)
        if removed:
            self.stdout.write(f"Two-factor sign-in is off for {user.username}.")
        else:
            self.stdout.write(f"{user.username} had no authenticator app.")
