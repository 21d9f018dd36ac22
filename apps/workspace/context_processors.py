"""What every page's navigation needs: the user's programmes and the workspace sections."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from apps.accounts.selectors import programmes_readable_by
from apps.workspace.kinds import RecordKind, programme_kinds, shared_kinds

# The sections analysts use most come first in the navigation bar; the rest go under "More".
FIRST_SECTIONS = ("outputs", "obstacles", "assessments")


def _nav_rank(kind: RecordKind[Any]) -> int:
    return FIRST_SECTIONS.index(kind.key) if kind.key in FIRST_SECTIONS else len(FIRST_SECTIONS)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Programmes for the switcher, the current one (from the URL) and the section links."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    shown = ("pk", "code", "title", "title_language", "title_translation")
    programmes = list(programmes_readable_by(user=user).only(*shown))
    match = getattr(request, "resolver_match", None)
    code = match.kwargs.get("code") if match else None
    current = next((p for p in programmes if p.code == code), None)
    return {
        "nav_programmes": programmes,
        "current_programme": current,
        "programme_sections": [
            (kind.key, kind.label)
            for kind in sorted(programme_kinds(), key=_nav_rank)
            if kind.in_programme_nav
        ],
        "shared_sections": [(kind.key, kind.label) for kind in shared_kinds()],
        "search_query": request.GET.get("q", "") if match and match.url_name == "search" else "",
    }
