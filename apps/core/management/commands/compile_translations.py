"""manage.py compile_translations: every locale/*/LC_MESSAGES/*.po to its .mo, with polib.

Django's own `compilemessages` needs GNU gettext's msgfmt on the machine; polib is a pinned
Python package, so `make setup` and the image compile the catalogues with nothing else
installed. A catalogue with an untranslated or fuzzy entry, or whose translation drops or
invents a placeholder, is refused: the Indonesian interface must never fall back to English
silently, and a missing `%(name)s` would break the page that formats it.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Python-format placeholders as Django writes them into a catalogue: %(name)s, %s, %d; "%%" is
# a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[sdifeEgGxXor%]")


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted (the translation may reorder them)."""
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


def catalogue_problems(catalogue: polib.POFile) -> list[str]:
    """Why this catalogue may not be compiled; empty when every entry is ready."""
    problems = []
    if catalogue.metadata_is_fuzzy:
        problems.append("the header is marked fuzzy")
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"line {entry.linenum}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where} is fuzzy")
            continue
        if not entry.translated():
            problems.append(f"{where} is untranslated")
            continue
        if "python-format" in entry.flags:
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            wanted = placeholders(entry.msgid_plural or entry.msgid)
            for translation in translations:
                got = placeholders(translation)
                # A plural translation may leave the count out (one form covers every number).
                if got != wanted and not (entry.msgid_plural and set(got) <= set(wanted)):
                    problems.append(f"{where} has placeholders {got}, expected {wanted}")
    return problems


def catalogue_paths() -> list[Path]:
    """Every .po file under the project's LOCALE_PATHS."""
    return sorted(
        path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


class Command(BaseCommand):
    help = (
        "Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (no GNU gettext needed). "
        "Refuses a catalogue with an untranslated or fuzzy entry or a broken placeholder."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only check the catalogues; write no .mo file."
        )

    def handle(self, *args, **options) -> None:
        paths = catalogue_paths()
        if not paths:
            raise CommandError("No catalogue found under LOCALE_PATHS (*/LC_MESSAGES/*.po).")
        refused = []
        for path in paths:
            catalogue = polib.pofile(str(path), wrapwidth=0)
            problems = catalogue_problems(catalogue)
            if problems:
                refused.append(f"{path}:\n  " + "\n  ".join(problems))
                continue
            if not options["check"]:
                catalogue.save_as_mofile(str(path.with_suffix(".mo")))
            verb = "checked" if options["check"] else "compiled"
            self.stdout.write(f"{path}: {len(catalogue.translated_entries())} entries {verb}.")
        if refused:
            raise CommandError("Catalogues not ready:\n" + "\n".join(refused))
