"""The one v1 router: every resource and aggregate of the API, plus its schema and docs."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from apps.accounts.api.views import ApiTokenViewSet, MembershipViewSet
from apps.assessments.api.views import AssessmentViewSet
from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.evidence.api.views import EvidenceViewSet, SourceViewSet
from apps.obstacles.api.views import ObstacleCauseViewSet, ObstacleViewSet
from apps.programmes.api.views import (
    IndicatorViewSet,
    MeasurementViewSet,
    OutcomeViewSet,
    OutputViewSet,
    ProgrammeViewSet,
    TargetViewSet,
)
from apps.stakeholders.api.views import InvolvementViewSet, StakeholderViewSet

router = DefaultRouter()
router.register("programmes", ProgrammeViewSet, basename="api-programme")
router.register("outcomes", OutcomeViewSet, basename="api-outcome")
router.register("outputs", OutputViewSet, basename="api-output")
router.register("indicators", IndicatorViewSet, basename="api-indicator")
router.register("targets", TargetViewSet, basename="api-target")
router.register("measurements", MeasurementViewSet, basename="api-measurement")
router.register("stakeholders", StakeholderViewSet, basename="api-stakeholder")
router.register("involvements", InvolvementViewSet, basename="api-involvement")
router.register("obstacle-causes", ObstacleCauseViewSet, basename="api-obstacle-cause")
router.register("obstacles", ObstacleViewSet, basename="api-obstacle")
router.register("sources", SourceViewSet, basename="api-source")
router.register("evidence", EvidenceViewSet, basename="api-evidence")
router.register("assessments", AssessmentViewSet, basename="api-assessment")
router.register("memberships", MembershipViewSet, basename="api-membership")
router.register("tokens", ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("", include(router.urls)),
    *[
        path(f"aggregates/{name}/", view.as_view(), name=f"aggregate-{name}")
        for name, view in AGGREGATE_VIEWS.items()
    ],
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
