"""manage.py create_api_token: issue a personal API token from the command line."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.accounts.services import API_TOKEN_MAX_DAYS, API_TOKEN_MIN_DAYS, api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a user and print it. The token is shown this once: only its "
        "hash is stored. Read-only unless --read-write is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", required=True, help="Username of the token's owner.")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. 'ci'.")
        parser.add_argument(
            "--read-write",
            action="store_true",
            help="Let the token write as well as read (within its user's roles).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help=f"Days until the token expires ({API_TOKEN_MIN_DAYS}-{API_TOKEN_MAX_DAYS}, "
            "default 90).",
        )

    def handle(self, *args, **options) -> None:
        username = options["user"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            token, plaintext = api_token_create(
                user=user,
                name=options["name"],
                read_only=not options["read_write"],
                expires_in_days=options["days"],
            )
        except ValidationError as error:
            raise CommandError(_describe(error)) from error
        scope = "read-only" if token.read_only else "read-write"
        expires = timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M %Z")
        self.stdout.write(f"API token {token.name!r} for {user.username} ({scope}):")
        self.stdout.write(plaintext)
        self.stdout.write(f"Expires {expires}.")
        self.stdout.write(
            self.style.WARNING("Store it now: it is not stored and cannot be shown again.")
        )


def _describe(error: ValidationError) -> str:
    options = {"expires_in_days": "--days", "name": "--name", "user": "--user"}
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        f"{options.get(field, field)}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )
