"""How the record pages write figures: measured values with the precision their measure needs and
no trailing zeros ("3313.0000" reads "3,313"), rubric scores to two decimals, in the user's
language ("0,25" in Indonesian), and a negative achievement explained."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.assessments.services import assessment_create
from tests.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

# 1.1 at ambiguity 1/4 (A1–A4: 0, 0, 1, 1 → 2 / 8) and conflict 1/3 (C1–C3: 1, 1, 0 → 2 / 6).
ITEMS = {"a1": 0, "a2": 0, "a3": 1, "a4": 1, "c1": 1, "c2": 1, "c3": 0}

# The same figures as each language writes them.
FIGURES = {
    "en": {"seized": "3,313", "share": "1.95", "score": ("0.25", "0.33"), "achieved": "-66.7%"},
    "id": {"seized": "3.313", "share": "1,95", "score": ("0,25", "0,33"), "achieved": "-66,7%"},
}
MOVED_AWAY = {"en": "moved away from the target", "id": "menjauh dari target"}


@pytest.fixture
def figures(output):
    """An output with a count of 3313 kg, a prevalence that rose from 1.77 % to 1.95 % against
    a target of 1.5 %, and an assessment."""
    seized = IndicatorFactory(output=output, code="S", unit="kg", aggregation="sum")
    MeasurementFactory(indicator=seized, value=Decimal("3313.0000"))
    prevalence = IndicatorFactory(
        output=output,
        code="P",
        unit="%",
        measure="percentage",
        direction="decrease",
        aggregation="latest",
        baseline_value=Decimal("1.7700"),
        target_value=Decimal("1.5000"),
    )
    MeasurementFactory(indicator=prevalence, value=Decimal("1.9500"))
    assessment = assessment_create(output=output, assessed_on=date(2019, 6, 30), items=ITEMS)
    return {"seized": seized, "prevalence": prevalence, "assessment": assessment}


def page_text(client, user, language: str, url: str) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_output_page_writes_values_without_trailing_zeros_and_scores_to_two_places(
    client, alice, programme, output, figures, language
):
    expected = FIGURES[language]
    html = page_text(client, alice, language, f"/p/{programme.code}/outputs/{output.pk}/")

    assert "3313.0000" not in html and "1.9500" not in html
    assert f"<td>{expected['seized']}</td>" in html
    assert f"<td>{expected['share']}</td>" in html
    ambiguity, conflict = expected["score"]
    assert f"{ambiguity} · " in html and f" {conflict}" in html
    assert f"<strong>{expected['achieved']}</strong>" in html
    assert MOVED_AWAY[language] in html


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_assessment_list_and_page_give_rubric_scores_to_two_decimals(
    client, alice, programme, figures, language
):
    ambiguity, conflict = FIGURES[language]["score"]
    assessment = figures["assessment"]

    listing = page_text(client, alice, language, f"/p/{programme.code}/assessments/")
    detail = page_text(client, alice, language, f"/p/{programme.code}/assessments/{assessment.pk}/")

    for html in (listing, detail):
        assert "0.2500" not in html and "0,2500" not in html
        assert f"<td>{ambiguity}</td>" in html or f"{ambiguity} · " in html
        assert conflict in html


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_indicator_page_writes_its_baseline_target_and_measurements_plainly(
    client, alice, programme, figures, language
):
    prevalence = figures["prevalence"]
    html = page_text(client, alice, language, f"/p/{programme.code}/indicators/{prevalence.pk}/")

    assert "1.7700" not in html and "1,7700" not in html and "1,5000" not in html
    assert ("1.77" if language == "en" else "1,77") in html
    assert f"<td>{FIGURES[language]['share']}</td>" in html
    assert MOVED_AWAY[language] in html
