"""Shapes of the aggregate endpoints: their query parameters and their rows."""

from __future__ import annotations

from typing import TypedDict

from rest_framework import serializers

from apps.assessments.choices import QuadrantChoice
from apps.dashboards.choices import BandChoice, UnclassifiedReason
from apps.obstacles.choices import ObstacleStatus
from apps.programmes.choices import OutputStatus


class _Decimal(TypedDict):
    max_digits: int
    decimal_places: int
    allow_null: bool


DECIMAL: _Decimal = {"max_digits": 12, "decimal_places": 4, "allow_null": True}
OUTPUT_URL_HELP = (
    "The output's page in the workspace, as a path on this site (e.g. /p/IDN-CP-2017/outputs/7/)."
)


class ScopeQuerySerializer(serializers.Serializer):
    """Which part of the portfolio to aggregate: all readable programmes unless narrowed."""

    programme = serializers.IntegerField(required=False, help_text="Programme id.")
    programme_code = serializers.CharField(required=False, help_text="Programme code.")
    outcome = serializers.IntegerField(required=False, help_text="Outcome (sub-programme) id.")


AS_OF_HELP = (
    "The figures as of the end of this day (default today): the latest assessment made on or "
    "before it, output statuses and stakeholder positions as recorded then (as first recorded, "
    "for outputs and involvements entered later), obstacles open on it (by their identified and "
    "resolved dates, else their history), measurements of periods ending by it; the trend "
    "ends on it."
)


class DatedScopeQuerySerializer(ScopeQuerySerializer):
    """A scope and the date the figures are computed at (default today)."""

    on = serializers.DateField(required=False, help_text=AS_OF_HELP)


class ObstacleScopeQuerySerializer(DatedScopeQuerySerializer):
    """A scope and the obstacle statuses counted (default: open and mitigating)."""

    status = serializers.MultipleChoiceField(
        choices=ObstacleStatus.choices,
        required=False,
        help_text="Repeat to count several statuses; default open and mitigating.",
    )


class TrendQuerySerializer(DatedScopeQuerySerializer):
    """A scope and the periods of the trend."""

    period = serializers.ChoiceField(choices=["year", "quarter"], default="year")
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("start") and attrs.get("end") and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "The end must not be before the start."})
        return attrs


class StrategyQuerySerializer(DatedScopeQuerySerializer):
    """A scope and the language of the texts."""

    language = serializers.ChoiceField(choices=["en", "id"], default="en")


OUTPUT_TITLE_HELP = (
    "The output's title in the request's language: its translation where it has one in that "
    "language, else its original title."
)
STRATEGY_OUTPUT_TITLE_HELP = (
    "The output's title in the `language` asked for: its translation where it has one in that "
    "language, else its original title."
)


class MatrixRowSerializer(serializers.Serializer):
    """One output on the ambiguity–conflict matrix."""

    id = serializers.IntegerField()
    programme_code = serializers.CharField()
    outcome_code = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField(help_text=OUTPUT_TITLE_HELP)
    status = serializers.ChoiceField(choices=OutputStatus.choices)
    is_illustrative = serializers.BooleanField()
    ambiguity = serializers.DecimalField(**DECIMAL)
    conflict = serializers.DecimalField(**DECIMAL)
    ambiguity_threshold = serializers.DecimalField(max_digits=5, decimal_places=4)
    conflict_threshold = serializers.DecimalField(max_digits=5, decimal_places=4)
    quadrant = serializers.ChoiceField(choices=QuadrantChoice.choices)
    borderline = serializers.BooleanField()
    assessed_on = serializers.DateField(allow_null=True)
    assessment_is_illustrative = serializers.BooleanField(allow_null=True)
    reason = serializers.ChoiceField(
        choices=UnclassifiedReason.values,
        allow_null=True,
        help_text="Why an output is unclassified.",
    )
    url = serializers.CharField(help_text=OUTPUT_URL_HELP)


class StatusCountsSerializer(serializers.Serializer):
    """How many outputs of each status a quadrant holds."""

    quadrant = serializers.ChoiceField(choices=QuadrantChoice.choices)
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class CauseCountSerializer(serializers.Serializer):
    """Obstacles of one cause."""

    code = serializers.CharField()
    name_en = serializers.CharField()
    name_id = serializers.CharField()
    dimension = serializers.CharField()
    count = serializers.IntegerField()


class DimensionCountSerializer(serializers.Serializer):
    """Obstacles whose cause raises one Matland dimension."""

    dimension = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class SeverityCountSerializer(serializers.Serializer):
    """Obstacles of one severity (null: not known)."""

    severity = serializers.IntegerField(allow_null=True)
    # The field shares its name with DRF's own `Field.label`; the API named it first.
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class IndicatorRowSerializer(serializers.Serializer):
    """An indicator's progress (direction-aware) at the date asked."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    output_code = serializers.CharField()
    programme_code = serializers.CharField()
    measure = serializers.CharField()
    direction = serializers.CharField()
    aggregation = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    actual = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    achievement = serializers.DecimalField(**DECIMAL)
    expected = serializers.DecimalField(**DECIMAL)
    band = serializers.ChoiceField(choices=BandChoice.values, allow_null=True)
    latest_period_end = serializers.DateField(allow_null=True)
    is_illustrative = serializers.BooleanField()


class GridPointSerializer(serializers.Serializer):
    """A stakeholder's influence and interest in one output (or programme)."""

    stakeholder_id = serializers.IntegerField()
    acronym = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    output_code = serializers.CharField(allow_null=True)
    programme_code = serializers.CharField()
    role = serializers.CharField()
    influence = serializers.IntegerField()
    interest = serializers.IntegerField()
    stance = serializers.CharField(allow_null=True)
    is_illustrative = serializers.BooleanField()


class TrendPointSerializer(serializers.Serializer):
    """Outputs per quadrant at the end of one period."""

    period = serializers.CharField()
    period_end = serializers.DateField()
    as_of = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class HeadlineSerializer(serializers.Serializer):
    """The figures at the top of a dashboard."""

    on = serializers.DateField()
    outputs = serializers.IntegerField()
    on_track = serializers.IntegerField()
    on_track_percent = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    open_severe_obstacles = serializers.IntegerField()
    unassessed_outputs = serializers.IntegerField()
    latest_assessment_on = serializers.DateField(allow_null=True)


class OutputRefSerializer(serializers.Serializer):
    """An output in brief."""

    id = serializers.IntegerField()
    programme_code = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField(help_text=STRATEGY_OUTPUT_TITLE_HELP)
    url = serializers.CharField(help_text=OUTPUT_URL_HELP)


class QuadrantStrategySerializer(serializers.Serializer):
    """What Matland's model suggests for a quadrant, and the outputs now in it."""

    quadrant = serializers.ChoiceField(choices=QuadrantChoice.choices)
    name = serializers.CharField()
    principle = serializers.CharField(allow_null=True)
    strategy = serializers.CharField()
    outputs = OutputRefSerializer(many=True)
