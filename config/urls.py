"""Root URLs: pages, admin, health check; the API comes under /api/v1/ (config.api_urls)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.accounts.views import SignInView, sign_in_code

urlpatterns = [
    path("", include("apps.core.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/login/code/", sign_in_code, name="login-code"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_urls")),
    path("", include("apps.accounts.urls")),
    # The dashboards come before the record pages: /p/<code>/dashboard/ is not a kind of record.
    path("", include("apps.dashboards.urls")),
    path("", include("apps.workspace.urls")),
]

# Error answers: Pantau's pages with the request id, JSON under /api/; an unhandled error is a
# 503 with Retry-After when the database is gone.
handler400 = "apps.core.errors.bad_request"
handler403 = "apps.core.errors.permission_denied"
handler404 = "apps.core.errors.page_not_found"
handler500 = "apps.core.errors.server_error"

admin.site.site_header = "Pantau"
admin.site.site_title = "Pantau"
