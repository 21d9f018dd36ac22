"""What the output and indicator pages show beyond their own fields (the working hub)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import get_language

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.assessments.selectors import outputs_with_current_assessment
from apps.obstacles.models import Obstacle
from apps.programmes import selectors
from apps.programmes.models import Indicator, Measurement, Outcome, Output
from apps.stakeholders.models import Involvement


def label_quadrants(outputs: Iterable[Any]) -> list[Any]:
    """Outputs annotated with their current quadrant, each given its name in the UI language."""
    language = get_language() or "en"
    outputs = list(outputs)
    for output in outputs:
        quadrant = output.current_quadrant or "unclassified"
        output.quadrant_name = matland.quadrant_info(quadrant).name(language)
    return outputs


def output_hub(record: Output) -> dict[str, Any]:
    """Indicators with progress and measurements, stakeholders, obstacles, assessments."""
    indicators = selectors.indicators_with_progress(
        list(
            Indicator.objects.filter(output=record)
            .select_related("output")
            .prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
                "targets",
                "sources",
            )
            .order_by("code")
        )
    )
    assessments = list(
        Assessment.objects.filter(output=record)
        .select_related("assessor")
        .order_by("-assessed_on", "-created_at")
    )
    current = assessments[0] if assessments else None
    language = get_language() or "en"
    info = matland.quadrant_info(current.quadrant if current else "unclassified")
    return {
        "indicators": indicators,
        "involvements": Involvement.objects.filter(output=record)
        .select_related("stakeholder")
        .prefetch_related("sources")
        .order_by("-influence", "stakeholder__acronym"),
        "obstacles": Obstacle.objects.filter(outputs=record)
        .select_related("cause")
        .prefetch_related("sources")
        .order_by("status", "-severity"),
        "assessments": assessments,
        "current_assessment": current,
        "quadrant_name": info.name(language),
        "quadrant_principle": info.principle(language),
        "quadrant_strategy": info.strategy(language),
    }


def indicator_figures(record: Indicator) -> dict[str, Any]:
    """The indicator's progress, measurements and period targets."""
    selectors.indicators_with_progress([record])
    return {
        "figures": record.figures,
        "measurements": record.measurements.select_related("evidence", "recorded_by").order_by(
            "-period_end"
        ),
        "targets": record.targets.order_by("period_start"),
    }


def outcome_outputs(record: Outcome) -> dict[str, Any]:
    """The sub-programme's outputs with their current quadrant."""
    outputs = outputs_with_current_assessment(
        Output.objects.filter(outcome=record).select_related("lead").prefetch_related("sources")
    ).order_by("code")
    return {"outputs": label_quadrants(outputs)}
