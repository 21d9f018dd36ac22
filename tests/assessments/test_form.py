"""The assessment form: rubric items in the user's language, suggestions from open obstacles that
must be confirmed, a quadrant that is always derived, and the live preview endpoint."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from tests.factories import ObstacleCauseFactory, ObstacleFactory, OutputFactory
from tests.workspace.kinds import ADMINISTRATIVE
from tests.workspace.pages import form_data, form_with

pytestmark = pytest.mark.django_db

# Clear goals and means, contested among the agencies: political implementation.
POLITICAL = {"a1": "0", "a2": "0", "a3": "0", "c1": "2", "c2": "2", "c3": "2"}


def create_url(output) -> str:
    return reverse("record-create", args=[output.programme.code, "assessments"])


def preview_url(programme) -> str:
    return reverse("assessment-preview", args=[programme.code])


@pytest.fixture
def suggesting(output, programme):
    """Open obstacles of the output whose causes bear on C3 (severe) and A4 (mild); a resolved
    one on A5 and one of another output on C1, which suggest nothing."""

    def obstacle(code: str, items: list[str], severity: int, status: str = "open", on=output):
        cause = ObstacleCauseFactory(code=code, items=items, dimension="conflict")
        made = ObstacleFactory(
            programme=programme, cause=cause, severity=severity, status=status, title=code
        )
        made.outputs.add(on)
        return made

    obstacle("TURF", ["C3"], severity=4)
    obstacle("NO_SOP", ["A4"], severity=2, status="mitigating")
    obstacle("NO_LEAD", ["A5"], severity=5, status="resolved")
    obstacle("DISAGREE", ["C1"], severity=5, on=OutputFactory(outcome=output.outcome))


# Language -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "id"])
def test_rubric_items_and_their_own_answers_are_labelled_in_the_users_language(
    client, alice, output, language
):
    alice.language = language
    alice.save(update_fields=["language"])
    client.force_login(alice)

    response = client.get(create_url(output), {"output": output.pk})

    assert response.status_code == 200
    for code in matland.ITEM_CODES:
        assert escape(f"{code} · {matland.item_text(code, language)}") in response.text
    other = "en" if language == "id" else "id"
    assert escape(matland.item_text("A1", other)) not in response.text
    # Each item's answers are worded for its question; the stored values are still 0-2.
    form = response.context["form"]
    for code in matland.ITEM_CODES:
        choices = [(value, str(label)) for value, label in form.fields[code.lower()].choices]
        assert [value for value, _ in choices] == ["", "0", "1", "2"]
        for score in (0, 1, 2):
            label = f"{score} – {matland.answer_label(code, score, language)}"
            assert choices[score + 1][1] == label
            assert f">{escape(label)}</label>" in response.text
    assert "absent / contested" not in response.text


def test_the_assessment_page_names_the_quadrant_in_the_users_language(client, alice, output):
    assessment = assessment_create(
        actor=alice, output=output, assessed_on=output.start_date, items=ADMINISTRATIVE
    )
    alice.language = "id"
    alice.save(update_fields=["language"])
    client.force_login(alice)

    response = client.get(
        reverse("record-detail", args=[output.programme.code, "assessments", assessment.pk])
    )

    info = matland.quadrant_info("administrative")
    assert info.name_id in response.text
    assert info.principle_id in response.text
    assert escape(matland.item_text("C5", "id")) in response.text
    # Each answer reads in the item's own words, not as a bare number.
    answers = {code: ADMINISTRATIVE.get(code.lower()) for code in matland.ITEM_CODES}
    for code, score in answers.items():
        if score is not None:
            assert escape(f"{score} – {matland.answer_label(code, score, 'id')}") in response.text


# Suggestions --------------------------------------------------------------------------------


def test_open_obstacles_of_the_output_prefill_and_mark_their_items(
    client, alice, output, suggesting
):
    client.force_login(alice)

    response = client.get(create_url(output), {"output": output.pk})

    _, fields = form_with(response.text, "record-form")
    assert 'data-testid="suggestion-C3"' in response.text
    assert 'data-testid="suggestion-A4"' in response.text
    assert 'data-testid="suggestion-A5"' not in response.text  # resolved
    assert 'data-testid="suggestion-C1"' not in response.text  # another output's obstacle
    assert fields["c3"] == ["2"]  # a severe obstacle: absent / contested
    assert fields["a4"] == ["1"]  # a milder one: partly
    assert fields["a5"] == [""]  # not known
    assert "confirm_c3" in response.context["form"].fields
    assert "confirm_c3" not in fields  # shown, not ticked


def test_a_kept_suggestion_without_its_confirm_box_is_an_error_and_nothing_is_saved(
    client, alice, output, suggesting
):
    client.force_login(alice)
    data = {"output": output.pk, "assessed_on": "2019-06-30", **POLITICAL, "a4": "1"}

    response = client.post(create_url(output), data)

    assert response.status_code == 400
    assert 'data-field-error="c3"' in response.text
    assert 'data-field-error="a4"' in response.text
    assert 'data-field-error="a1"' not in response.text
    assert not Assessment.objects.exists()


def test_a_confirmed_suggestion_is_saved_with_the_derived_quadrant(
    client, alice, output, suggesting
):
    client.force_login(alice)
    data = {
        "output": output.pk,
        "assessed_on": "2019-06-30",
        **POLITICAL,
        "a4": "1",
        "confirm_c3": "on",
        "confirm_a4": "on",
    }

    response = client.post(create_url(output), data)

    assert response.status_code == 302
    saved = Assessment.objects.get()
    assert (saved.c3, saved.a4) == (2, 1)
    assert saved.quadrant == "political"
    assert (saved.ambiguity, saved.conflict) == (Decimal("0.125"), Decimal("1"))
    assert (saved.assessor, saved.version) == (alice, 1)


def test_a_changed_suggestion_needs_no_confirmation(client, alice, output, suggesting):
    client.force_login(alice)
    data = {"output": output.pk, "assessed_on": "2019-06-30", **POLITICAL, "c3": "0", "a4": ""}

    response = client.post(create_url(output), data)

    assert response.status_code == 302
    assert Assessment.objects.get().c3 == 0


def test_editing_an_assessment_shows_its_answers_and_no_suggestions(
    client, alice, output, suggesting
):
    assessment = assessment_create(
        actor=alice, output=output, assessed_on=output.start_date, items=ADMINISTRATIVE
    )
    client.force_login(alice)

    response = client.get(
        reverse("record-edit", args=[output.programme.code, "assessments", assessment.pk])
    )

    _, fields = form_with(response.text, "record-form")
    assert fields["c3"] == ["0"]
    assert fields["a4"] == [""]  # left unanswered, whatever the obstacles suggest
    assert 'data-testid="suggestion-' not in response.text
    assert not [name for name in response.context["form"].fields if name.startswith("confirm_")]


# The quadrant is derived --------------------------------------------------------------------


def test_nobody_sets_the_quadrant_or_scores_by_posting_them(client, alice, output):
    client.force_login(alice)
    forged = {"quadrant": "symbolic", "ambiguity": "1", "conflict": "1", "borderline": "on"}
    answers = {k: str(v) for k, v in ADMINISTRATIVE.items()}

    created = client.post(
        create_url(output), {"output": output.pk, "assessed_on": "2019-06-30", **answers} | forged
    )
    assessment = Assessment.objects.get()
    edit_url = reverse("record-edit", args=[output.programme.code, "assessments", assessment.pk])
    edited = client.post(edit_url, form_data(client.get(edit_url).context["form"]) | forged)

    assert (created.status_code, edited.status_code) == (302, 302)
    assessment.refresh_from_db()
    # The forged fields are ignored and the answers are the same: the edit changed nothing.
    assert assessment.version == 1
    assert (assessment.quadrant, assessment.borderline) == ("administrative", False)
    assert (assessment.ambiguity, assessment.conflict) == (Decimal("0"), Decimal("0"))


# Live preview -------------------------------------------------------------------------------


def test_preview_classifies_the_posted_answers_and_saves_nothing(client, alice, programme):
    client.force_login(alice)

    response = client.post(preview_url(programme), POLITICAL)

    political = matland.quadrant_info("political")
    assert response.status_code == 200
    assert 'data-testid="preview"' in response.text
    assert political.name_en in response.text
    assert political.principle_en in response.text
    assert not Assessment.objects.exists()


def test_preview_speaks_the_users_language(client, alice, programme):
    alice.language = "id"
    alice.save(update_fields=["language"])
    client.force_login(alice)

    response = client.post(preview_url(programme), POLITICAL)

    assert matland.quadrant_info("political").name_id in response.text
    assert matland.quadrant_info("political").principle_id in response.text


def test_preview_with_too_few_answers_is_unclassified(client, alice, programme):
    client.force_login(alice)

    response = client.post(preview_url(programme), {"a1": "2", "c1": "2"})

    assert response.status_code == 200
    assert matland.quadrant_info("unclassified").name_en in response.text


def test_preview_refuses_an_answer_outside_0_to_2(client, alice, programme):
    client.force_login(alice)

    response = client.post(preview_url(programme), {**POLITICAL, "a2": "3"})

    assert response.status_code == 400
    assert "A2" in response.content.decode()


def test_the_form_carries_each_suggested_answer_for_the_preview(client, alice, output, suggesting):
    client.force_login(alice)

    response = client.get(create_url(output), {"output": output.pk})

    _, fields = form_with(response.text, "record-form")
    assert (fields["suggested_c3"], fields["suggested_a4"]) == (["2"], ["1"])
    assert "suggested_a5" not in fields  # resolved: no suggestion


def test_preview_leaves_out_a_suggested_answer_until_it_is_confirmed(client, alice, programme):
    client.force_login(alice)
    # A1-A3 and C1-C2 answered; C3 and C4 hold suggestions the analyst has not confirmed yet.
    suggested = {"c3": "2", "suggested_c3": "2", "c4": "1", "suggested_c4": "1"}
    answers = {"a1": "0", "a2": "0", "a3": "0", "c1": "2", "c2": "2"}

    unconfirmed = client.post(preview_url(programme), answers | suggested)
    confirmed = client.post(preview_url(programme), answers | suggested | {"confirm_c3": "on"})
    changed = client.post(preview_url(programme), answers | suggested | {"c4": "2"})

    assert "3 of 6 ambiguity and 2 of 5 conflict items answered" in unconfirmed.text
    assert matland.quadrant_info("unclassified").name_en in unconfirmed.text
    assert "2 suggested answers not confirmed yet" in unconfirmed.text
    assert "3 of 6 ambiguity and 3 of 5 conflict items answered" in confirmed.text
    assert matland.quadrant_info("political").name_en in confirmed.text
    assert "1 suggested answer not confirmed yet" in confirmed.text
    # An answer changed from the suggestion is the analyst's own: it counts.
    assert "3 of 6 ambiguity and 3 of 5 conflict items answered" in changed.text
    assert "1 suggested answer not confirmed yet" in changed.text


def test_a_new_assessment_is_dated_today_and_an_edit_keeps_its_date(client, alice, output):
    client.force_login(alice)

    new = client.get(create_url(output), {"output": output.pk})
    assessment = assessment_create(
        actor=alice, output=output, assessed_on=output.start_date, items=ADMINISTRATIVE
    )
    edit = client.get(
        reverse("record-edit", args=[output.programme.code, "assessments", assessment.pk])
    )

    _, new_fields = form_with(new.text, "record-form")
    _, edit_fields = form_with(edit.text, "record-form")
    assert new_fields["assessed_on"] == [timezone.localdate().isoformat()]
    assert edit_fields["assessed_on"] == [output.start_date.isoformat()]


def test_preview_is_404_for_a_user_without_a_role(client, charlie, programme):
    client.force_login(charlie)

    assert client.post(preview_url(programme), POLITICAL).status_code == 404


def test_preview_needs_a_signed_in_user_and_a_post(client, alice, programme):
    signed_out = client.post(preview_url(programme), POLITICAL)
    client.force_login(alice)
    fetched = client.get(preview_url(programme))

    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse(settings.LOGIN_URL))
    assert fetched.status_code == 405
