"""The dashboards' output titles (matrix, strategies) are in the reader's language, falling back
to the original title, as the aggregate endpoints give them to the charts and tables."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from apps.programmes.models import Output
from tests.dashboards.dashboard_data import add_outputs
from tests.factories import MembershipFactory, UserFactory

ORIGINAL = "Prosedur berbagi intelijen narkoba antarlembaga disepakati"
ENGLISH = "Inter-agency drug intelligence-sharing procedure adopted"


@pytest.fixture
def translated(programme, cause) -> Output:
    add_outputs(programme, 4, cause=cause)
    output = Output.objects.filter(programme=programme).order_by("pk").first()
    Output.objects.filter(pk=output.pk).update(
        title=ORIGINAL, title_language="id", title_translation=ENGLISH
    )
    return output


def titles_seen(programme, user_language: str, endpoint: str, **params) -> set[str]:
    user = UserFactory(language=user_language)
    MembershipFactory(user=user, programme=programme, role="viewer")
    client = Client()
    client.force_login(user)
    url = reverse(f"aggregate-{endpoint}")
    results = client.get(url, {"programme": programme.pk, **params}).json()["results"]
    if endpoint == "quadrant-strategies":
        return {output["title"] for row in results for output in row["outputs"]}
    return {row["title"] for row in results}


@pytest.mark.parametrize(
    "language, shown, hidden", [("id", ORIGINAL, ENGLISH), ("en", ENGLISH, ORIGINAL)]
)
def test_the_matrix_gives_the_title_in_the_readers_language(translated, language, shown, hidden):
    titles = titles_seen(translated.programme, language, "quadrant-matrix")
    assert shown in titles
    assert hidden not in titles


@pytest.mark.parametrize(
    "language, shown, hidden", [("id", ORIGINAL, ENGLISH), ("en", ENGLISH, ORIGINAL)]
)
def test_the_strategies_give_the_title_in_the_language_asked_for(
    translated, language, shown, hidden
):
    titles = titles_seen(translated.programme, language, "quadrant-strategies", language=language)
    assert shown in titles
    assert hidden not in titles
