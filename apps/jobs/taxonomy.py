"""Loads the obstacle-cause taxonomy shipped in reference_data/taxonomy.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from apps.accounts.models import User
from apps.core.sync import SyncReport, sync_record
from apps.obstacles.models import ObstacleCause
from apps.obstacles.services import obstacle_cause_create, obstacle_cause_update

TAXONOMY_PATH = Path(__file__).resolve().parent / "reference_data" / "taxonomy.json"


def read_taxonomy(path: Path = TAXONOMY_PATH) -> dict[str, Any]:
    """The taxonomy file as data."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_taxonomy(
    *, report: SyncReport, actor: User | None = None, path: Path = TAXONOMY_PATH
) -> dict[str, ObstacleCause]:
    """Create or update every cause of the taxonomy; returns them by code."""
    causes = {}
    for row in read_taxonomy(path)["causes"]:
        causes[row["code"]] = sync_record(
            report,
            ObstacleCause,
            lookup={"code": row["code"]},
            values={
                "name_en": row["en"],
                "name_id": row["id"],
                "frameworks": list(row["frameworks"]),
                "dimension": row["dimension"],
                "items": list(row["items"]),
            },
            create=lambda **kw: obstacle_cause_create(actor=actor, **kw),
            update=lambda cause, **kw: obstacle_cause_update(cause=cause, actor=actor, **kw),
        )
    return causes
