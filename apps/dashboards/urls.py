"""URLs of the managers' dashboards."""

from django.urls import path

from apps.dashboards.views import portfolio_dashboard, programme_dashboard

urlpatterns = [
    path("dashboard/", portfolio_dashboard, name="portfolio-dashboard"),
    path("p/<slug:code>/dashboard/", programme_dashboard, name="programme-dashboard"),
]
