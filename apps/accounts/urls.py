"""URLs of the signed-in user's account pages."""

from django.urls import path

from apps.accounts import views

urlpatterns = [
    path("account/language/", views.language_set, name="language"),
    path("account/tokens/", views.token_list, name="token-list"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
