"""The 404 and CSRF-failure pages in a real browser, in English and Indonesian: styled by the
site's own stylesheets under its strict Content-Security-Policy (any blocked style or script is
a console error, which fails the test), naming the request id, and the way back works.

Reproduced before: the CSRF failure was Django's English page, whose inline styles the policy
blocked (a console error), with no request id and no way back.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password

TEXT = {
    "en-US": {
        "404": "Page not found",
        "csrf": "The form has expired",
        "sign in": "Sign in again",
    },
    "id-ID": {
        "404": "Halaman tidak ditemukan",
        "csrf": "Formulir sudah kedaluwarsa",
        "sign in": "Masuk lagi",
    },
}


def expect_styled(page) -> None:
    """The site's stylesheet applied: the navigation bar has Pantau's colour, the card a border."""
    navbar = page.locator("nav.pantau-navbar")
    expect(navbar).to_have_css("background-color", "rgb(23, 68, 95)")
    expect(page.locator(".error-card")).to_have_css("border-top-style", "solid")


@pytest.mark.parametrize("locale", TEXT)
def test_an_unknown_address_shows_the_styled_404_with_the_request_id(
    new_context, console, screenshot, locale
):
    page = new_context(locale).new_page()
    console.allow_status(404, "/no-such-page/")

    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.locator("h1")).to_have_text(TEXT[locale]["404"])
    expect(page.locator("#request-id")).to_have_text(response.headers["x-request-id"])
    expect_styled(page)
    assert page.locator("html").get_attribute("lang") == locale[:2]
    screenshot(page, "404")


@pytest.mark.parametrize("locale", TEXT)
def test_a_form_left_open_while_signing_in_and_out_in_another_tab_gets_the_styled_page(
    new_context, console, screenshot, log_in, locale
):
    UserFactory(username="dewi")
    context = new_context(locale)
    first_tab = context.new_page()
    first_tab.goto("/accounts/login/")
    # Signing in in another tab gives the browser a new CSRF token; the first tab's is stale.
    other_tab = context.new_page()
    log_in(other_tab, "dewi", PASSWORD)
    other_tab.locator("#user-menu").click()
    other_tab.locator("form[action='/accounts/logout/'] button").click()
    other_tab.close()
    console.allow_status(403, "/accounts/login/")

    first_tab.locator("#id_username").fill("dewi")
    first_tab.locator("#id_password").fill(PASSWORD)
    with first_tab.expect_response("**/accounts/login/") as answer:
        first_tab.locator("form[action='/accounts/login/'] button[type=submit]").click()

    assert answer.value.status == 403
    expect(first_tab.locator("h1")).to_have_text(TEXT[locale]["csrf"])
    expect(first_tab.locator("#request-id")).to_have_text(answer.value.headers["x-request-id"])
    expect_styled(first_tab)
    screenshot(first_tab, "csrf")

    first_tab.get_by_role("link", name=TEXT[locale]["sign in"]).click()
    first_tab.locator("#id_username").fill("dewi")
    first_tab.locator("#id_password").fill(PASSWORD)
    first_tab.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(first_tab.locator("#user-menu")).to_have_text("dewi")
