"""The API token format, pure: `pantau_<prefix>_<secret>`, and how a token is hashed at rest.

The prefix (12 hex characters) is public and finds the row; the secret (32 random bytes,
URL-safe base64) is what proves possession. A token carries 256 bits of randomness, so a plain
SHA-256 is enough to store it: a slow password hash only helps against guessable secrets.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.utils.crypto import salted_hmac

TOKEN_PREFIX = "pantau"
PREFIX_BYTES = 6
SECRET_BYTES = 32

_TOKEN_PATTERN = re.compile(
    rf"{TOKEN_PREFIX}_(?P<prefix>[0-9a-f]{{{PREFIX_BYTES * 2}}})_[A-Za-z0-9_-]{{43}}"
)


def generate_token() -> tuple[str, str]:
    """A new token and its prefix: (`pantau_<prefix>_<secret>`, `<prefix>`)."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return f"{TOKEN_PREFIX}_{prefix}_{secret}", prefix


def hash_token(token: str) -> str:
    """The SHA-256 hex digest of the whole token string, as stored in `ApiToken.key_hash`."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def password_stamp(password_hash: str) -> str:
    """A fingerprint of a user's password hash: a token made under another password is refused.

    Keyed with SECRET_KEY, so the stored fingerprint tells nothing about the password.
    """
    return salted_hmac("pantau.api-token.password", password_hash, algorithm="sha256").hexdigest()


def parse_prefix(token: str) -> str | None:
    """The prefix of a well-formed token, or None when the string is not a Pantau token."""
    if not isinstance(token, str):
        return None
    match = _TOKEN_PATTERN.fullmatch(token)
    return match["prefix"] if match else None
