"""URLs of the kernel: the health check."""

from django.urls import path

from apps.core.views import healthz

urlpatterns = [path("healthz", healthz, name="healthz")]
