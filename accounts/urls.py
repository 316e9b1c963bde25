"""Account pages: sign up, the reader's own page, then Django's login, logout and password
views (the reset one limited)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("me/", views.account, name="account"),
    path("me/data/", views.account_data, name="account_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    # Before Django's own, which it replaces.
    path("password_reset/", views.LimitedPasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
