"""Top-level URLs: admin, language switch, the arguments app."""

from django.contrib import admin
from django.urls import include, path

from debate.favicon import favicon
from debate.language import switch_language

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("health/", include("debate.health")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("accounts/", include("accounts.urls")),
    path("api/", include("api.urls")),
    path("", include("annotations.urls")),
    path("", include("arguments.urls")),
]

handler400 = "arguments.pages.views.bad_request"
# Under /api/ these answer JSON, {"detail": ...}; elsewhere Django's pages.
handler404 = "arguments.pages.views.page_not_found"
handler500 = "arguments.pages.views.server_error"
handler403 = "arguments.pages.views.permission_denied"
