"""The main journeys through Pantau in a real browser, on the demo Indonesia programme.

Each test logs in through the login form and clicks through the pages as a person would; the
`console` fixture fails any test whose pages logged a console error or threw.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import membership_set, user_create
from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.jobs.demo import DEMO_PASSWORD
from apps.obstacles.models import Obstacle
from apps.programmes.models import Output
from apps.workspace.context_processors import FIRST_SECTIONS
from apps.workspace.kinds import kind_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

EDIT_CONTROLS = (
    "[data-testid=edit-record], [data-testid=create-record], [data-testid=inline-measurement], "
    "[data-testid=assess-output], [data-testid=add-obstacle], [data-testid=save]"
)


def _output_link(page, code: str):
    return page.locator("table a", has_text=code).filter(
        has=page.locator(f"strong:text-is('{code}')")
    )


def _answers_on_form(page) -> dict[str, int | None]:
    """The rubric answers the analyst has given, read from the checked radios: a suggested
    answer still unconfirmed is not one of them."""
    answers: dict[str, int | None] = {}
    for code in matland.ITEM_CODES:
        field = code.lower()
        value = page.locator(f"input[name={field}]:checked").get_attribute("value")
        suggested = page.locator(f"input[name=suggested_{field}]")
        if (
            value
            and suggested.count()
            and suggested.get_attribute("value") == value
            and not page.locator(f"input[name=confirm_{field}]").is_checked()
        ):
            value = None
        answers[code] = int(value) if value else None
    return answers


def _expect_preview(page, programme) -> matland.Quadrant:
    """The live preview shows what the answers now on the form classify as."""
    answers = _answers_on_form(page)
    result = matland.classify(
        answers,
        ambiguity_threshold=programme.ambiguity_threshold,
        conflict_threshold=programme.conflict_threshold,
    )
    a = sum(answers[code] is not None for code in matland.AMBIGUITY_ITEMS)
    c = sum(answers[code] is not None for code in matland.CONFLICT_ITEMS)
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text(f"{a} of 6 ambiguity and {c} of 5 conflict items answered")
    expect(preview.locator(".quadrant-chip")).to_have_text(
        matland.quadrant_info(result.quadrant).name("en")
    )
    return result.quadrant


def test_analyst_adds_an_obstacle_then_scores_the_output_with_a_live_preview(
    page, demo, log_in, screenshot
):
    programme = demo.programme
    output = demo.outputs["1.2"]
    log_in(page, "analyst")

    page.goto(demo.url)
    expect(page.locator("h1")).to_have_text(programme.title)
    expect(page.get_by_test_id("role")).to_have_text(str(Role.ANALYST.label))
    screenshot(page, "programme")
    _output_link(page, "1.2").click()
    expect(page.locator("h1")).to_contain_text(output.title)

    # Add obstacle → form → save: back on the output, the obstacle is listed.
    page.get_by_test_id("add-obstacle").click()
    form = page.get_by_test_id("record-form")
    expect(form.locator("#id_outputs option:checked")).to_have_text(str(output))
    form.locator("#id_title").fill("Port authority withholds cargo manifests from BNN")
    form.locator("#id_cause").select_option(label="Weak inter-agency communication")
    form.locator("#id_manifestation").select_option("conflict_of_interest")
    form.locator("#id_severity").fill("2")
    form.get_by_test_id("save").click()
    expect(page).to_have_url(f"{demo.url}outputs/{output.pk}/")
    obstacles = page.locator("section[aria-labelledby=obstacles-heading] tbody")
    expect(
        obstacles.locator("tr", has_text="Port authority withholds cargo manifests")
    ).to_contain_text("Weak inter-agency communication")
    created = Obstacle.objects.get(title="Port authority withholds cargo manifests from BNN")
    assert list(created.outputs.all()) == [output]
    screenshot(page, "output-hub")

    # Assess this output: the open obstacles (the new one too) suggest answers; too few to
    # classify yet. Each answer updates the preview in place (no page load).
    page.get_by_test_id("assess-output").click()
    expect(page.get_by_test_id("suggestion-A5")).to_be_visible()  # the new obstacle's item
    assert _expect_preview(page, programme) == matland.Quadrant.UNCLASSIFIED
    page.evaluate("window.pantauNotReloaded = true")

    page.locator("#id_assessed_on").fill("2020-12-31")
    for code, answer in {"A1": 2, "A2": 2, "A3": 1}.items():
        page.locator(f"input[name={code.lower()}][value='{answer}']").check()
    assert _expect_preview(page, programme) == matland.Quadrant.UNCLASSIFIED
    for code, answer in {"C1": 2, "C2": 1, "C4": 2}.items():
        page.locator(f"input[name={code.lower()}][value='{answer}']").check()
    quadrant = _expect_preview(page, programme)
    assert quadrant != matland.Quadrant.UNCLASSIFIED
    suggested = page.locator("input[name^=confirm_]")
    assert suggested.count() == page.locator(".suggestion-badge").count() > 0
    for confirm in suggested.all():
        confirm.check()
    assert page.evaluate("window.pantauNotReloaded") is True, "the preview reloaded the page"
    screenshot(page, "assessment-form")

    page.get_by_test_id("save").click()
    expect(page).to_have_url(f"{demo.url}outputs/{output.pk}/")
    name = matland.quadrant_info(quadrant).name("en")
    expect(page.get_by_test_id("current-quadrant")).to_contain_text(name)
    assessment = Assessment.objects.get(output=output, assessed_on=date(2020, 12, 31))
    assert assessment.quadrant == quadrant.value
    page.locator(f"a[href='{demo.url}assessments/{assessment.pk}/']").click()
    expect(page.get_by_test_id("assessment-quadrant")).to_contain_text(name)
    screenshot(page, "assessment")


def test_a_stale_edit_shows_the_conflict_and_can_overwrite_theirs(
    new_context, demo, log_in, console, screenshot
):
    theirs_title = "Intelligence-sharing protocol signed by BNN and POLRI"
    my_title = "Inter-agency intelligence-sharing procedure adopted and used"
    dewi = user_create(username="dewi", password=DEMO_PASSWORD, first_name="Dewi")
    membership_set(user=dewi, programme=demo.programme, role=Role.ANALYST)
    output = demo.outputs["1.2"]
    edit_path = f"{demo.url}outputs/{output.pk}/edit/"
    mine, theirs = new_context().new_page(), new_context().new_page()
    log_in(mine, "analyst")
    log_in(theirs, "dewi")
    mine.goto(edit_path)
    theirs.goto(edit_path)

    theirs.locator("#id_title").fill(theirs_title)
    theirs.get_by_test_id("save").click()
    expect(theirs.locator("h1")).to_have_text(f"1.2 {theirs_title}")

    console.allow_status(409, edit_path)
    mine.locator("#id_title").fill(my_title)
    mine.get_by_test_id("save").click()
    expect(mine.get_by_test_id("conflict")).to_contain_text("dewi")
    title_row = mine.locator(".conflict-table tbody tr", has=mine.locator("th:text-is('Title')"))
    cells = title_row.locator("td")
    expect(cells.nth(0)).to_have_text(output.title)
    expect(cells.nth(1)).to_have_text(theirs_title)
    expect(cells.nth(2)).to_have_text(my_title)
    screenshot(mine, "conflict")

    mine.get_by_role("button", name="Save my version over theirs").click()
    expect(mine.locator("h1")).to_have_text(f"1.2 {my_title}")
    output.refresh_from_db()
    assert output.title == my_title
    assert output.history.first().history_user == User.objects.get(username="analyst")


def nav_section_labels() -> list[str]:
    """The programme sections shown directly in the navigation bar, in the active language."""
    return [gettext("Dashboard"), *(str(kind_for(key).label) for key in FIRST_SECTIONS)]


def test_the_interface_switches_to_indonesian_and_stays_so_after_logging_in_again(
    page, demo, log_in, screenshot
):
    english_nav = nav_section_labels()
    headings = ["Indicators and measurements", "Obstacles", "Stakeholders", "Current quadrant"]
    with translation.override("id"):
        indonesian_nav = nav_section_labels()
        indonesian = {english: gettext(english) for english in [*headings, "Shared"]}
    untranslated = [english for english, text in indonesian.items() if text == english]
    assert not untranslated, f"no Indonesian translation for {untranslated}"
    assert indonesian_nav != english_nav, "the section names are not translated"
    output = demo.outputs["1.2"]
    output_path = f"{demo.url}outputs/{output.pk}/"
    nav_sections = page.locator("#nav-main > ul.me-auto > li.nav-item:not(.dropdown) a")

    def assert_indonesian() -> None:
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(nav_sections).to_have_text(indonesian_nav)
        expect(
            page.locator("#nav-main a.dropdown-toggle", has_text=indonesian["Shared"])
        ).to_be_visible()
        for english in headings:
            expect(page.locator("h2", has_text=indonesian[english]).first).to_be_visible()

    log_in(page, "analyst")
    page.goto(output_path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(nav_sections).to_have_text(english_nav)

    page.locator("#language-switcher").select_option("id")
    expect(page).to_have_url(output_path)
    assert_indonesian()
    screenshot(page, "output-in-indonesian")
    assert User.objects.get(username="analyst").language == "id"

    # Log out, forget the browser's cookies (the language cookie too) and log in again.
    page.locator("#user-menu").click()
    page.locator("form[action='/accounts/logout/'] button").click()
    expect(page).to_have_url("/accounts/login/")
    page.context.clear_cookies()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    log_in(page, "analyst")
    page.goto(output_path)
    assert_indonesian()


def test_a_manager_sees_no_edit_controls_and_cannot_open_an_edit_page(
    new_context, demo, log_in, console
):
    output = demo.outputs["1.1"]
    assessment = Assessment.objects.filter(output=output).latest("assessed_on")
    pages = {
        "programme": demo.url,
        "output": f"{demo.url}outputs/{output.pk}/",
        "obstacle list": f"{demo.url}obstacles/",
        "assessment": f"{demo.url}assessments/{assessment.pk}/",
    }
    analyst, manager = new_context().new_page(), new_context().new_page()
    log_in(analyst, "analyst")
    log_in(manager, "manager")

    # The same pages give the analyst the controls, so their absence below means something.
    analyst.goto(pages["output"])
    for testid in ("edit-record", "add-obstacle", "assess-output", "inline-measurement"):
        expect(analyst.get_by_test_id(testid).first).to_be_visible()
    analyst.goto(pages["obstacle list"])
    expect(analyst.get_by_test_id("create-record")).to_be_visible()
    analyst.goto(pages["assessment"])
    expect(analyst.get_by_test_id("edit-record")).to_be_visible()

    for name, path in pages.items():
        manager.goto(path)
        expect(manager.locator("h1")).to_be_visible()
        expect(manager.locator(EDIT_CONTROLS), f"edit controls on the {name} page").to_have_count(0)
        expect(manager.get_by_text("Assess this output")).to_have_count(0)
    manager.goto(pages["programme"])
    expect(manager.get_by_test_id("role")).to_have_text(str(Role.MANAGER.label))
    manager.get_by_role("link", name="Obstacle board").click()
    expect(manager.get_by_test_id("board-card").first).to_be_visible()
    expect(manager.locator("select[name=status]")).to_have_count(0)

    edit_path = f"{demo.url}outputs/{output.pk}/edit/"
    console.allow_status(403, edit_path)
    response = manager.goto(edit_path)
    assert response.status == 403
    expect(manager.get_by_test_id("record-form")).to_have_count(0)
    assert Output.objects.get(pk=output.pk).version == output.version


def test_the_obstacle_board_moves_a_card_when_its_status_is_changed(page, demo, log_in, screenshot):
    title = "Turnover of trained prison staff"
    log_in(page, "analyst")
    page.goto(demo.url)
    page.get_by_role("link", name="Obstacle board").click()
    open_column = page.locator("section[aria-labelledby=col-open]")
    mitigating_column = page.locator("section[aria-labelledby=col-mitigating]")
    card = open_column.get_by_test_id("board-card").filter(has_text=title)
    expect(card).to_have_count(1)
    expect(mitigating_column.get_by_test_id("board-card").filter(has_text=title)).to_have_count(0)
    screenshot(page, "board-before")

    card.locator("select[name=status]").select_option("mitigating")
    expect(mitigating_column.get_by_test_id("board-card").filter(has_text=title)).to_have_count(1)
    expect(open_column.get_by_test_id("board-card").filter(has_text=title)).to_have_count(0)
    expect(page.locator(".alert-success")).to_contain_text(title)
    screenshot(page, "board-after")
    assert Obstacle.objects.get(title=title).status == "mitigating"
