"""The one v1 router: every resource and aggregate of the API, plus its schema and docs."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from apps.dashboards.api.views import AGGREGATE_VIEWS
from apps.workspace.accounts.api import ApiTokenViewSet, MembershipViewSet
from apps.workspace.api.viewsets import viewset_for
from apps.workspace.kinds import all_kinds

router = DefaultRouter()
# Every kind of record has its one viewset, derived from its declaration.
for kind in all_kinds():
    router.register(kind.route, viewset_for(kind), basename=kind.api_basename)
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
