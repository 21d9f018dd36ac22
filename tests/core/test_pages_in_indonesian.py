"""A user whose language is Indonesian gets Indonesian pages with Indonesian dates and numbers.

The pages are rendered against a copy of the catalogue compiled for the test session (the
`indonesian_catalogue` fixture), so they do not depend on a .mo left in the work tree.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleFactory,
)

# English interface words that must not survive on an Indonesian page. None of them occurs in
# the records the factories make ("Programme 3", "Output 7", "Indicator 2", "Obstacle 5", ...).
ENGLISH_UI = [
    "Indicators", "Obstacles", "Stakeholders", "Outputs", "Programmes", "Measurements",
    "Save", "Cancel", "History", "Edit", "Delete", "Log out", "Search records", "Language",
    "Filter", "Clear", "Budget", "unknown", "Current quadrant", "Suggested strategy",
    "Central principle", "Not assessed", "not assessed", "Your programmes", "API tokens",
    "Create token", "Results framework", "Obstacle board", "Severity", "Cause", "Ambiguity",
    "Conflict", "Skip to content", "records", "Period", "Value", "Note", "Record", "Add",
    "Open obstacles", "Your tokens", "Read only", "Read and write", "Expires", "Name", "Access",
    "Programme code", "Matland dimension", "Manifestation", "Identified on", "Severity at least",
    "Why?", "Preview", "Administrative implementation", "Unclassified", "Open", "Mitigating",
    "Not started", "On track", "Illustrative", "Assessed on", "Assess this output",
    "Implementing partner", "Neutral", "Government", "Role", "Influence", "Interest", "Stance",
    "Shared", "Administration", "API documentation", "Previous", "Next", "Page",
    "is greater than", "is less than", "is null", "Yes", "Nothing",
]  # fmt: skip


# Pages in Indonesian -------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes and the labelling attributes."""

    ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-confirm"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words_in(text: str) -> list[str]:
    return [word for word in ENGLISH_UI if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]


@pytest.fixture
def workspace(alice, output):
    """An output with an indicator and a measurement, an obstacle and a stakeholder."""
    indicator = IndicatorFactory(output=output)
    MeasurementFactory(indicator=indicator, value=Decimal("1234.5"))
    obstacle = ObstacleFactory(programme=output.programme, severity=4)
    obstacle.outputs.add(output)
    InvolvementFactory(output=output)
    output.budget_planned = Decimal("1500000")
    output.end_date = date(2020, 6, 30)
    output.save()
    return output


def _client_for(user, language: str) -> Client:
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def _main_pages(output) -> list[str]:
    code = output.programme.code
    return [
        reverse("home"),
        reverse("programme-detail", args=[code]),
        reverse("record-detail", kwargs={"code": code, "record": "outputs", "pk": output.pk}),
        reverse("record-list", kwargs={"code": code, "record": "obstacles"}),
        reverse("record-create", kwargs={"code": code, "record": "assessments"})
        + f"?output={output.pk}",
        reverse("token-list"),
        reverse("programme-dashboard", args=[code]),
        reverse("portfolio-dashboard"),
    ]


@pytest.mark.django_db
def test_main_pages_are_in_indonesian_for_a_user_who_chose_it(
    indonesian_catalogue, workspace, alice
):
    client = _client_for(alice, "id")
    for url in _main_pages(workspace):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="id">' in response.text, url
        assert response["Content-Language"] == "id"
        assert english_words_in(visible_text(response.text)) == [], url


@pytest.mark.django_db
def test_the_same_pages_stay_in_english_for_an_english_user(indonesian_catalogue, workspace, alice):
    client = _client_for(alice, "en")
    texts = []
    for url in _main_pages(workspace):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.text
        texts.append(visible_text(response.text))
    assert {"Indicators", "Obstacles", "Save", "History", "Log out"} <= set(
        english_words_in(" ".join(texts))
    )


@pytest.mark.django_db
def test_dates_and_numbers_follow_the_language(indonesian_catalogue, workspace, alice):
    url = reverse(
        "record-detail",
        kwargs={"code": workspace.programme.code, "record": "outputs", "pk": workspace.pk},
    )
    indonesian = visible_text(_client_for(alice, "id").get(url).text)
    assert "30 Juni 2020" in indonesian
    assert "1.500.000,00" in indonesian
    assert "1.234,5" in indonesian

    english = visible_text(_client_for(alice, "en").get(url).text)
    assert "June 30, 2020" in english
    assert "1,500,000.00" in english
    assert "1,234.5" in english


@pytest.mark.django_db
def test_language_switch_is_remembered_on_the_user_without_the_cookie(indonesian_catalogue, alice):
    client = Client()
    client.force_login(alice)
    response = client.post(reverse("language"), {"language": "id", "next": reverse("home")})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    alice.refresh_from_db()
    assert alice.language == "id"

    elsewhere = Client()  # another browser: no language cookie, an English Accept-Language
    elsewhere.force_login(alice)
    response = elsewhere.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert settings.LANGUAGE_COOKIE_NAME not in elsewhere.cookies
    assert '<html lang="id">' in response.text
    assert "Program Anda" in response.text


@pytest.mark.django_db
def test_switching_back_to_english_is_remembered_too(indonesian_catalogue, alice):
    client = _client_for(alice, "id")
    client.post(reverse("language"), {"language": "en", "next": reverse("home")})
    alice.refresh_from_db()
    assert alice.language == "en"
    assert '<html lang="en">' in client.get(reverse("home")).text


@pytest.mark.django_db
def test_an_unknown_language_is_refused_and_nothing_is_stored(indonesian_catalogue, alice):
    client = _client_for(alice, "en")
    response = client.post(reverse("language"), {"language": "fr"})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.language == "en"


@pytest.mark.django_db
def test_before_login_the_choice_lives_in_a_cookie(indonesian_catalogue):
    client = Client()
    response = client.post(reverse("language"), {"language": "id", "next": reverse("login")})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    response = client.get(response["Location"])
    assert '<html lang="id">' in response.text
    assert "Masuk ke Pantau" in response.text


@pytest.mark.django_db
def test_validation_messages_reach_the_form_in_indonesian(indonesian_catalogue, alice, output):
    client = _client_for(alice, "id")
    code = output.programme.code
    response = client.post(
        reverse("record-create", kwargs={"code": code, "record": "indicators"}),
        {
            "output": output.pk, "code": "X1", "name": "Seizures", "unit": "kg",
            "measure": "number", "direction": "increase", "aggregation": "sum",
            "baseline_value": "10", "target_value": "5",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Target harus di atas nilai dasar" in response.text  # model or service rule
    assert "baseline" not in visible_text(response.text)

    # A rule only the service knows: its message reaches the page in Indonesian too.
    indicator = IndicatorFactory(output=output, measure="percentage", aggregation="latest")
    response = client.post(
        reverse("record-create", kwargs={"code": code, "record": "measurements"}),
        {
            "indicator": indicator.pk, "period_start": "2019-01-01", "period_end": "2019-12-31",
            "value": "150",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Persentase berada di antara 0 dan 100." in response.text
    assert "A percentage lies" not in response.text


@pytest.mark.django_db
def test_error_pages_are_translated(indonesian_catalogue, alice, programme):
    client = _client_for(alice, "id")
    response = client.get("/p/NO-SUCH-PROGRAMME/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert "Not Found" not in response.text
