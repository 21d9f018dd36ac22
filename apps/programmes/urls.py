"""URLs of the programme pages and the workspace-wide search."""

from django.urls import path

from apps.assessments.views import assessment_preview
from apps.core.views import search
from apps.dashboards.views import portfolio_dashboard, programme_dashboard
from apps.obstacles.views import obstacle_board, obstacle_status_set
from apps.programmes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search, name="search"),
    path("dashboard/", portfolio_dashboard, name="portfolio-dashboard"),
    path("p/<slug:code>/dashboard/", programme_dashboard, name="programme-dashboard"),
    path("p/<slug:code>/", views.programme_detail, name="programme-detail"),
    path("p/<slug:code>/assessment-preview/", assessment_preview, name="assessment-preview"),
    path("p/<slug:code>/obstacle-board/", obstacle_board, name="obstacle-board"),
    path(
        "p/<slug:code>/obstacle-board/<int:pk>/status/",
        obstacle_status_set,
        name="obstacle-status",
    ),
]
