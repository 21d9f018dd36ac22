"""Who may read or write what (apps.accounts.selectors) and how roles are given (services).

DESIGN section 5: analysts read and write their programme, managers and viewers read it, staff
administer everything, and a user sees nothing of a programme they hold no role in.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from apps.accounts.models import Membership, User
from apps.accounts.selectors import (
    can_read_programme,
    can_write_programme,
    can_write_shared_records,
    programme_role,
    programmes_readable_by,
    programmes_writable_by,
)
from apps.accounts.services import membership_remove, membership_set, user_create
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def other_programme(db):
    return ProgrammeFactory()


@pytest.fixture
def vera(programme):
    """Vera is a viewer of the programme: she reads it only."""
    user = UserFactory(username="vera")
    MembershipFactory(user=user, programme=programme, role="viewer")
    return user


@pytest.fixture
def dave(other_programme):
    """Dave is an analyst of another programme: he edits shared records but not ours."""
    user = UserFactory(username="dave")
    MembershipFactory(user=user, programme=other_programme, role="analyst")
    return user


@pytest.fixture
def ines(programme):
    """Ines was an analyst of the programme, but her account is deactivated."""
    user = UserFactory(username="ines", is_active=False)
    MembershipFactory(user=user, programme=programme, role="analyst")
    return user


@pytest.fixture
def sam(db):
    """Sam is staff, with no membership anywhere."""
    return UserFactory(username="sam", is_staff=True)


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


# Expected rights on `programme` per actor: (role, reads, writes, writes shared records).
RIGHTS = {
    "anonymous": (None, False, False, False),
    "ines": (None, False, False, False),
    "vera": ("viewer", True, False, False),
    "bob": ("manager", True, False, False),
    "alice": ("analyst", True, True, True),
    "dave": (None, False, False, True),
    "sam": (None, True, True, True),
    "charlie": (None, False, False, False),
}


@pytest.mark.parametrize("name", RIGHTS)
def test_role_and_rights_on_the_programme(request, programme, other_programme, name):
    user = request.getfixturevalue(name)
    role, reads, writes, writes_shared = RIGHTS[name]

    assert programme_role(user=user, programme=programme) == role
    assert can_read_programme(user=user, programme=programme) is reads
    assert can_write_programme(user=user, programme=programme) is writes
    assert can_write_shared_records(user=user) is writes_shared
    assert (programme in programmes_readable_by(user=user)) is reads
    assert (programme in programmes_writable_by(user=user)) is writes


def test_anonymous_reads_and_writes_nothing(anonymous, programme):
    assert list(programmes_readable_by(user=anonymous)) == []
    assert list(programmes_writable_by(user=anonymous)) == []


def test_none_as_user_is_treated_as_signed_out(programme):
    assert list(programmes_readable_by(user=None)) == []
    assert programme_role(user=None, programme=programme) is None
    assert can_read_programme(user=None, programme=programme) is False
    assert can_write_shared_records(user=None) is False


def test_deactivated_analyst_keeps_the_membership_but_loses_every_right(ines, programme):
    assert Membership.objects.filter(user=ines, programme=programme, role="analyst").exists()
    assert list(programmes_readable_by(user=ines)) == []
    assert list(programmes_writable_by(user=ines)) == []


def test_deactivated_staff_loses_every_right(programme):
    former = UserFactory(username="former", is_staff=True, is_active=False)

    assert list(programmes_readable_by(user=former)) == []
    assert can_write_programme(user=former, programme=programme) is False
    assert can_write_shared_records(user=former) is False


def test_viewer_and_manager_read_but_write_nothing(vera, bob, programme):
    for user in (vera, bob):
        assert list(programmes_readable_by(user=user)) == [programme]
        assert list(programmes_writable_by(user=user)) == []


def test_analyst_of_another_programme_reads_and_writes_only_that_one(
    dave, programme, other_programme
):
    assert list(programmes_readable_by(user=dave)) == [other_programme]
    assert list(programmes_writable_by(user=dave)) == [other_programme]
    assert programme_role(user=dave, programme=other_programme) == "analyst"
    assert can_read_programme(user=dave, programme=programme) is False


def test_staff_reads_and_writes_every_programme(sam, programme, other_programme):
    assert set(programmes_readable_by(user=sam)) == {programme, other_programme}
    assert set(programmes_writable_by(user=sam)) == {programme, other_programme}


def test_analyst_of_two_programmes_gets_each_once(alice, programme, other_programme):
    MembershipFactory(user=alice, programme=other_programme, role="viewer")

    readable = list(programmes_readable_by(user=alice))

    assert sorted(p.code for p in readable) == sorted([programme.code, other_programme.code])
    assert list(programmes_writable_by(user=alice)) == [programme]


def test_another_users_membership_does_not_leak(alice, charlie, programme):
    # Alice's role must not make the programme visible to Charlie through the join.
    assert list(programmes_readable_by(user=charlie)) == []
    assert programme_role(user=charlie, programme=programme) is None


# --------------------------------------------------------------------------------------------
# membership_set / membership_remove
# --------------------------------------------------------------------------------------------


def test_membership_set_gives_a_role(programme, charlie, sam):
    membership = membership_set(user=charlie, programme=programme, role="viewer", actor=sam)

    assert programme_role(user=charlie, programme=programme) == "viewer"
    assert can_read_programme(user=charlie, programme=programme) is True
    assert membership.history.first().history_user == sam


def test_membership_set_replaces_the_role_keeping_one_membership(programme, bob, sam):
    membership_set(user=bob, programme=programme, role="analyst", actor=sam)

    memberships = Membership.objects.filter(user=bob, programme=programme)
    assert memberships.count() == 1
    assert memberships.get().role == "analyst"
    assert can_write_programme(user=bob, programme=programme) is True
    assert memberships.get().history.first().history_user == sam


def test_membership_set_to_the_same_role_writes_nothing(programme, alice):
    membership = Membership.objects.get(user=alice, programme=programme)
    history_rows = membership.history.count()

    again = membership_set(user=alice, programme=programme, role="analyst")

    assert again.pk == membership.pk
    assert again.history.count() == history_rows


def test_roles_in_two_programmes_are_independent(programme, other_programme, alice):
    membership_set(user=alice, programme=other_programme, role="viewer")

    assert programme_role(user=alice, programme=programme) == "analyst"
    assert programme_role(user=alice, programme=other_programme) == "viewer"
    assert Membership.objects.filter(user=alice).count() == 2


@pytest.mark.parametrize("existing", [False, True])
def test_membership_set_refuses_an_unknown_role(programme, charlie, existing):
    if existing:
        membership_set(user=charlie, programme=programme, role="viewer")

    with pytest.raises(ValidationError) as caught:
        membership_set(user=charlie, programme=programme, role="owner")

    assert "role" in caught.value.message_dict
    assert programme_role(user=charlie, programme=programme) == ("viewer" if existing else None)


def test_membership_remove_takes_the_role_away(programme, alice, sam):
    assert membership_remove(user=alice, programme=programme, actor=sam) is True

    assert not Membership.objects.filter(user=alice, programme=programme).exists()
    assert can_read_programme(user=alice, programme=programme) is False
    assert can_write_shared_records(user=alice) is False
    removed = Membership.history.filter(user_id=alice.pk).first()
    assert (removed.history_type, removed.history_user) == ("-", sam)


def test_membership_remove_of_a_user_with_no_role_reports_false(programme, charlie):
    assert membership_remove(user=charlie, programme=programme) is False


def test_membership_remove_leaves_other_programmes_alone(programme, other_programme, alice):
    membership_set(user=alice, programme=other_programme, role="manager")

    membership_remove(user=alice, programme=programme)

    assert list(programmes_readable_by(user=alice)) == [other_programme]


# --------------------------------------------------------------------------------------------
# user_create
# --------------------------------------------------------------------------------------------


def test_user_create_hashes_the_password(db):
    user = user_create(username="dewi", password="kopi tubruk 2017", email="dewi@example.org")

    stored = User.objects.get(username="dewi")
    assert stored.password != "kopi tubruk 2017"
    assert "kopi tubruk 2017" not in stored.password
    assert identify_hasher(stored.password) is not None
    assert stored.check_password("kopi tubruk 2017")
    assert not stored.check_password("wrong")
    assert (user.is_staff, user.language) == (False, "en")


def test_user_create_with_staff_rights_sees_every_programme(programme):
    admin = user_create(username="admin", password="s3cret-enough", is_staff=True)

    assert admin.is_staff
    assert list(programmes_readable_by(user=admin)) == [programme]


def test_user_create_refuses_a_taken_username(alice):
    with pytest.raises(ValidationError) as caught:
        user_create(username="alice", password="another password")

    assert "username" in caught.value.message_dict
    assert User.objects.filter(username="alice").count() == 1


def test_user_create_refuses_an_unknown_language(db):
    with pytest.raises(ValidationError) as caught:
        user_create(username="dewi", password="kopi tubruk 2017", language="fr")

    assert "language" in caught.value.message_dict
    assert not User.objects.filter(username="dewi").exists()
