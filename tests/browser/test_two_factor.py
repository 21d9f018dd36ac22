"""Two-factor sign-in in a real browser: a staff user, with TOTP required, is sent to
enrolment, reads the key off the page, confirms it, and later signs in with a code (issue 9)."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from apps.accounts.services import staff_totp_require, user_create

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = "a passphrase for the browser test"


def code_for(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app given this key shows now (or some 30-second steps on)."""
    key = secret.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_staff_enrol_from_the_page_and_then_sign_in_with_a_code(page, screenshot):
    user_create(username="stella", password=PASSWORD, is_staff=True, is_superuser=True)
    staff_totp_require(required=True)

    page.goto("/accounts/login/")
    page.fill("#id_username", "stella")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")

    expect(page).to_have_url("/account/two-factor/setup/?next=%2F")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    qr = page.locator(".qr-code-box svg")
    assert qr.bounding_box()["width"] >= 150, "the QR code is drawn large enough to scan"
    secret = page.locator("#totp-secret").inner_text()
    screenshot(page, "enrolment")

    page.fill("#id_code", "000000" if code_for(secret) != "000000" else "111111")
    page.click("form[action='/account/two-factor/setup/'] button[type=submit]")
    expect(page.locator(".invalid-feedback")).to_contain_text("not right")
    screenshot(page, "enrolment-wrong-code")

    # django-otp makes the device wait a second after a wrong code; skip the wait.
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    page.fill("#id_code", code_for(secret))
    page.click("form[action='/account/two-factor/setup/'] button[type=submit]")
    expect(page).to_have_url("/")
    page.goto("/account/two-factor/")
    expect(page.locator("main")).to_contain_text("Logging in asks for your password and a code")
    screenshot(page, "status")

    page.click("#user-menu")
    page.click("button:text('Log out')")
    page.goto("/accounts/login/?next=/admin/")
    page.fill("#id_username", "stella")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    expect(page).to_have_url("/accounts/login/code/")
    screenshot(page, "code-step")
    page.fill("#id_code", code_for(secret, steps_ahead=1))
    page.click("form[action='/accounts/login/code/'] button[type=submit]")

    expect(page).to_have_url("/admin/")
    expect(page.locator("#site-name")).to_have_text("Pantau")


def test_the_enrolment_page_in_indonesian(page, screenshot):
    user_create(username="intan", password=PASSWORD, language="id")

    page.goto("/accounts/login/")
    page.fill("#id_username", "intan")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.goto("/account/two-factor/")
    screenshot(page, "status")
    page.click("a:text('Siapkan autentikasi dua faktor')")

    expect(page.locator("h1")).to_have_text("Siapkan autentikasi dua faktor")
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator Anda")).to_be_visible()
    screenshot(page, "enrolment")
