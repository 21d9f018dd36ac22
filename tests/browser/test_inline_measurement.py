"""The output page's inline measurement form in a real browser: a refused measurement comes
back on the same page, where it was entered, with its errors and values; a saved one is
announced with its period in the user's date format."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect

from apps.programmes.models import Measurement

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_refused_measurement_shows_its_errors_where_it_was_entered(
    new_context, demo, log_in, console, screenshot, language
):
    output = demo.outputs["1.1"]
    output_path = f"{demo.url}outputs/{output.pk}/"
    indicator = output.indicators.exclude(measure="qualitative").order_by("code").first()
    assert indicator is not None, "the demo output 1.1 has a numeric indicator"
    page = new_context(locale="id-ID" if language == "id" else "en-US").new_page()
    log_in(page, "analyst")
    user = demo.users["analyst"]
    user.language = language
    user.save(update_fields=["language"])
    page.goto(output_path)
    entered_in = (
        f"form[data-testid=inline-measurement]:has(input[name=indicator][value='{indicator.pk}'])"
    )
    form = page.locator(entered_in)
    console.allow_status(400, f"{demo.url}outputs/{output.pk}/measurements/")

    form.locator("input[name=period_start]").fill("2030-12-31")
    form.locator("input[name=period_end]").fill("2030-01-01")
    form.locator("input[name=value]").fill("7")
    form.locator("input[name=note]").fill("Quarterly report")
    form.locator("button[type=submit]").click()

    # Still the output page, scrolled to the form, the field at fault focused.
    expect(page).to_have_url(f"{output_path}measurements/")
    expect(page.locator("h1")).to_contain_text(output.title)
    form = page.locator(entered_in)
    expect(form.locator("[data-field-error=period_end]")).to_be_visible()
    expect(form.locator("input[name=period_end]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator("input[name=period_end]")).to_be_focused()
    expect(form.get_by_test_id("inline-measurement-errors")).to_be_in_viewport()
    expect(form.locator("input[name=period_start]")).to_have_value("2030-12-31")
    expect(form.locator("input[name=value]")).to_have_value("7")
    expect(form.locator("input[name=note]")).to_have_value("Quarterly report")
    assert page.locator("[data-field-error]").count() == 1
    screenshot(page, "refused")

    form.locator("input[name=period_start]").fill("2030-01-01")
    form.locator("input[name=period_end]").fill("2030-12-31")
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(output_path)
    with translation.override(language):
        period = (
            f"{formats.date_format(date(2030, 1, 1))} – {formats.date_format(date(2030, 12, 31))}"
        )
    expect(page.locator(".alert-success")).to_contain_text(period)
    assert Measurement.objects.filter(indicator=indicator, period_end=date(2030, 12, 31)).exists()
    screenshot(page, "saved")
