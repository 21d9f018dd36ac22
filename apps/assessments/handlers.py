"""What the assessments app does when the layers below it report a change (outbox topics)."""

from __future__ import annotations

from typing import Any

from apps.assessments.tasks import reclassify_programme_assessments
from apps.core.outbox import subscribe
from apps.programmes.services import THRESHOLDS_CHANGED


@subscribe(THRESHOLDS_CHANGED)
def reclassify_after_new_thresholds(payload: dict[str, Any]) -> int:
    """A programme's thresholds changed: derive its assessments' quadrants again."""
    return reclassify_programme_assessments(payload["programme_id"])
