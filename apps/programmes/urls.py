"""URLs of programme pages."""

from django.urls import path

from apps.programmes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<str:code>/", views.programme_detail, name="programme-detail"),
]
