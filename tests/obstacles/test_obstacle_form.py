"""The obstacle form in groups, with a real choice of manifestation, and the board's compact
filter bar (issue 10, item 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.obstacles.models import Obstacle
from tests.factories import ObstacleFactory
from tests.workspace.pages import controls, form_data, options

pytestmark = pytest.mark.django_db

FIELDSETS = {
    "What and why": [
        "title",
        "title_language",
        "title_translation",
        "description",
        "cause",
        "manifestation",
    ],
    "Severity, status and dates": ["severity", "status", "identified_on", "resolved_on"],
    "Mitigation": ["owner", "mitigation_plan"],
    "Links": ["outputs", "stakeholders", "evidence"],
    "Provenance": ["is_illustrative", "provenance_note", "sources"],
}


def create_url(programme) -> str:
    return reverse("record-create", args=[programme.code, "obstacles"])


def edit_url(obstacle) -> str:
    return reverse("record-edit", args=[obstacle.programme.code, "obstacles", obstacle.pk])


def board_url(programme) -> str:
    return reverse("obstacle-board", args=[programme.code])


@pytest.fixture
def analyst(client, alice):
    client.force_login(alice)
    return client


def test_the_obstacle_form_groups_its_fields_in_fieldsets_with_legends(analyst, programme):
    response = analyst.get(create_url(programme))

    shown = {f["legend"].strip(): f["fields"] for f in controls(response.text).fieldsets}
    assert shown == FIELDSETS


def test_a_new_obstacle_has_no_manifestation_until_one_is_chosen(analyst, programme):
    response = analyst.get(create_url(programme))

    choices = options(response.text, "manifestation")
    assert choices[0] == ("", "Choose…", True)
    assert [value for value, _label, selected in choices if selected] == [""]
    assert "required" in controls(response.text).selects["manifestation"]["attrs"]


def test_an_obstacle_without_a_manifestation_is_refused_with_the_field_marked(
    analyst, programme, cause
):
    response = analyst.post(
        create_url(programme),
        {"title": "Unclear mandate", "cause": cause.pk, "manifestation": "", "status": "open"},
    )

    assert response.status_code == 400
    assert 'data-field-error="manifestation"' in response.text
    assert not Obstacle.objects.filter(title="Unclear mandate").exists()


def test_an_obstacle_with_a_chosen_manifestation_is_saved(analyst, programme, cause):
    response = analyst.post(
        create_url(programme),
        {
            "title": "Unclear mandate",
            "cause": cause.pk,
            "manifestation": "missing_operational_guidelines",
            "status": "open",
        },
    )

    assert response.status_code == 302
    saved = Obstacle.objects.get(title="Unclear mandate")
    assert saved.manifestation == "missing_operational_guidelines"


def test_editing_an_obstacle_keeps_its_manifestation(analyst, programme, cause):
    obstacle = ObstacleFactory(programme=programme, cause=cause, manifestation="other")

    page = analyst.get(edit_url(obstacle))

    chosen = [value for value, _label, selected in options(page.text, "manifestation") if selected]
    assert chosen == ["other"]
    response = analyst.post(edit_url(obstacle), form_data(page.context["form"]))
    assert response.status_code == 302
    obstacle.refresh_from_db()
    assert obstacle.manifestation == "other"


# The board's filter bar ------------------------------------------------------------------------


def test_the_board_says_any_for_an_unset_illustrative_filter(analyst, programme):
    response = analyst.get(board_url(programme))

    assert options(response.text, "is_illustrative") == [
        ("unknown", "Any", True),
        ("true", "Illustrative only", False),
        ("false", "Sourced only", False),
    ]
    assert "Unknown" not in response.text


def test_the_board_filters_to_sourced_obstacles_only(analyst, programme, cause):
    ObstacleFactory(programme=programme, cause=cause, title="Made up", is_illustrative=True)
    ObstacleFactory(programme=programme, cause=cause, title="From the thesis")

    response = analyst.get(board_url(programme), {"is_illustrative": "false"})

    titles = [o.title for c in response.context["columns"] for o in c["obstacles"]]
    assert titles == ["From the thesis"]
    assert ("false", "Sourced only", True) in options(response.text, "is_illustrative")


def test_the_board_shows_a_compact_bar_with_the_other_filters_folded_away(analyst, programme):
    response = analyst.get(board_url(programme))

    bar, more = bar_and_more(response.text)
    assert bar == ["cause", "min_severity", "output", "is_illustrative"]
    assert set(more) == {
        "dimension", "manifestation", "severity", "outcome", "stakeholder",
        "identified_after", "identified_before",
    }  # fmt: skip
    assert '<details class="board-filter-more"' in response.text
    assert '<details class="board-filter-more" open' not in response.text


def test_the_folded_filters_are_open_while_one_of_them_is_in_use(analyst, programme):
    response = analyst.get(board_url(programme), {"manifestation": "other"})

    assert '<details class="board-filter-more" open' in response.text


def bar_and_more(html: str) -> tuple[list[str], list[str]]:
    """The filter names of the board's bar, and those folded under "More filters"."""
    fieldsets = {f["attrs"].get("data-testid"): f["fields"] for f in controls(html).fieldsets}
    return fieldsets["filter-bar"], fieldsets["filter-more"]
