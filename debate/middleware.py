"""A database outage (unreachable, connection lost) answers 503 with Retry-After, not 500."""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def outage_response(request: HttpRequest) -> HttpResponse:
    """JSON under /api/, else a standalone page that reads nothing from the database."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The database is unavailable; try again shortly."}, status=503
        )
    else:
        page = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An outage met outside the view (in a middleware further in) was already turned
        # into Django's 500 page by the time it gets here: see note_outage below.
        if response.status_code == 500 and getattr(request, "database_outage", False):
            return outage_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OUTAGE_ERRORS):
            logger.warning(
                "Database unavailable for %s %s: %s", request.method, request.path, exception
            )
            return outage_response(request)
        return None


def note_outage(sender, request=None, **kwargs) -> None:
    """Django sends this from inside its `except` clause, so the error is sys.exc_info()."""
    if request is not None and isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        request.database_outage = True


got_request_exception.connect(note_outage, dispatch_uid="debate.middleware.note_outage")
