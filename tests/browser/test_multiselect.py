"""The searchable multi-select of the record forms, used with the keyboard alone (issue 10, 11).

The obstacle form's outputs, stakeholders, evidence and sources were Ctrl-click lists where one
plain click dropped the output the "Add obstacle" link had preselected. Each is now a combobox:
Tab reaches it, typing filters the choices, Enter adds the highlighted one, Backspace removes the
last one, and the preselected output stays. The page's strict CSP turns any inline style or
script the library might inject into a console error, which fails the test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.obstacles.models import Obstacle
from apps.stakeholders.models import Stakeholder

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def chosen(page, name: str) -> set[str]:
    """The options of the form's own <select name=...> that would be posted."""
    return set(
        page.locator(f"select[name={name}]").evaluate(
            "select => Array.from(select.selectedOptions, option => option.value)"
        )
    )


def expect_items(page, name: str, records: list) -> None:
    """The combobox shows these records as chosen, in this order, each by its whole name."""
    items = page.locator(f"#id_{name} ~ .ts-wrapper .item")
    expect(items).to_have_count(len(records))
    for item, record in zip(items.all(), records, strict=True):
        expect(item).to_have_attribute("data-value", str(record.pk))
        expect(item).to_contain_text(str(record))


def test_an_analyst_links_outputs_to_an_obstacle_with_the_keyboard_alone(
    page, demo, log_in, screenshot
):
    preset, other = demo.outputs["1.2"], demo.outputs["3.1"]
    log_in(page, "analyst")
    page.goto(f"{demo.url}obstacles/new/?outputs={preset.pk}&next={demo.url}")

    outputs = page.get_by_role("combobox", name="Outputs")
    expect_items(page, "outputs", [preset])

    # Tab from the field before it reaches the combobox; typing filters, Enter adds.
    page.locator("#id_mitigation_plan").focus()
    page.keyboard.press("Tab")
    expect(outputs).to_be_focused()
    page.keyboard.type(other.title[:24])
    expect(page.locator("#id_outputs ~ .ts-wrapper .ts-dropdown .option.active")).to_have_text(
        str(other)
    )
    page.keyboard.press("Enter")
    expect_items(page, "outputs", [preset, other])
    assert chosen(page, "outputs") == {str(preset.pk), str(other.pk)}
    screenshot(page, "two-outputs")

    # A search that finds nothing says so; Backspace removes the last output chosen.
    page.keyboard.type("zzqx")
    expect(page.locator("#id_outputs ~ .ts-wrapper .no-results")).to_have_text("No matches")
    for _ in "zzqx":
        page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    expect_items(page, "outputs", [preset])
    page.keyboard.type(other.title[:24])
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect_items(page, "outputs", [preset, other])

    form = page.get_by_test_id("record-form")
    form.locator("#id_title").fill("Customs and police read the SOP differently")
    form.locator("#id_cause").select_option(label="Weak inter-agency communication")
    form.locator("#id_manifestation").select_option("ambiguous_interpretation")
    form.get_by_test_id("save").click()

    expect(page).to_have_url(demo.url)
    created = Obstacle.objects.get(title="Customs and police read the SOP differently")
    assert set(created.outputs.all()) == {preset, other}


def test_the_searchable_list_finds_one_stakeholder_among_two_thousand(page, demo, log_in):
    Stakeholder.objects.bulk_create(
        Stakeholder(
            name=f"District office {n:04d}",
            acronym=f"DO{n:04d}",
            kind="government",
            level="subnational",
            country="IDN",
        )
        for n in range(2000)
    )
    log_in(page, "analyst")
    page.goto(f"{demo.url}obstacles/new/")

    page.get_by_role("combobox", name="Stakeholders").click()
    page.keyboard.type("District office 1234")

    dropdown = page.locator("#id_stakeholders ~ .ts-wrapper .ts-dropdown")
    expect(dropdown.locator(".option")).to_have_count(1)
    expect(dropdown.locator(".option")).to_have_text("DO1234 – District office 1234")
    page.keyboard.press("Enter")
    assert chosen(page, "stakeholders") == {str(Stakeholder.objects.get(acronym="DO1234").pk)}
    # A search matching all of them shows a page of choices, not two thousand.
    page.keyboard.type("District")
    assert 0 < dropdown.locator(".option").count() <= 50


def test_one_plain_click_on_another_output_keeps_the_preselected_one(page, demo, log_in):
    preset, other = demo.outputs["1.2"], demo.outputs["2.1"]
    log_in(page, "analyst")
    page.goto(f"{demo.url}obstacles/new/?outputs={preset.pk}")

    page.locator("label[for=id_outputs-ts-control]").click()
    page.locator("#id_outputs ~ .ts-wrapper .ts-dropdown .option", has_text=str(other)).click()

    expect_items(page, "outputs", [preset, other])
    assert chosen(page, "outputs") == {str(preset.pk), str(other.pk)}
