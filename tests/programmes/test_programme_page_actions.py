"""Adding outcomes and outputs where the programme page shows the results framework (issue 10,
item 14): the links open the create forms with the programme or outcome preset and bring the
analyst back to the programme page after saving."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from apps.programmes.models import Outcome, Output
from tests.factories import MembershipFactory, OutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_url(programme) -> str:
    return reverse("programme-detail", args=[programme.code])


def links(html: str, testid: str) -> list[str]:
    """The hrefs of the page's links with `data-testid=testid`, in order."""
    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "a" and attributes.get("data-testid") == testid:
                found.append(attributes.get("href") or "")

    Links().feed(html)
    return found


def test_an_analyst_sees_add_outcome_and_add_output_for_each_outcome(client, alice, outcome):
    second = OutcomeFactory(programme=outcome.programme, code="SP2", order=2)
    programme = outcome.programme
    client.force_login(alice)

    response = client.get(page_url(programme))

    assert response.status_code == 200
    [add_outcome] = links(response.text, "add-outcome")
    target = urlsplit(add_outcome)
    assert target.path == reverse("record-create", args=[programme.code, "outcomes"])
    assert parse_qs(target.query) == {"next": [page_url(programme)]}
    add_outputs = links(response.text, "add-output")
    assert len(add_outputs) == 2
    for href, parent in zip(add_outputs, [outcome, second], strict=True):
        target = urlsplit(href)
        assert target.path == reverse("record-create", args=[programme.code, "outputs"])
        assert parse_qs(target.query) == {
            "outcome": [str(parent.pk)],
            "next": [page_url(programme)],
        }
    assert "Add outcome" in response.text
    assert "Add output" in response.text


def test_an_analyst_of_a_programme_without_outcomes_may_still_add_the_first(client, programme):
    analyst = UserFactory()
    MembershipFactory(user=analyst, programme=programme, role="analyst")
    client.force_login(analyst)

    response = client.get(page_url(programme))

    assert len(links(response.text, "add-outcome")) == 1
    assert links(response.text, "add-output") == []


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_readers_see_no_add_actions(client, outcome, role):
    reader = UserFactory()
    MembershipFactory(user=reader, programme=outcome.programme, role=role)
    client.force_login(reader)

    response = client.get(page_url(outcome.programme))

    assert links(response.text, "add-outcome") == []
    assert links(response.text, "add-output") == []


def test_adding_an_output_from_the_programme_page_presets_the_outcome_and_comes_back(
    client, alice, outcome
):
    programme = outcome.programme
    client.force_login(alice)
    [href] = links(client.get(page_url(programme)).text, "add-output")

    form_page = client.get(href)
    assert form_page.context["form"]["outcome"].value() == str(outcome.pk)
    data = {
        "outcome": form_page.context["form"]["outcome"].value(),
        "code": "7.1",
        "title": "Prosecutors trained on asset recovery",
        "status": "not_started",
        "next": page_url(programme),
    }
    response = client.post(href, data)

    assert response.status_code == 302
    assert response["Location"] == page_url(programme)
    assert Output.objects.get(code="7.1").outcome == outcome
    assert "Prosecutors trained on asset recovery" in client.get(page_url(programme)).text


def test_adding_an_outcome_from_the_programme_page_comes_back_to_it(client, alice, programme):
    client.force_login(alice)
    [href] = links(client.get(page_url(programme)).text, "add-outcome")

    response = client.post(
        href, {"code": "SP9", "title": "Maritime crime", "order": "9", "next": page_url(programme)}
    )

    assert response.status_code == 302
    assert response["Location"] == page_url(programme)
    assert Outcome.objects.get(code="SP9").programme == programme
    assert "Maritime crime" in client.get(page_url(programme)).text
