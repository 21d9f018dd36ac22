"""English and Indonesian: a complete catalogue compiled without GNU gettext, Indonesian pages.

The Indonesian catalogue (locale/id/LC_MESSAGES/django.po) is committed; `make setup` compiles it
with `manage.py compile_translations` (polib). These tests check the catalogue itself, the
command, and that a user whose language is Indonesian gets Indonesian pages with Indonesian
dates and numbers. The pages are rendered against a copy of the catalogue compiled here, so they
do not depend on a .mo left in the work tree.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from apps.core.records import REGISTRY
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleFactory,
)

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"

# Words that are the same in both languages (a translator did not forget them).
SAME_IN_BOTH = {
    "URL", "Status", "status", "Target", "target", "Donor", "Token", "CSV", "PNG", "A", "---------",
}  # fmt: skip
SAME_IN_BOTH_MSGIDS = SAME_IN_BOTH | {
    "Sabatier–Mazmanian (SM1–SM5), Van Meter & Van Horn (VMVH1–6), Edwards (E1–4).",
}

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

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{.*?\}\}|\{\w*\}")
TAG = re.compile(r"</?\w+[^>]*>")


def _entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


# The catalogue ------------------------------------------------------------------------------


def test_indonesian_catalogue_has_no_untranslated_fuzzy_or_obsolete_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 400
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []
    assert not catalogue.metadata_is_fuzzy
    assert all(all(text.strip() for text in _translations(e)) for e in catalogue)


def test_indonesian_catalogue_declares_its_language_and_single_plural_form():
    metadata = polib.pofile(str(CATALOGUE)).metadata
    assert metadata["Language"] == "id"
    assert metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "charset=UTF-8" in metadata["Content-Type"]


def _markers(text: str) -> list[str]:
    """Placeholders and HTML tags, which a translation must carry over unchanged."""
    return sorted(PLACEHOLDER.findall(text) + TAG.findall(text))


def test_translations_keep_the_placeholders_and_markup_of_the_english():
    broken = [
        (entry.msgid, text)
        for entry in _entries()
        for text in _translations(entry)
        if _markers(text) != _markers(entry.msgid_plural or entry.msgid)
    ]
    assert broken == []


def test_no_entry_is_left_in_english():
    copied = [e.msgid for e in _entries() if e.msgstr == e.msgid and e.msgid]
    assert set(copied) <= SAME_IN_BOTH_MSGIDS


# compile_translations ------------------------------------------------------------------------


def _copy_catalogue(folder: Path) -> Path:
    target = folder / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(CATALOGUE, target / "django.po")
    return target


def test_compile_translations_writes_a_mo_that_django_loads(tmp_path):
    target = _copy_catalogue(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        call_command("compile_translations", stdout=StringIO())
        assert (target / "django.mo").stat().st_size > 10_000
        with translation.override("id"):
            assert gettext("Outputs") == "Keluaran"
            assert gettext("Log out") == "Keluar"
            assert gettext("Obstacles") == "Hambatan"
            assert (
                translation.ngettext("%(counter)s record", "%(counter)s records", 3)
                % {"counter": 3}
                == "3 catatan"
            )
        with translation.override("en"):
            assert gettext("Outputs") == "Outputs"


def test_compile_translations_check_writes_nothing(tmp_path):
    target = _copy_catalogue(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        call_command("compile_translations", "--check", stdout=StringIO())
    assert not (target / "django.mo").exists()


HEADER = 'msgid ""\nmsgstr ""\n"Language: id\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ('msgid "Save"\nmsgstr ""\n', "untranslated"),
        ('#, fuzzy\nmsgid "Save"\nmsgstr "Simpan"\n', "fuzzy"),
        ('#, python-format\nmsgid "Saved: %(record)s."\nmsgstr "Tersimpan: %(rekaman)s."\n',
         "placeholders"),
        ('#, python-format\nmsgid "Deleted: %(record)s."\nmsgstr "Terhapus."\n', "placeholders"),
    ],
)  # fmt: skip
def test_compile_translations_refuses_an_unready_catalogue(tmp_path, entry, reason):
    target = tmp_path / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_text(HEADER + entry, encoding="utf-8")
    with override_settings(LOCALE_PATHS=[tmp_path]), pytest.raises(CommandError, match=reason):
        call_command("compile_translations", stdout=StringIO())
    assert not (target / "django.mo").exists()


def test_compile_translations_refuses_a_fuzzy_header(tmp_path):
    target = tmp_path / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    text = "#, fuzzy\n" + HEADER + 'msgid "Save"\nmsgstr "Simpan"\n'
    (target / "django.po").write_text(text, encoding="utf-8")
    with override_settings(LOCALE_PATHS=[tmp_path]), pytest.raises(CommandError, match="header"):
        call_command("compile_translations", stdout=StringIO())


# Every label the workspace shows is marked ---------------------------------------------------


def _workspace_labels(language: str) -> dict[tuple, str]:
    """Column, filter and form labels, help texts and fixed choices of every record kind."""
    labels: dict[tuple, str] = {}
    with translation.override(language):
        for key, spec in REGISTRY.items():
            labels[key, "kind"] = str(spec.label)
            labels[key, "kind, singular"] = str(spec.label_singular)
            for column in spec.columns:
                labels[key, "column", column.accessor] = str(column.label)
            filterset = spec.filterset_class(None, queryset=spec.model.objects.none())
            form = spec.form_class(programme=None, user=None)
            for source, fields in (("filter", filterset.form.fields), ("form", form.fields)):
                for name, field in fields.items():
                    if field.widget.is_hidden:
                        continue
                    labels[key, source, name] = str(field.label)
                    if field.help_text:
                        labels[key, source, name, "help"] = str(field.help_text)
                    if not hasattr(field, "queryset"):  # records are data, not interface
                        for value, label in getattr(field, "choices", ()):
                            labels[key, source, name, value] = str(label)
    return labels


@pytest.mark.django_db
def test_every_workspace_label_has_an_indonesian_translation(indonesian_catalogue):
    english, indonesian = _workspace_labels("en"), _workspace_labels("id")
    untranslated = {
        where: text
        for where, text in english.items()
        if indonesian[where] == text and text not in SAME_IN_BOTH and text.strip()
    }
    assert untranslated == {}


def test_model_texts_are_marked_for_translation():
    from django.apps import apps

    unmarked = []
    for model in apps.get_models():
        if not model.__module__.startswith("apps.") or model.__name__.startswith("Historical"):
            continue
        texts = [model._meta.verbose_name, model._meta.verbose_name_plural]
        for field in model._meta.get_fields():
            if field.auto_created or field.name == "id" or not hasattr(field, "verbose_name"):
                continue
            if re.fullmatch(r"[ac]\d(_note)?", field.name):
                continue  # rubric items: their labels come from matland, in both languages
            texts += [field.verbose_name, *([field.help_text] if field.help_text else [])]
            texts += [label for _value, label in field.flatchoices or ()]
        unmarked += [(model.__name__, t) for t in texts if not isinstance(t, Promise)]
    assert unmarked == []


# Pages in Indonesian -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def compiled_catalogue(tmp_path_factory) -> Path:
    """The committed catalogue, compiled by the command into a folder of this test session."""
    folder = tmp_path_factory.mktemp("locale")
    _copy_catalogue(folder)
    with override_settings(LOCALE_PATHS=[folder]):
        call_command("compile_translations", stdout=StringIO())
    return folder


@pytest.fixture
def indonesian_catalogue(settings, compiled_catalogue) -> Path:
    settings.LOCALE_PATHS = [compiled_catalogue]
    return compiled_catalogue


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
    assert "1234,5" in indonesian

    english = visible_text(_client_for(alice, "en").get(url).text)
    assert "June 30, 2020" in english
    assert "1,500,000.00" in english
    assert "1234.5" in english


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
