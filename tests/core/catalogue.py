"""The committed Indonesian catalogue (locale/id/LC_MESSAGES/django.po), for the translation tests.

`make setup` compiles it with `manage.py compile_translations` (polib, no GNU gettext).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"

# Words that are the same in both languages (a translator did not forget them).
SAME_IN_BOTH = {
    "URL", "Status", "status", "Target", "target", "Donor", "Token", "CSV", "PNG", "A", "---------",
}  # fmt: skip


def copy_catalogue(folder: Path) -> Path:
    target = folder / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(CATALOGUE, target / "django.po")
    return target
