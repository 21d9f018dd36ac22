"""Optional TOTP two-factor sign-in, and the command that makes it mandatory for staff (issue 9,
Sessions).

Reproduced before: there was no second factor; a password alone signed anyone in, staff too.
"""

from __future__ import annotations

import re
import time
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.selectors import staff_totp_required
from apps.accounts.services import api_token_create, staff_totp_require
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the device, now or some 30-second steps on."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    # Differs from every code the device accepts now (tolerance: one step either side).
    accepted = {code(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(10)) if c not in accepted)


def enrolled(user, **fields) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True, **fields)


def password_step(client, username: str, *, next_url: str = "", address: str = "127.0.0.1"):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


def code_step(client, value: str, *, address: str = "127.0.0.1"):
    return client.post(reverse("login-code"), {"code": value}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(db):
    return UserFactory(username="stella", is_staff=True, is_superuser=True)


@pytest.fixture
def required():
    staff_totp_require(required=True)


# Enrolment


def test_enrolment_shows_a_qr_code_and_key_and_turns_on_only_with_a_right_first_code(client, alice):
    client.force_login(alice)

    page = client.get(reverse("two-factor-setup"))

    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    html = page.content.decode()
    assert re.search(r"<svg[^>]*class=\"qr-code\"", html), "the QR code is inline SVG"
    assert "data:image" not in html
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]

    refused = client.post(reverse("two-factor-setup"), {"code": wrong_code(device)})
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()  # the refusal made the device wait a second before the next check
    accepted = client.post(reverse("two-factor-setup"), {"code": code(device)})

    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("two-factor")
    device.refresh_from_db()
    assert device.confirmed
    status = client.get(reverse("two-factor"))
    assert status.context["device"] == device
    assert status.context["user"].is_verified(), "enrolling verified this session"


def test_reloading_the_enrolment_page_keeps_the_same_key(client, alice):
    client.force_login(alice)

    first = client.get(reverse("two-factor-setup")).context["secret"]
    second = client.get(reverse("two-factor-setup")).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_a_user_who_has_two_factor_on_cannot_enrol_a_second_key_over_it(client, alice):
    device = enrolled(alice)
    client.force_login(alice)

    response = client.get(reverse("two-factor-setup"))

    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=alice)) == [device]


# Login


def test_a_user_with_two_factor_needs_the_code_after_the_password(client, alice, programme):
    device = enrolled(alice)

    response = password_step(client, "alice", next_url=f"/p/{programme.code}/")

    assert response.status_code == 302
    assert response["Location"] == reverse("login-code")
    assert not signed_in(client), "the password alone does not sign in"
    assert client.get(f"/p/{programme.code}/").status_code == 302

    done = code_step(client, code(device))

    assert done.status_code == 302
    assert done["Location"] == f"/p/{programme.code}/"
    assert signed_in(client)
    page = client.get(f"/p/{programme.code}/")
    assert page.status_code == 200
    assert page.context["user"].is_verified()


def test_a_code_is_accepted_once_only(client, alice):
    device = enrolled(alice)
    password_step(client, "alice")
    used = code(device)
    code_step(client, used)
    client.logout()

    password_step(client, "alice")
    response = code_step(client, used)

    assert response.status_code == 200
    assert not signed_in(client)


def test_a_wrong_code_is_refused_and_the_device_then_waits(client, alice, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's wait after one wrong code
    device = enrolled(alice)
    password_step(client, "alice")

    wrong = code_step(client, wrong_code(device))
    right_too_soon = code_step(client, code(device))

    assert wrong.status_code == 200
    assert "not right" in wrong.context["form"].errors["code"][0]
    assert right_too_soon.status_code == 200
    assert "wait" in right_too_soon.context["form"].errors["code"][0]
    assert not signed_in(client)


def test_wrong_codes_count_as_failed_logins_and_lock_the_account_out(client, alice):
    device = enrolled(alice)
    password_step(client, "alice")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        device.throttle_reset()
        assert code_step(client, wrong_code(device)).status_code == 200
    device.throttle_reset()
    locked = code_step(client, wrong_code(device))  # the fifth failure locks the pair out

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    device.throttle_reset()
    assert code_step(client, code(device)).status_code == 429
    assert not signed_in(client), "the right code after the lock-out does not sign in"
    assert password_step(client, "alice").status_code == 429, "nor does the password"


def test_wrong_passwords_and_wrong_codes_add_up(client, alice):
    device = enrolled(alice)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "alice", "password": "not it"})
    password_step(client, "alice")

    response = code_step(client, wrong_code(device))

    assert response.status_code == 429


def test_the_code_step_expires(client, alice, settings):
    device = enrolled(alice)
    password_step(client, "alice")
    session = client.session
    session["pantau_sign_in_pending"]["at"] -= settings.SIGN_IN_CODE_TIMEOUT + 1
    session.save()

    response = code_step(client, code(device))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not signed_in(client)


