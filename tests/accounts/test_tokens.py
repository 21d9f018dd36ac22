"""Personal API tokens: the format, hashing at rest, the services, the selectors, the command.

DESIGN section 5: tokens are per user, named, hashed at rest, shown once, expiring, revocable,
read-only or read-write, and never have more rights than their user.
"""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.selectors import api_token_authenticate, api_tokens_of
from apps.accounts.services import api_token_create, api_token_revoke, api_token_touch
from apps.accounts.tokens import generate_token, hash_token, parse_prefix
from tests.factories import UserFactory
from tests.query_counts import RecordQueries

TOKEN = re.compile(r"pantau_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")
SECONDS = timedelta(seconds=5)


# The format, pure (no database).


def test_a_generated_token_is_pantau_prefix_secret_and_its_prefix_parses_back():
    token, prefix = generate_token()
    assert TOKEN.fullmatch(token)
    assert token.startswith(f"pantau_{prefix}_")
    assert parse_prefix(token) == prefix


def test_generated_tokens_differ_every_time():
    assert len({generate_token()[0] for _ in range(200)}) == 200


def test_a_token_hashes_to_the_sha256_hex_of_the_whole_string():
    assert hash_token("pantau_0123456789ab_secret") == (
        "c9c8200be6e63bdf0b18afefced1fa3c0fff06e65c3d85508e74f223cb6d7d64"
    )


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "pantau",
        "pantau__",
        "token_0123456789ab_" + "a" * 43,
        "pantau_0123456789AB_" + "a" * 43,  # the prefix is lower-case hex
        "pantau_0123456789a_" + "a" * 43,  # prefix too short
        "pantau_0123456789ab_" + "a" * 42,  # secret too short
        "pantau_0123456789ab_" + "a" * 44,  # secret too long
        "pantau_0123456789ab_" + "a" * 42 + "=",
        "pantau_0123456789ab_" + "a" * 43 + "\n",
        " pantau_0123456789ab_" + "a" * 43,
        None,
        42,
    ],
)
def test_a_malformed_token_has_no_prefix(malformed):
    assert parse_prefix(malformed) is None


# Creation and hashing at rest.


def test_creation_returns_the_plaintext_once_and_stores_only_its_prefix_and_hash(alice):
    token, plaintext = api_token_create(user=alice, name="ci")
    secret = plaintext.split("_", 2)[2]
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert plaintext not in stored
    assert secret not in stored
    assert row["prefix"] == parse_prefix(plaintext)
    assert row["key_hash"] == hash_token(plaintext)


def test_history_of_a_token_keeps_neither_the_plaintext_nor_the_hash(alice):
    token, plaintext = api_token_create(user=alice, name="ci", actor=alice)
    api_token_revoke(token=token, actor=alice)
    rows = list(ApiToken.history.filter(id=token.pk).values())
    assert [row["history_type"] for row in rows] == ["~", "+"]
    assert all(row["history_user_id"] == alice.pk for row in rows)
    assert all("key_hash" not in row for row in rows)
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert plaintext.split("_", 2)[2] not in stored
    assert token.key_hash not in stored


def test_a_new_token_is_read_only_and_expires_in_90_days_unless_told_otherwise(alice):
    before = timezone.now()
    token, _ = api_token_create(user=alice, name="ci")
    assert token.read_only is True
    assert token.user == alice
    assert before + timedelta(days=90) <= token.expires_at <= timezone.now() + timedelta(days=90)
    assert token.is_active and not token.is_expired
    assert token.last_used_at is None and token.revoked_at is None


def test_a_read_write_token_can_be_asked_for(alice):
    token, _ = api_token_create(user=alice, name="sync", read_only=False, expires_in_days=7)
    assert token.read_only is False
    assert token.expires_at - token.created_at == pytest.approx(timedelta(days=7), abs=SECONDS)


