"""The obstacle board: a programme's obstacles by status, with quick status changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.selectors import can_write_programme, signed_in
from apps.core.services import VersionConflict
from apps.obstacles.choices import ObstacleStatus
from apps.obstacles.models import Obstacle
from apps.obstacles.services import obstacle_update
from apps.workspace.obstacles.filters import ObstacleFilter
from apps.workspace.views.base import readable_programme

# The board's filter bar: these few in a row above the board, the others folded under "More".
BAR_FILTERS = ("cause", "min_severity", "output", "is_illustrative")


@login_required
def obstacle_board(request: HttpRequest, code: str) -> HttpResponse:
    """Obstacles in one column per status, most severe first, filtered like the register."""
    programme = readable_programme(request, code)
    obstacles = (
        Obstacle.objects.filter(programme=programme)
        .select_related("cause")
        .prefetch_related("outputs", "sources")
        .order_by("-severity", "title")
    )
    filterset = ObstacleFilter(request.GET or None, queryset=obstacles, request=request)
    for name in ("programme", "programme_code", "status", "owner"):
        filterset.form.fields.pop(name, None)
    shown = filterset.qs if filterset.is_bound and filterset.is_valid() else obstacles
    form = filterset.form
    more = [form[name] for name in form.fields if name not in BAR_FILTERS]
    columns = [
        {"status": value, "label": label, "obstacles": [o for o in shown if o.status == value]}
        for value, label in ObstacleStatus.choices
    ]
    return render(
        request,
        "obstacles/board.html",
        {
            "programme": programme,
            "columns": columns,
            "filterset": filterset,
            "bar_filters": [form[name] for name in BAR_FILTERS if name in form.fields],
            "more_filters": more,
            # Folded filters stay open while one of them is in use.
            "more_in_use": any(request.GET.getlist(field.html_name) for field in more),
            "statuses": ObstacleStatus.choices,
            "can_write": can_write_programme(user=request.user, programme=programme),
            "crumbs": [
                (programme.code, reverse("programme-detail", args=[programme.code])),
                (_("Obstacle board"), None),
            ],
        },
    )


@login_required
@require_POST
def obstacle_status_set(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Move an obstacle to another status (refused if it changed since the board was shown)."""
    programme = readable_programme(request, code)
    if not can_write_programme(user=request.user, programme=programme):
        raise PermissionDenied(_("Your role does not allow changes here."))
    obstacle = get_object_or_404(Obstacle, pk=pk, programme=programme)
    version = request.POST.get("version", "")
    try:
        obstacle_update(
            obstacle=obstacle,
            actor=signed_in(request),
            version=int(version) if version.isdigit() else None,
            status=request.POST.get("status", ""),
        )
    except VersionConflict:
        messages.error(
            request,
            _("Not changed: someone changed “%(title)s” meanwhile.") % {"title": obstacle.title},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status of “%(title)s” changed.") % {"title": obstacle.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("obstacle-board", args=[programme.code])
    return redirect(target)
