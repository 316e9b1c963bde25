"""The shipped URLs plus /__reference__/: a fixed short answer that goes through the whole
middleware and does no work, so that bench/load.py can report every page as a share of it
in the same run. Only bench/reference_settings.py names this module."""

from django.http import HttpResponse
from django.urls import include, path

from debate.urls import handler400, handler403, handler404, handler500  # noqa: F401

REFERENCE_PATH = "__reference__/"


def reference(request):
    return HttpResponse(b"reference", content_type="text/plain; charset=utf-8")


# Before the shipped URLs: "__reference__" would otherwise be taken for a debate's slug.
urlpatterns = [
    path(REFERENCE_PATH, reference, name="bench_reference"),
    path("", include("debate.urls")),
]