@pytest.mark.parametrize("days", [0, -1, 366, 10_000, True, "30", 1.5, None])
def test_expiry_outside_one_to_365_days_is_refused_naming_expires_in_days(alice, days):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=alice, name="ci", expires_in_days=days)
    assert set(refused.value.message_dict) == {"expires_in_days"}
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", [1, 365])
def test_expiry_of_one_and_of_365_days_is_accepted(alice, days):
    token, _ = api_token_create(user=alice, name="ci", expires_in_days=days)
    assert token.expires_at - token.created_at == pytest.approx(timedelta(days=days), abs=SECONDS)


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_blank_name_is_refused_naming_name(alice, name):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=alice, name=name)
    assert set(refused.value.message_dict) == {"name"}


def test_a_name_longer_than_100_characters_is_refused_naming_name(alice):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=alice, name="x" * 101)
    assert "name" in refused.value.message_dict


def test_the_name_is_stored_without_surrounding_spaces(alice):
    token, _ = api_token_create(user=alice, name="  ci  ")
    assert token.name == "ci"


def test_a_second_working_token_with_the_same_name_is_refused_naming_name(alice):
    api_token_create(user=alice, name="ci")
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=alice, name=" ci ")
    assert set(refused.value.message_dict) == {"name"}
    assert ApiToken.objects.count() == 1


def test_another_user_may_use_the_same_name(alice, bob):
    api_token_create(user=alice, name="ci")
    token, _ = api_token_create(user=bob, name="ci")
    assert token.user == bob


def test_the_name_of_a_revoked_token_can_be_used_again(alice):
    old, _ = api_token_create(user=alice, name="ci")
    api_token_revoke(token=old)
    new, _ = api_token_create(user=alice, name="ci")
    assert new.pk != old.pk


def test_the_name_of_an_expired_token_can_be_used_again_and_the_expired_one_is_revoked(alice):
    old, _ = api_token_create(user=alice, name="ci")
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    new, _ = api_token_create(user=alice, name="ci")
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_active


def test_the_database_refuses_two_working_tokens_with_one_name_even_past_the_service(alice):
    token, _ = api_token_create(user=alice, name="ci")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            user=alice,
            name="ci",
            prefix="0123456789ab",
            key_hash="0" * 64,
            expires_at=token.expires_at,
        )


def test_an_inactive_user_is_given_no_token(db):
    ines = UserFactory(username="ines", is_active=False)
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=ines, name="ci")
    assert "user" in refused.value.message_dict


def test_nobody_but_the_owner_or_staff_creates_or_revokes_a_users_token(alice, bob):
    with pytest.raises(PermissionDenied):
        api_token_create(user=alice, name="ci", actor=bob)
    token, _ = api_token_create(user=alice, name="ci", actor=alice)
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=bob)
    staff = UserFactory(username="sam", is_staff=True)
    assert api_token_revoke(token=token, actor=staff).revoked_at is not None


# Revocation.


def test_revoking_is_idempotent_and_keeps_the_first_revocation_time(alice):
    token, _ = api_token_create(user=alice, name="ci")
    first = api_token_revoke(token=token, actor=alice)
    second = api_token_revoke(token=token, actor=alice)
    assert first.revoked_at is not None
    assert second.revoked_at == first.revoked_at
    assert ApiToken.history.filter(id=token.pk).count() == 2  # created, revoked once
    assert not second.is_active


# Authentication by the selector.


def test_a_working_token_authenticates_to_its_token_and_user(alice):
    token, plaintext = api_token_create(user=alice, name="ci")
    found = api_token_authenticate(token=plaintext)
    assert found == token
    assert found.user == alice


