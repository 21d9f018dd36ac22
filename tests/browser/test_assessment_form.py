"""The assessment form in a real browser: the live preview stays in view while the analyst
answers, counts a suggested answer only once it is confirmed, and the form is dated today in the
browser's own time zone."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 600, "height": 800}


def _open_form(page, demo, log_in, output_code: str = "1.2") -> None:
    log_in(page, "analyst")
    output = demo.outputs[output_code]
    page.goto(f"{demo.url}assessments/new/?output={output.pk}")
    expect(page.get_by_test_id("preview")).to_be_visible()


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def _answered(page) -> tuple[int, int]:
    text = page.get_by_test_id("preview").inner_text()
    found = re.search(r"(\d) of 6 ambiguity and (\d) of 5 conflict items answered", text)
    assert found, text
    return int(found.group(1)), int(found.group(2))


def test_the_preview_stays_beside_the_items_on_a_wide_screen(page, demo, log_in, screenshot):
    page.set_viewport_size(WIDE)
    _open_form(page, demo, log_in)
    preview = page.locator(".preview-card")

    for code in ("a1", "c1", "c5"):
        page.locator(f"input[name={code}][value='1']").check()
        page.locator(f"[data-item={code.upper()}]").scroll_into_view_if_needed()
        assert _in_viewport(page, preview), f"the preview is out of view while answering {code}"
        assert _in_viewport(page, page.locator(f"[data-item={code.upper()}]"))
    screenshot(page, "wide")


def test_a_summary_bar_shows_the_preview_on_a_narrow_screen(page, demo, log_in, screenshot):
    page.set_viewport_size(NARROW)
    _open_form(page, demo, log_in)
    bar = page.get_by_test_id("preview-bar")

    for code in ("a1", "a6", "c1", "c3"):
        # Playwright clicks only what is not covered, so the bar must leave the item reachable.
        page.locator(f"input[name={code}][value='2']").check()
        assert _in_viewport(page, bar), f"the preview is out of view while answering {code}"
        box = bar.bounding_box()
        assert box["height"] <= NARROW["height"] * 0.25, "the bar takes too much of the screen"
    expect(bar.locator(".quadrant-chip")).to_be_visible()
    expect(bar).to_contain_text("of 6 ambiguity")
    screenshot(page, "narrow")


def test_a_suggested_answer_counts_in_the_preview_only_once_confirmed(page, demo, log_in):
    _open_form(page, demo, log_in)
    suggested = page.locator(".rubric-item.suggested")
    assert suggested.count() > 0, "the demo output 1.2 has open obstacles that suggest answers"
    codes = [item.get_attribute("data-item") for item in suggested.all()]
    ambiguity = sum(code.startswith("A") for code in codes)
    conflict = len(codes) - ambiguity

    # Pre-filled, yet not the analyst's answers: nothing counts.
    expect(page.get_by_test_id("preview")).to_contain_text(
        "0 of 6 ambiguity and 0 of 5 conflict items answered"
    )
    expect(page.get_by_test_id("preview")).to_contain_text(
        f"{len(codes)} suggested answers not confirmed yet"
    )

    first = codes[0]
    page.locator(f"input[name=confirm_{first.lower()}]").check()
    expected = (1, 0) if first.startswith("A") else (0, 1)
    expect(page.get_by_test_id("preview")).to_contain_text(
        f"{expected[0]} of 6 ambiguity and {expected[1]} of 5 conflict items answered"
    )
    for code in codes[1:]:
        # Choosing another answer is the analyst's own answer: it counts at once.
        page.locator(f"input[name={code.lower()}][value='0']").check()
    expect(page.get_by_test_id("preview")).to_contain_text(
        f"{ambiguity} of 6 ambiguity and {conflict} of 5 conflict items answered"
    )
    expect(page.get_by_test_id("preview")).not_to_contain_text("not confirmed yet")
    assert _answered(page) == (ambiguity, conflict)


def test_assessed_on_defaults_to_today_in_the_browsers_time_zone(
    chromium, live_server, console, demo, log_in
):
    # A zone whose date differs from the server's now, so the server's date cannot pass for it.
    server_today = datetime.now(ZoneInfo(settings.TIME_ZONE)).date()
    zone = next(
        name
        for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if datetime.now(ZoneInfo(name)).date() != server_today
    )
    context = chromium.new_context(base_url=live_server.url, timezone_id=zone, viewport=WIDE)
    context.on("page", console.watch)
    try:
        page = context.new_page()
        _open_form(page, demo, log_in)
        expected = datetime.now(ZoneInfo(zone)).date().isoformat()
        expect(page.locator("#id_assessed_on")).to_have_value(expected)
    finally:
        context.close()