def test_the_code_step_without_a_password_step_goes_back_to_login(client, alice):
    enrolled(alice)

    response = client.get(reverse("login-code"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_a_user_without_two_factor_signs_in_with_the_password_alone(client, alice):
    response = password_step(client, "alice")

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert signed_in(client)


# Turning it off


def test_turning_two_factor_off_needs_the_password_and_a_current_code(client, alice):
    device = enrolled(alice)
    password_step(client, "alice")
    code_step(client, code(device))

    wrong_password = client.post(
        reverse("two-factor-disable"),
        {"password": "not it", "code": code(device, steps_ahead=1)},
    )
    assert wrong_password.status_code == 200
    assert TOTPDevice.objects.filter(user=alice).exists()

    done = client.post(
        reverse("two-factor-disable"), {"password": PASSWORD, "code": code(device, steps_ahead=1)}
    )

    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    client.logout()
    assert password_step(client, "alice")["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


# The requirement for staff


def test_the_command_turns_the_staff_requirement_on_and_off(staff):
    out = StringIO()

    call_command("require_totp", "--staff", "on", stdout=out)
    assert staff_totp_required()
    assert "required" in out.getvalue()
    assert "stella" in out.getvalue(), "it names the staff who still need to enrol"

    call_command("require_totp", "--staff", "off", stdout=out)
    assert not staff_totp_required()

    status = StringIO()
    call_command("require_totp", stdout=status)
    assert "optional" in status.getvalue()


def test_staff_without_a_device_are_sent_to_enrolment_while_it_is_required(
    client, staff, programme, required
):
    response = password_step(client, "stella", next_url=f"/p/{programme.code}/")
    assert response.status_code == 302
    assert signed_in(client)

    for path in (f"/p/{programme.code}/", reverse("home"), reverse("token-list"), "/admin/"):
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"] == f"{reverse('two-factor-setup')}?{urlencode({'next': path})}"
    api = client.get("/api/v1/programmes/")
    assert api.status_code == 403
    assert "two-factor" in api.json()["detail"]

    setup = client.get(reverse("two-factor-setup"), {"next": f"/p/{programme.code}/"})
    assert setup.status_code == 200
    assert setup.context["required"]
    device = TOTPDevice.objects.get(user=staff)
    enrolled_now = client.post(
        reverse("two-factor-setup"), {"code": code(device), "next": f"/p/{programme.code}/"}
    )

    assert enrolled_now["Location"] == f"/p/{programme.code}/"
    assert client.get(f"/p/{programme.code}/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_staff_may_not_turn_two_factor_off_while_it_is_required(client, staff, required):
    device = enrolled(staff)
    password_step(client, "stella")
    code_step(client, code(device))

    response = client.post(
        reverse("two-factor-disable"), {"password": PASSWORD, "code": code(device, steps_ahead=1)}
    )

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_without_the_requirement_staff_without_a_device_use_pages_and_admin(client, staff):
    client.force_login(staff)

    assert client.get(reverse("home")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_non_staff_are_not_held_by_the_staff_requirement(client, alice, programme, required):
    password_step(client, "alice")

    assert client.get(f"/p/{programme.code}/").status_code == 200
    assert client.get("/api/v1/programmes/").status_code == 200


def test_the_admin_refuses_a_staff_session_that_skipped_the_code(client, staff):
    enrolled(staff)
    client.force_login(staff)  # a session made without the code step

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert response.context["form"].__class__.__name__ == "SignInForm"


def test_the_admins_own_login_form_sends_to_the_two_step_login(client, staff):
    response = client.get("/admin/login/", {"next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/admin/"
    posted = client.post("/admin/login/", {"username": "stella", "password": PASSWORD})
    assert posted.status_code == 302
    assert not signed_in(client)


def test_api_tokens_of_staff_work_without_a_code_while_it_is_required(client, staff, required):
    _, secret = api_token_create(user=staff, name="ci", read_only=True)

    response = client.get("/api/v1/programmes/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert response.status_code == 200


def test_a_staff_session_cannot_hide_behind_an_unknown_authorization_scheme(
    client, staff, required
):
    client.force_login(staff)

    response = client.get("/api/v1/programmes/", HTTP_AUTHORIZATION="Basic c3RlbGxhOng=")

    assert response.status_code == 403


def test_the_remove_command_turns_a_users_two_factor_off_after_a_lost_phone(client, alice):
    enrolled(alice)
    out = StringIO()

    call_command("remove_totp", "--user", "alice", stdout=out)

    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert "off for alice" in out.getvalue()
    assert password_step(client, "alice")["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_the_pages_speak_indonesian(client, alice):
    alice.language = "id"
    alice.save()
    client.force_login(alice)

    setup = client.get(reverse("two-factor-setup")).content.decode()
    status = client.get(reverse("two-factor")).content.decode()

    assert "Siapkan autentikasi dua faktor" in setup
    assert "Pindai kode QR ini" in setup
    assert "Masuk hanya meminta kata sandi Anda." in status


def test_the_admin_site_itself_refuses_staff_without_a_code_while_it_is_required(
    rf, staff, required
):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = staff
    staff.is_verified = lambda: False  # what django-otp's middleware sets without a code

    assert not admin.site.has_permission(request)
    staff.is_verified = lambda: True
    assert admin.site.has_permission(request)