def test_an_expired_token_does_not_authenticate(alice):
    token, plaintext = api_token_create(user=alice, name="ci", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert api_token_authenticate(token=plaintext) is None


def test_a_revoked_token_does_not_authenticate(alice):
    token, plaintext = api_token_create(user=alice, name="ci")
    api_token_revoke(token=token)
    assert api_token_authenticate(token=plaintext) is None


def test_a_token_of_a_deactivated_user_does_not_authenticate(alice):
    _, plaintext = api_token_create(user=alice, name="ci")
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert api_token_authenticate(token=plaintext) is None


def test_a_token_with_a_known_prefix_but_a_wrong_secret_does_not_authenticate(alice):
    token, plaintext = api_token_create(user=alice, name="ci")
    forged = f"pantau_{token.prefix}_{'A' * 43}"
    assert forged != plaintext
    assert api_token_authenticate(token=forged) is None


@pytest.mark.parametrize("presented", ["", "garbage", "pantau_x_y", None])
def test_a_malformed_token_does_not_authenticate_and_costs_no_query(db, presented):
    with RecordQueries(connection) as queries:
        assert api_token_authenticate(token=presented) is None
    assert len(queries) == 0


def test_an_unknown_well_formed_token_does_not_authenticate(alice):
    api_token_create(user=alice, name="ci")
    unknown, _ = generate_token()
    assert api_token_authenticate(token=unknown) is None


def test_a_user_lists_only_their_own_tokens_newest_first(alice, bob):
    first, _ = api_token_create(user=alice, name="first")
    second, _ = api_token_create(user=alice, name="second")
    api_token_create(user=bob, name="bobs")
    ApiToken.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert list(api_tokens_of(user=alice)) == [second, first]


def test_a_signed_out_visitor_has_no_tokens(alice):
    api_token_create(user=alice, name="ci")
    assert list(api_tokens_of(user=AnonymousUser())) == []


# Last use, throttled.


def test_the_first_use_records_last_used_with_one_update(alice):
    token, _ = api_token_create(user=alice, name="ci")
    now = timezone.now()
    # Every query: RecordQueries leaves this very write out.
    with CaptureQueriesContext(connection) as queries:
        api_token_touch(token=token, now=now)
    assert [query["sql"].split()[0] for query in queries] == ["UPDATE"]
    token.refresh_from_db()
    assert token.last_used_at == now


def test_a_use_within_60_seconds_of_the_last_writes_nothing(alice):
    token, _ = api_token_create(user=alice, name="ci")
    now = timezone.now()
    api_token_touch(token=token, now=now)
    with RecordQueries(connection) as queries:
        api_token_touch(token=token, now=now + timedelta(seconds=59))
    assert len(queries) == 0
    token.refresh_from_db()
    assert token.last_used_at == now


def test_a_use_60_seconds_or_more_after_the_last_is_recorded(alice):
    token, _ = api_token_create(user=alice, name="ci")
    now = timezone.now()
    api_token_touch(token=token, now=now)
    api_token_touch(token=token, now=now + timedelta(seconds=60))
    token.refresh_from_db()
    assert token.last_used_at == now + timedelta(seconds=60)


def test_a_stale_copy_of_the_token_does_not_move_last_used_back_or_write_twice(alice):
    token, _ = api_token_create(user=alice, name="ci")
    stale = ApiToken.objects.get(pk=token.pk)
    now = timezone.now()
    api_token_touch(token=token, now=now)
    api_token_touch(token=stale, now=now + timedelta(seconds=1))
    token.refresh_from_db()
    assert token.last_used_at == now


def test_recording_use_neither_changes_updated_at_nor_adds_history(alice):
    token, _ = api_token_create(user=alice, name="ci")
    api_token_touch(token=token)
    fresh = ApiToken.objects.get(pk=token.pk)
    assert fresh.updated_at == token.updated_at
    assert ApiToken.history.filter(id=token.pk).count() == 1


# The command.


def _run(*args: str) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_working_read_only_token_with_its_expiry(alice):
    output = _run("--user", "alice", "--name", "ci", "--days", "30")
    plaintext = TOKEN.search(output)[0]
    token = api_token_authenticate(token=plaintext)
    assert token is not None and token.user == alice and token.read_only
    assert "read-only" in output
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in output
    assert "cannot be shown again" in output


def test_the_command_gives_a_read_write_token_when_asked(alice):
    output = _run("--user", "alice", "--name", "sync", "--read-write")
    token = api_token_authenticate(token=TOKEN.search(output)[0])
    assert token.read_only is False
    assert "read-write" in output


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        _run("--user", "nobody", "--name", "ci")


def test_the_command_refuses_an_expiry_out_of_bounds_naming_the_option(alice):
    with pytest.raises(CommandError, match="--days"):
        _run("--user", "alice", "--name", "ci", "--days", "400")
    assert not ApiToken.objects.exists()


def test_the_command_refuses_a_duplicate_name_naming_the_option(alice):
    _run("--user", "alice", "--name", "ci")
    with pytest.raises(CommandError, match="--name"):
        _run("--user", "alice", "--name", "ci")
