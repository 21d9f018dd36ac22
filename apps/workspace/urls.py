"""URLs of the workspace: programmes, the generic record pages, search, board and preview."""

from django.urls import path

from apps.workspace.assessments.views import assessment_preview
from apps.workspace.obstacles.views import obstacle_board, obstacle_status_set
from apps.workspace.programmes import views as programmes
from apps.workspace.views import edit, history, records
from apps.workspace.views.search import search

RECORD_PAGES = [
    ("", records.RecordListView, "list"),
    ("new/", edit.RecordFormView, "create"),
    ("<int:pk>/", records.RecordDetailView, "detail"),
    ("<int:pk>/edit/", edit.RecordFormView, "edit"),
    ("<int:pk>/delete/", records.RecordDeleteView, "delete"),
    ("<int:pk>/history/", history.RecordHistoryView, "history"),
    ("<int:pk>/history/<int:history_id>/restore/", history.RecordRestoreView, "restore"),
]

urlpatterns = [
    path("", programmes.home, name="home"),
    path("search/", search, name="search"),
    path("p/<slug:code>/", programmes.programme_detail, name="programme-detail"),
    path("p/<slug:code>/assessment-preview/", assessment_preview, name="assessment-preview"),
    path(
        "p/<slug:code>/outputs/<int:pk>/measurements/",
        programmes.OutputMeasurementView.as_view(),
        {"record": "outputs"},
        name="output-measurements",
    ),
    path("p/<slug:code>/obstacle-board/", obstacle_board, name="obstacle-board"),
    path(
        "p/<slug:code>/obstacle-board/<int:pk>/status/",
        obstacle_status_set,
        name="obstacle-status",
    ),
    *[
        path(f"p/<slug:code>/<slug:record>/{suffix}", view.as_view(), name=f"record-{name}")
        for suffix, view, name in RECORD_PAGES
    ],
    *[
        path(f"shared/<slug:record>/{suffix}", view.as_view(), name=f"shared-{name}")
        for suffix, view, name in RECORD_PAGES
    ],
]
