"""The Indonesian catalogue is complete, and `manage.py compile_translations` compiles it
without GNU gettext, refusing a catalogue that is not ready."""

from __future__ import annotations

import re
from io import StringIO

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from tests.core.catalogue import CATALOGUE, SAME_IN_BOTH, copy_catalogue

SAME_IN_BOTH_MSGIDS = SAME_IN_BOTH | {
    "Sabatier–Mazmanian (SM1–SM5), Van Meter & Van Horn (VMVH1–6), Edwards (E1–4).",
}

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


def test_compile_translations_writes_a_mo_that_django_loads(tmp_path):
    target = copy_catalogue(tmp_path)
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
    target = copy_catalogue(tmp_path)
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
