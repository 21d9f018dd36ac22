"""Aggregate endpoints: the numbers behind the dashboards, for charts and external tools alike."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.permissions import TokenScopePermission
from apps.accounts.selectors import programmes_readable_by
from apps.dashboards import selectors
from apps.dashboards.api import serializers
from apps.programmes.models import Outcome, Programme


def resolve_scope(
    *, user: Any, params: dict[str, Any]
) -> tuple[QuerySet[Programme], Outcome | None]:
    """The programmes (and outcome) to aggregate; 404 for one the user may not read."""
    programmes = programmes_readable_by(user=user)
    if "programme" in params:
        programmes = programmes.filter(pk=params["programme"])
    if "programme_code" in params:
        programmes = programmes.filter(code=params["programme_code"])
    if ("programme" in params or "programme_code" in params) and not programmes.exists():
        raise NotFound("No such programme among those you may read.")
    outcome = None
    if "outcome" in params:
        outcome = Outcome.objects.filter(pk=params["outcome"], programme__in=programmes).first()
        if outcome is None:
            raise NotFound("No such outcome among the programmes you may read.")
    return programmes, outcome


class AggregateView(APIView):
    """An aggregate over the programmes the user may read, narrowed by the query parameters."""

    permission_classes = [IsAuthenticated, TokenScopePermission]
    query_serializer: ClassVar[type[drf_serializers.Serializer]] = (
        serializers.DatedScopeQuerySerializer
    )
    row_serializer: ClassVar[type[drf_serializers.Serializer]]
    many: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        envelope = type(
            f"{cls.__name__.removesuffix('View')}Response",
            (drf_serializers.Serializer,),
            {"results": cls.row_serializer(many=cls.many)},
        )

        def get(self: AggregateView, request: Request) -> Response:
            return self.respond(request)

        # A view method per aggregate, documented with the aggregate's own serializers.
        cls.get = extend_schema(  # type: ignore[attr-defined]
            parameters=[cls.query_serializer],
            responses={200: envelope},
            summary=(cls.__doc__ or cls.__name__).strip().splitlines()[0],
            tags=["aggregates"],
        )(get)

    def compute(
        self, *, programmes: QuerySet[Programme], outcome: Outcome | None, params: dict[str, Any]
    ) -> Any:
        raise NotImplementedError

    def respond(self, request: Request) -> Response:
        query = self.query_serializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        programmes, outcome = resolve_scope(user=request.user, params=params)
        data = self.compute(programmes=programmes, outcome=outcome, params=params)
        return Response({"results": self.row_serializer(data, many=self.many).data})


class QuadrantMatrixView(AggregateView):
    """Each output on the ambiguity–conflict matrix, with status and why it is unclassified."""

    row_serializer = serializers.MatrixRowSerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.quadrant_matrix(
            programmes=programmes, outcome=outcome, on=params.get("on")
        )


class StatusByQuadrantView(AggregateView):
    """Outputs of each implementation status in each quadrant."""

    row_serializer = serializers.StatusCountsSerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.status_by_quadrant(
            programmes=programmes, outcome=outcome, on=params.get("on")
        )


class _ObstacleCountView(AggregateView):
    """Obstacle counts (a base for the three groupings)."""

    query_serializer = serializers.ObstacleScopeQuerySerializer
    row_serializer: ClassVar[type[drf_serializers.Serializer]] = serializers.CauseCountSerializer
    selector: ClassVar[Any]

    def compute(self, *, programmes, outcome, params):
        scope = {"programmes": programmes, "outcome": outcome, "on": params.get("on")}
        if params.get("status"):
            return type(self).selector(**scope, statuses=sorted(params["status"]))
        return type(self).selector(**scope)


class ObstaclesByCauseView(_ObstacleCountView):
    """Obstacles per cause of the taxonomy (open and mitigating unless `status` says)."""

    row_serializer = serializers.CauseCountSerializer
    selector = staticmethod(selectors.obstacles_by_cause)


class ObstaclesByDimensionView(_ObstacleCountView):
    """Obstacles per Matland dimension of their cause."""

    row_serializer = serializers.DimensionCountSerializer
    selector = staticmethod(selectors.obstacles_by_dimension)


class ObstaclesBySeverityView(_ObstacleCountView):
    """Obstacles per severity, 1 to 5 and not known."""

    row_serializer = serializers.SeverityCountSerializer
    selector = staticmethod(selectors.obstacles_by_severity)


class IndicatorProgressView(AggregateView):
    """Each indicator's actual, achievement, expected share and band at a date."""

    row_serializer = serializers.IndicatorRowSerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.indicator_progress(
            programmes=programmes, outcome=outcome, on=params.get("on")
        )


class StakeholderGridView(AggregateView):
    """Stakeholders' influence and interest (with stance) for the power–interest grid."""

    row_serializer = serializers.GridPointSerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.stakeholder_grid(
            programmes=programmes, outcome=outcome, on=params.get("on")
        )


class QuadrantTrendView(AggregateView):
    """Outputs per quadrant at the end of each year or quarter, from assessment history.

    With `on`, the trend ends on that day (or at `end`, when earlier).
    """

    query_serializer = serializers.TrendQuerySerializer
    row_serializer = serializers.TrendPointSerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.quadrant_trend(
            programmes=programmes,
            outcome=outcome,
            period=params["period"],
            start=params.get("start"),
            end=min((params[key] for key in ("end", "on") if params.get(key)), default=None),
        )


class HeadlineView(AggregateView):
    """Headline figures: outputs on track, open severe obstacles, unassessed outputs."""

    row_serializer = serializers.HeadlineSerializer
    many = False

    def compute(self, *, programmes, outcome, params):
        return selectors.headline_figures(
            programmes=programmes, outcome=outcome, on=params.get("on")
        )


class QuadrantStrategiesView(AggregateView):
    """For each quadrant, the strategy Matland's model suggests and the outputs in it."""

    query_serializer = serializers.StrategyQuerySerializer
    row_serializer = serializers.QuadrantStrategySerializer

    def compute(self, *, programmes, outcome, params):
        return selectors.quadrant_strategies(
            programmes=programmes,
            outcome=outcome,
            language=params["language"],
            on=params.get("on"),
        )


AGGREGATE_VIEWS = {
    "quadrant-matrix": QuadrantMatrixView,
    "status-by-quadrant": StatusByQuadrantView,
    "obstacles-by-cause": ObstaclesByCauseView,
    "obstacles-by-dimension": ObstaclesByDimensionView,
    "obstacles-by-severity": ObstaclesBySeverityView,
    "indicator-progress": IndicatorProgressView,
    "stakeholder-grid": StakeholderGridView,
    "quadrant-trend": QuadrantTrendView,
    "headline": HeadlineView,
    "quadrant-strategies": QuadrantStrategiesView,
}
