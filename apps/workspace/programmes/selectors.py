"""Reads of the programme pages: the user's programmes and a programme's results framework."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from apps.accounts.selectors import AnyUser, programmes_readable_by
from apps.assessments.selectors import outputs_with_current_assessment
from apps.obstacles.choices import ACTIVE_STATUSES
from apps.programmes.models import Outcome, Output, Programme


def programme_list(*, user: AnyUser) -> QuerySet[Programme]:
    """Programmes the user may read, with their output and open-obstacle counts."""
    return programmes_readable_by(user=user).annotate(
        output_count=Count("outputs", distinct=True),
        open_obstacle_count=Count(
            "obstacles", filter=Q(obstacles__status__in=ACTIVE_STATUSES), distinct=True
        ),
    )


def output_list(*, programme: Programme) -> QuerySet[Output]:
    """A programme's outputs with outcome, lead and current assessment figures."""
    outputs = (
        Output.objects.filter(programme=programme)
        .select_related("outcome", "lead")
        .prefetch_related("sources")
    )
    return outputs_with_current_assessment(outputs).order_by("outcome__order", "code")


def outcome_tree(*, programme: Programme) -> list[tuple[Outcome, list[Output]]]:
    """The programme's outcomes, each with its outputs (a fixed number of queries)."""
    by_outcome: dict[int, list[Output]] = defaultdict(list)
    for output in output_list(programme=programme):
        by_outcome[output.outcome_id].append(output)
    outcomes = Outcome.objects.filter(programme=programme).prefetch_related("sources")
    return [(outcome, by_outcome[outcome.pk]) for outcome in outcomes]
