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
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("outputs", OutputViewSet, basename="output")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("targets", TargetViewSet, basename="target")
router.register("measurements", MeasurementViewSet, basename="measurement")
router.register("stakeholders", StakeholderViewSet, basename="stakeholder")
router.register("involvements", InvolvementViewSet, basename="involvement")
router.register("obstacle-causes", ObstacleCauseViewSet, basename="obstacle-cause")
router.register("obstacles", ObstacleViewSet, basename="obstacle")
router.register("sources", SourceViewSet, basename="source")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("tokens", ApiTokenViewSet, basename="token")

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
