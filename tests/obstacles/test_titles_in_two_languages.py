"""Titles in two languages: the original wording with its language, and a translation.

The thesis behind the reference programme's obstacles was written in Indonesian; its author's
wording is the original, and the reference data's English wording is the translation. Pages,
the board, search and the API show the title in the user's language when the record has it,
falling back to the original; the record page shows both, the original marked as such.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.jobs.reference import PROGRAMME_PATH
from apps.obstacles.models import Obstacle
from apps.obstacles.services import obstacle_create
from apps.programmes.models import Programme
from apps.workspace.obstacles.forms import ObstacleForm
from tests.core.conftest import compiled_catalogue, indonesian_catalogue  # noqa: F401
from tests.factories import MembershipFactory, ObstacleCauseFactory, UserFactory

DATA = json.loads(PROGRAMME_PATH.read_text(encoding="utf-8"))
SOURCE_KEYS = {row["key"] for row in DATA["sources"]}
ORIGINAL = "Kurangnya dasar ilmiah yang kuat"
ENGLISH = "Lack of a strong scientific basis"
# The thesis author's wording of the four obstacles the thesis names (issue 10).
THESIS_WORDING = {
    "Unclear policy objectives": "Ketidakjelasan tujuan kebijakan",
    "Lack of a strong scientific basis": "Kurangnya dasar ilmiah yang kuat",
    "Lack of commitment of implementing officials": "Kurangnya komitmen pejabat pelaksana",
    "Changes in the socio-economic framework": "Perubahan kerangka sosial ekonomi",
}


def load_reference() -> None:
    call_command("load_reference", stdout=StringIO())


@pytest.fixture
def reference(db) -> Programme:
    load_reference()
    return Programme.objects.get(code="IDN-CP-2017")


@pytest.fixture
def thesis_obstacle(reference) -> Obstacle:
    return Obstacle.objects.get(programme=reference, title=ORIGINAL)


def client_for(programme: Programme, language: str) -> Client:
    user = UserFactory(language=language)
    MembershipFactory(user=user, programme=programme, role="analyst")
    client = Client()
    client.force_login(user)
    return client


def detail_url(obstacle: Obstacle) -> str:
    return reverse(
        "record-detail",
        kwargs={"code": obstacle.programme.code, "record": "obstacles", "pk": obstacle.pk},
    )


# The reference data -------------------------------------------------------------------------


def test_the_thesis_obstacles_keep_the_authors_indonesian_wording_as_the_original(reference):
    obstacles = Obstacle.objects.filter(programme=reference, title_language="id")
    assert {o.title_translation: o.title for o in obstacles} == THESIS_WORDING
    for obstacle in obstacles:
        assert set(obstacle.sources.values_list("key", flat=True)) == {"thesis"}


def test_obstacles_without_a_sourced_translation_keep_one_title(reference):
    others = Obstacle.objects.filter(programme=reference).exclude(title_language="id")
    assert others.count() == len(DATA["obstacles"]) - len(THESIS_WORDING)
    assert set(others.values_list("title_translation", flat=True)) == {""}


def test_every_translated_title_in_the_reference_data_names_its_source():
    rows = [
        *DATA["obstacles"], *DATA["outcomes"], *DATA["outputs"], *DATA["sources"],
        DATA["programme"],
    ]  # fmt: skip
    translated = [row for row in rows if row.get("title_translation")]
    assert translated
    for row in translated:
        assert row["title_language"] in ("en", "id")
        assert row["title_source"] in SOURCE_KEYS


def test_a_database_loaded_with_the_english_titles_is_renamed_not_duplicated(db):
    load_reference()
    renamed = Obstacle.objects.get(title=ORIGINAL)
    # As an earlier load left it: the English wording as the title, nothing else.
    Obstacle.objects.filter(pk=renamed.pk).update(
        title=ENGLISH, title_language="en", title_translation=""
    )
    load_reference()
    again = Obstacle.objects.get(pk=renamed.pk)
    assert (again.title, again.title_language, again.title_translation) == (ORIGINAL, "id", ENGLISH)
    assert Obstacle.objects.count() == len(DATA["obstacles"])


def test_loading_twice_changes_nothing_the_second_time(reference):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "Obstacles        created   0  updated   0" in out.getvalue()


# The title in the user's language -----------------------------------------------------------


def test_the_title_follows_the_language_and_falls_back_to_the_original(db, programme):
    translated = obstacle_create(
        programme=programme,
        title=ORIGINAL,
        title_language="id",
        title_translation=ENGLISH,
        cause=ObstacleCauseFactory(),
    )
    untranslated = obstacle_create(
        programme=programme, title="Only in English", cause=translated.cause
    )
    assert translated.title_in("en") == ENGLISH
    assert translated.title_in("id") == ORIGINAL
    assert untranslated.title_in("id") == "Only in English"
    assert untranslated.title_language == "en"


def test_the_board_shows_the_indonesian_title_to_an_indonesian_user(thesis_obstacle):
    url = reverse("obstacle-board", args=[thesis_obstacle.programme.code])
    indonesian = client_for(thesis_obstacle.programme, "id").get(url).content.decode()
    english = client_for(thesis_obstacle.programme, "en").get(url).content.decode()
    assert f'<span lang="id">{ORIGINAL}</span></a>' in indonesian
    assert ENGLISH not in indonesian
    assert f'<span lang="en">{ENGLISH}</span></a>' in english


def test_the_register_lists_the_title_in_the_users_language(thesis_obstacle):
    code = thesis_obstacle.programme.code
    url = reverse("record-list", kwargs={"code": code, "record": "obstacles"})
    assert ORIGINAL in client_for(thesis_obstacle.programme, "id").get(url).content.decode()
    english = client_for(thesis_obstacle.programme, "en").get(url).content.decode()
    assert ENGLISH in english
    assert ORIGINAL not in english


@pytest.mark.usefixtures("indonesian_catalogue")
def test_the_record_page_shows_both_titles_with_the_original_marked(thesis_obstacle):
    url = detail_url(thesis_obstacle)
    english = client_for(thesis_obstacle.programme, "en").get(url).content.decode()
    assert f'<h1 class="h3 mb-1" lang="en">{ENGLISH}</h1>' in english
    assert "Original title (Indonesian)" in english
    assert f'<span lang="id">{ORIGINAL}</span>' in english
    indonesian = client_for(thesis_obstacle.programme, "id").get(url).content.decode()
    assert f'<h1 class="h3 mb-1" lang="id">{ORIGINAL}</h1>' in indonesian
    assert "Judul asli (Indonesia)" in indonesian
    assert f'<span lang="en">{ENGLISH}</span>' in indonesian


def test_search_finds_a_record_by_either_title(thesis_obstacle):
    client = client_for(thesis_obstacle.programme, "en")
    for words in ("scientific basis", "dasar ilmiah"):
        found = client.get(reverse("search"), {"q": words}).content.decode()
        assert detail_url(thesis_obstacle) in found, words


# The API ------------------------------------------------------------------------------------


def test_the_api_gives_both_titles_and_the_one_in_the_users_language(thesis_obstacle):
    url = f"/api/v1/obstacles/{thesis_obstacle.pk}/"
    indonesian = client_for(thesis_obstacle.programme, "id").get(url).json()
    assert indonesian["title"] == ORIGINAL
    assert indonesian["title_language"] == "id"
    assert indonesian["title_translation"] == ENGLISH
    assert indonesian["title_translation_language"] == "en"
    assert indonesian["title_display"] == ORIGINAL
    english = client_for(thesis_obstacle.programme, "en").get(url).json()
    assert english["title_display"] == ENGLISH


def test_an_analyst_sets_the_translation_through_the_api(thesis_obstacle):
    client = client_for(thesis_obstacle.programme, "en")
    url = f"/api/v1/obstacles/{thesis_obstacle.pk}/"
    response = client.patch(
        url,
        {"title_translation": "No strong scientific basis"},
        content_type="application/json",
        headers={"If-Match": f'"{thesis_obstacle.version}"'},
    )
    assert response.status_code == 200, response.content
    assert response.json()["title_display"] == "No strong scientific basis"


def test_the_schema_documents_both_titles(db):
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    properties = schema["components"]["schemas"]["Obstacle"]["properties"]
    for name in ("title_language", "title_translation", "title_translation_language"):
        assert properties[name].get("description"), name
    assert properties["title_display"]["readOnly"] is True


# Forms --------------------------------------------------------------------------------------


def test_an_analyst_enters_the_second_language_title_in_the_form(thesis_obstacle):
    client = client_for(thesis_obstacle.programme, "en")
    code = thesis_obstacle.programme.code
    kwargs = {"code": code, "record": "obstacles", "pk": thesis_obstacle.pk}
    form = client.get(reverse("record-edit", kwargs=kwargs)).content.decode()
    assert 'name="title_translation"' in form
    assert 'name="title_language"' in form


def test_a_new_title_left_without_a_language_is_in_the_analysts_language(programme, cause):
    data = {
        "title": "Anggaran survei dipotong",
        "title_translation": "Survey budget cut",
        "cause": cause.pk,
        "manifestation": "limited_resources",
        "status": "open",
    }
    with translation.override("id"):
        form = ObstacleForm(data=data, programme=programme)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["title_language"] == "id"
    assert form.cleaned_data["title_translation"] == "Survey budget cut"
