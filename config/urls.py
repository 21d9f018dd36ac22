"""Root URLs: pages, admin, health check; the API comes under /api/v1/ (config.api_urls)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.core import record_views as records
from apps.core.views import healthz

RECORD_PAGES = [
    ("", records.RecordListView, "list"),
    ("new/", records.RecordFormView, "create"),
    ("<int:pk>/", records.RecordDetailView, "detail"),
    ("<int:pk>/edit/", records.RecordFormView, "edit"),
    ("<int:pk>/delete/", records.RecordDeleteView, "delete"),
    ("<int:pk>/history/", records.RecordHistoryView, "history"),
    ("<int:pk>/history/<int:history_id>/restore/", records.RecordRestoreView, "restore"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_urls")),
    path("", include("apps.accounts.urls")),
    path("", include("apps.programmes.urls")),
    *[
        path(f"p/<slug:code>/<slug:record>/{suffix}", view.as_view(), name=f"record-{name}")
        for suffix, view, name in RECORD_PAGES
    ],
    *[
        path(f"shared/<slug:record>/{suffix}", view.as_view(), name=f"shared-{name}")
        for suffix, view, name in RECORD_PAGES
    ],
]

admin.site.site_header = "Pantau"
admin.site.site_title = "Pantau"
