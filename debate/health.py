"""GET /health/: whether the database, the cache and Graphviz answer, for load balancers and
monitors. Each part is "ok" or "unavailable", with the class of error in "reasons".

503 only when the database does not answer: nothing works then. Without the cache (Redis)
pages are still served, uncached, and writes are refused with a clear page; without Graphviz
maps show their text outline. Those answer 200 with status "degraded": taking every server
out of the load balancer because the Redis they share is down would stop the whole site."""

from __future__ import annotations

import logging
import shutil

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from debate.cache_outage import CacheUnavailable, strict

logger = logging.getLogger(__name__)

CACHE_KEY = "health:probe"


def database_problem() -> str | None:
    """None when the database answers, else the class of its error."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone() == (1,):
                return None
            return "UnexpectedAnswer"
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer: %s", error)
        return type(error).__name__


def cache_problem() -> str | None:
    probe = strict(cache)
    try:
        probe.set(CACHE_KEY, "ok", timeout=10)
        if probe.get(CACHE_KEY) == "ok":
            return None
        return "UnexpectedAnswer"
    except CacheUnavailable as error:
        logger.warning("Health check: the cache does not answer: %s", error)
        return str(error) or "CacheUnavailable"


def graphviz_problem() -> str | None:
    return None if shutil.which(settings.GRAPHVIZ_DOT) else "NotInstalled"


# Exempt from CSRF so that a POST gets its 405 rather than a 403; it reads no session.
@csrf_exempt
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    problems = {
        "database": database_problem(),
        "cache": cache_problem(),
        "graphviz": graphviz_problem(),
    }
    parts = {part: "ok" if problem is None else "unavailable" for part, problem in problems.items()}
    reasons = {part: problem for part, problem in problems.items() if problem is not None}
    if problems["database"] is not None:
        status, code = "unavailable", 503
    elif reasons:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    answer = {"status": status, **parts}
    if reasons:
        answer["reasons"] = reasons
    return JsonResponse(answer, status=code)


# Included by debate/urls.py as "health/".
urlpatterns = [path("", health, name="health")]
