"""Top-level URLs: admin, language switch, the arguments app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("api/", include("api.urls")),
    path("", include("annotations.urls")),
    path("", include("arguments.urls")),
]

handler400 = "arguments.views.bad_request"
