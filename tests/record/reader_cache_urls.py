"""Two declared reader pages, one with a form (a CSRF token: a cookie), for the reader cache's
tests."""

import time

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from arguments.record.reader_cache import on_site, reader_page

renders: list[str] = []


@reader_page(on_site)
def page_with_a_form(request):
    renders.append("form")
    return HttpResponse(f"<form>{get_token(request)}</form>")


@reader_page(on_site)
def plain_page(request):
    renders.append("plain")
    return HttpResponse("<p>Nothing personal</p>")


@reader_page(on_site)
def slow_page(request):
    """A page that takes a while to make: readers asking at once wait for one making."""
    renders.append("slow")
    time.sleep(0.3)
    return HttpResponse("<p>Made slowly</p>")


@reader_page(on_site)
def slow_missing_page(request):
    renders.append("missing")
    time.sleep(0.3)
    return HttpResponse("<p>Nothing here</p>", status=404)


urlpatterns = [
    path("form/", page_with_a_form),
    path("plain/", plain_page),
    path("slow/", slow_page),
    path("missing/", slow_missing_page),
]
