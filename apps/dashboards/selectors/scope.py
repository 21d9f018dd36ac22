"""What a dashboard counts: outputs and obstacles of readable programmes, or of one outcome.

Both can be read as of a date D (`on`, see `recorded`): an output's status as its history held
at the end of D (as first recorded, for one recorded later), an obstacle open or not on D by its
dates, else by its history.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from apps.dashboards.selectors.recorded import RECORDED, as_recorded, past_date
from apps.obstacles.choices import ACTIVE_STATUSES, ObstacleStatus
from apps.obstacles.models import Obstacle
from apps.programmes.models import Outcome, Output, Programme


def scoped_outputs(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None
) -> QuerySet[Output]:
    """Outputs of the given programmes, narrowed to one outcome when one is given."""
    outputs = Output.objects.filter(programme__in=programmes)
    if outcome is not None:
        # Kept with the programme filter, so an outcome of an unreadable programme gives nothing.
        outputs = outputs.filter(outcome=outcome)
    return outputs


def outputs_as_of(
    *, programmes: QuerySet[Programme], outcome: Outcome | None = None, on: date | None = None
) -> QuerySet[Output]:
    """scoped_outputs() annotated with `status_on`, each output's status at the end of `on`.

    Before today: the status its history held then. An output recorded only later still counts,
    with the status it was first recorded with: it belongs to the programme's results framework
    for the whole programme, as the trend and the indicators count it. Today, later or no date:
    the statuses as they stand.
    """
    outputs = scoped_outputs(programmes=programmes, outcome=outcome)
    past = past_date(on)
    if past is None:
        return outputs.annotate(status_on=F("status"))
    return as_recorded(outputs, on=past, fields=("status",)).annotate(
        status_on=F("recorded_status")
    )


def obstacles_as_of(obstacles: QuerySet[Obstacle], *, on: date) -> QuerySet[Obstacle]:
    """The obstacles that had arisen by `on`, annotated with `status_on`, their status on `on`.

    Arisen: identified on or before `on`; without an identified date, recorded (a history row)
    or resolved by the end of `on`. Status: the one its history held at the end of `on` (for an
    obstacle recorded later, the status it was first recorded with); the dates, where given,
    win: resolved on or before `on` makes an open or mitigating status "resolved", and a
    "resolved" one whose resolved date lies after `on` was still "open" then.
    """
    recorded = as_recorded(obstacles, on=on, fields=("status",))
    arisen = Q(identified_on__lte=on) | Q(identified_on__isnull=True) & (
        Q(**{f"{RECORDED}__isnull": False}) | Q(resolved_on__lte=on)
    )
    return recorded.filter(arisen).annotate(
        status_on=Case(
            When(
                resolved_on__lte=on,
                recorded_status__in=list(ACTIVE_STATUSES),
                then=Value(ObstacleStatus.RESOLVED.value),
            ),
            When(
                resolved_on__gt=on,
                recorded_status=ObstacleStatus.RESOLVED,
                then=Value(ObstacleStatus.OPEN.value),
            ),
            default=F("recorded_status"),
            output_field=CharField(),
        )
    )


def scoped_obstacles(
    *,
    programmes: QuerySet[Programme],
    outcome: Outcome | None = None,
    statuses: Collection[str] | None = None,
    on: date | None = None,
) -> QuerySet[Obstacle]:
    """Obstacles of the programmes in these statuses (all when None), or hindering the outcome.

    With a past `on`: those that had arisen by then, in these statuses on that day
    (obstacles_as_of); today, later or no date: as they stand.
    """
    obstacles = Obstacle.objects.filter(programme__in=programmes)
    status = "status"
    past = past_date(on)
    if past is not None:
        obstacles = obstacles_as_of(obstacles, on=past)
        status = "status_on"
    if statuses is not None:
        obstacles = obstacles.filter(**{f"{status}__in": list(statuses)})
    if outcome is not None:
        # EXISTS rather than a join: an obstacle on two outputs of the outcome counts once.
        hindered = Output.objects.filter(obstacles=OuterRef("pk"), outcome=outcome)
        obstacles = obstacles.filter(Exists(hindered))
    return obstacles
