"""GET /health/: whether the database and the cache answer, for load balancers and monitors."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

CACHE_KEY = "health:probe"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer: %s", error)
        return False


def cache_answers() -> bool:
    # Cache backends raise their own errors (redis.ConnectionError, OSError...): any counts.
    try:
        cache.set(CACHE_KEY, "ok", timeout=10)
        return cache.get(CACHE_KEY) == "ok"
    except Exception as error:
        logger.warning("Health check: the cache does not answer: %s", error)
        return False


# Exempt from CSRF so that a POST gets its 405 rather than a 403; it reads no session.
@csrf_exempt
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    parts = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )


# Included by debate/urls.py as "health/".
urlpatterns = [path("", health, name="health")]
