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

# Unhandled errors: 503 + Retry-After when the database is gone; JSON under /api/.
handler500 = "apps.core.views.server_error"

admin.site.site_header = "Pantau"
admin.site.site_title = "Pantau"
