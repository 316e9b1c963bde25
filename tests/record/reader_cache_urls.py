"""Two declared reader pages, one with a form (a CSRF token: a cookie), for the reader cache's
tests."""

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


urlpatterns = [path("form/", page_with_a_form), path("plain/", plain_page)]
