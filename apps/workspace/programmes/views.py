"""Programme pages: the list of programmes, a programme's overview, and the output page's
inline measurement forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, F, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.accounts.choices import Role
from apps.accounts.selectors import can_write_programme, programme_role, signed_in
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.obstacles.models import Obstacle
from apps.programmes.choices import Measure
from apps.programmes.models import Indicator
from apps.programmes.selectors import indicators_for_outputs, indicators_with_progress
from apps.stakeholders.models import Involvement
from apps.workspace.kinds import kind_for
from apps.workspace.programmes import selectors
from apps.workspace.programmes.pages import label_quadrants
from apps.workspace.views.base import readable_programme
from apps.workspace.views.records import RecordDetailView

# Rows of obstacles and of stakeholders the programme page shows, however many there are.
PAGE_ROWS = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The programmes the user holds a role in."""
    programmes = selectors.programme_list(user=request.user)
    return render(request, "programmes/home.html", {"programmes": programmes})


@login_required
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One programme: outcomes, outputs with their current quadrant, obstacles and stakeholders."""
    programme = readable_programme(request, code)
    tree = selectors.outcome_tree(programme=programme)
    outputs = [output for _, outputs in tree for output in outputs]
    indicators = indicators_with_progress(indicators_for_outputs(outputs))
    indicators_by_output: dict[int, list] = {}
    for indicator in indicators:
        indicators_by_output.setdefault(indicator.output_id, []).append(indicator)
    for output in label_quadrants(outputs):
        output.indicator_rows = indicators_by_output.get(output.pk, [])
    obstacles = Obstacle.objects.filter(programme=programme)
    involvements = Involvement.objects.filter(programme=programme, output__isnull=True)
    role = programme_role(user=request.user, programme=programme)
    context = {
        "programme": programme,
        "role": role,
        "role_label": Role(role).label if role else None,
        # Outcomes and outputs are added where the results framework is shown.
        "can_write": can_write_programme(user=request.user, programme=programme),
        "crumbs": [(programme.code, None)],
        "tree": tree,
        # The page shows the most pressing few; the register and the list hold all of them.
        "obstacles": obstacles.select_related("cause")
        .prefetch_related("outputs", "sources")
        .order_by(
            Case(When(status__in=ACTIVE_STATUSES, then=0), default=1),
            F("severity").desc(nulls_last=True),
            "title",
        )[:PAGE_ROWS],
        "obstacle_count": obstacles.count(),
        "involvements": involvements.select_related("stakeholder")
        .prefetch_related("sources")
        .order_by("role", "stakeholder__acronym")[:PAGE_ROWS],
        "involvement_count": involvements.count(),
        "sources": programme.sources.all(),
    }
    return render(request, "programmes/programme_detail.html", context)


class OutputMeasurementView(RecordDetailView):
    """Where the output page's inline measurement forms post: a measurement saved goes back to
    the output page; one refused shows the output page again, with the errors and the values on
    the form it was entered in."""

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.require_write()
        output = self.get_record()
        raw = request.POST.get("indicator", "")
        indicator = get_object_or_404(
            Indicator, pk=int(raw) if raw.isdigit() else None, output=output
        )
        measurements = kind_for("measurements")
        assert measurements is not None
        form = self.form(data=request.POST, kind=measurements)
        if form.is_valid():
            try:
                saved = measurements.create(
                    actor=signed_in(request), programme=self.programme, data=form.payload()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved: %(record)s.") % {"record": saved})
                return redirect(self.url("detail", output.pk))
        # The inline form shows these fields; errors on any other go above them. The first
        # field at fault takes the focus, which also scrolls the page to the form.
        entry = "narrative" if indicator.measure == Measure.QUALITATIVE else "value"
        shown = ["period_start", "period_end", entry, "note"]
        return self.render_detail(
            output,
            status=400,
            measurement_form=form,
            measurement_indicator=indicator.pk,
            measurement_errors=[
                error
                for name, errors in form.errors.items()
                if name not in shown
                for error in errors
            ],
            measurement_focus=next((name for name in shown if name in form.errors), shown[0]),
        )
