"""The assessment form's live preview: the scores and quadrant the answers would give."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.assessments import matland
from apps.workspace.views.base import readable_programme


@login_required
@require_POST
def assessment_preview(request: HttpRequest, code: str) -> HttpResponse:
    """Classify the posted answers with the programme's thresholds; nothing is saved.

    A suggested answer (the form posts it as `suggested_<item>`) still unconfirmed is the open
    obstacles' guess, not the analyst's answer, so it counts as unanswered until confirmed.
    """
    programme = readable_programme(request, code)
    answers: dict[str, int | None] = {}
    unconfirmed = 0
    for item in matland.ITEM_CODES:
        field = item.lower()
        raw = request.POST.get(field, "")
        if raw not in ("", "0", "1", "2"):
            return HttpResponseBadRequest(
                _("%(item)s: answer 0, 1, 2 or leave it blank.") % {"item": item}
            )
        suggested = request.POST.get(f"suggested_{field}")
        if raw and raw == suggested and not request.POST.get(f"confirm_{field}"):
            unconfirmed += 1
            raw = ""
        answers[item] = None if raw == "" else int(raw)
    result = matland.classify(
        answers,
        ambiguity_threshold=programme.ambiguity_threshold,
        conflict_threshold=programme.conflict_threshold,
    )
    info = matland.quadrant_info(result.quadrant)
    language = get_language() or "en"
    return render(
        request,
        "assessments/_preview.html",
        {
            "result": result,
            "name": info.name(language),
            "principle": info.principle(language),
            "strategy": info.strategy(language),
            "answered_a": sum(answers[c] is not None for c in matland.AMBIGUITY_ITEMS),
            "answered_c": sum(answers[c] is not None for c in matland.CONFLICT_ITEMS),
            "unconfirmed": unconfirmed,
        },
    )
