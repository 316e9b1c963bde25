"""Reads of read-only requests go to a PostgreSQL read replica when one is configured
(DATABASE_REPLICA_URL); every write, and every read of a request that writes or follows a
write, goes to the primary, so a reader always sees what they just did."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
# How long after a reader's write their reads stay on the primary: a bound on the
# replica's lag (seconds), set through DATABASE_REPLICA_LAG_SECONDS.
RECENT_WRITE_COOKIE = "recent_write"

reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if reading_from_replica.get() and REPLICA in connections.databases:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """GET and HEAD requests from readers who have not written lately read from the replica;
    a request that writes marks its reader's next requests for the primary, for as long as
    the replica may lag."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD")
        # A page made to be kept for every reader (`reader_cache`) is read on the primary: a
        # lagging replica would keep what a write just changed under its new generation.
        for_everyone = getattr(request, "kept_for_everyone", False)
        replica = safe and not for_everyone and RECENT_WRITE_COOKIE not in request.COOKIES
        token = reading_from_replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            reading_from_replica.reset(token)
        if not safe and response.status_code < 400:
            response.set_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_LAG_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=not settings.DEBUG,
            )
        return response
