"""A Redis cache that the site outlives: when Redis is down or frozen, reads are misses and
stores are skipped (pages are rendered without the cache), while the callers that cannot
go on without it (the write counter, render locks, /health/) ask `strict(cache)` and get
`CacheUnavailable`.

After a failure, Redis is left alone for OUTAGE_RETRY_SECONDS (per process): a frozen
Redis then costs one socket timeout per process and per retry, not one per cache call.
Settings: CACHES["default"]["BACKEND"] = "debate.cache_outage.OutageTolerantRedisCache";
OPTIONS may carry "outage_retry_seconds".
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What redis-py raises when the server is refused, gone or silent (OSError: the socket's own).
CACHE_ERRORS = (RedisError, OSError)
OUTAGE_RETRY_SECONDS = 5.0


class CacheUnavailable(Exception):
    """The cache does not answer; the message names the reason (the error's class)."""


class _Outages:
    """Per process and per Redis address: since when it failed, until when it is skipped.
    Shared by threads (Django makes one cache backend per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.skipped_until: dict[str, float] = {}
        self.reasons: dict[str, str] = {}

    def reason_to_skip(self, location: str) -> str | None:
        if time.monotonic() < self.skipped_until.get(location, 0.0):
            return self.reasons.get(location, "unavailable")
        return None

    def failed(self, location: str, error: Exception, retry_seconds: float) -> str:
        reason = type(error).__name__
        with self.lock:
            first = location not in self.reasons
            self.skipped_until[location] = time.monotonic() + retry_seconds
            self.reasons[location] = reason
        if first:  # logged once per outage, not once per cache call
            logger.warning(
                "The cache at %s does not answer (%s: %s); pages are served without it",
                location,
                reason,
                error,
            )
        return reason

    def answered(self, location: str) -> None:
        if location in self.reasons:
            with self.lock:
                had_failed = self.reasons.pop(location, None) is not None
                self.skipped_until.pop(location, None)
            if had_failed:
                logger.warning("The cache at %s answers again", location)


outages = _Outages()


class ReusedClients(RedisCacheClient):
    """Django's Redis client, making each pool's redis-py client once rather than per call:
    a redis-py client builds some 160 response callbacks when made, which cost more than
    the GET it is made for. Clients are thread-safe (each command takes a pooled socket)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(index)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class OutageTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.outage_retry_seconds = float(options.pop("outage_retry_seconds", OUTAGE_RETRY_SECONDS))
        # A pooled connection to a Redis that was restarted fails once, then reconnects:
        # retried at once (the failure would otherwise keep the cache off for a while).
        options.setdefault("retry_on_error", [RedisConnectionError])
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClients
        self._location = server if isinstance(server, str) else ",".join(server)

    def strictly(self, operation: str, *args, **kwargs):
        """RedisCache's own `operation`; any failure (or a recent one) is CacheUnavailable."""
        reason = outages.reason_to_skip(self._location)
        if reason is not None:
            raise CacheUnavailable(reason)
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except CACHE_ERRORS as error:
            reason = outages.failed(self._location, error, self.outage_retry_seconds)
            raise CacheUnavailable(reason) from error
        outages.answered(self._location)
        return result

    def _tolerantly(self, fallback, operation: str, *args, **kwargs):
        try:
            return self.strictly(operation, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    # Reads: a miss. Stores: not stored. (get_or_set and the like are built on these.)
    def get(self, key, default=None, version=None):
        return self._tolerantly(default, "get", key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerantly({}, "get_many", keys, version)

    def has_key(self, key, version=None):
        return self._tolerantly(False, "has_key", key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._tolerantly(None, "set", key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerantly(False, "add", key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerantly(list(data), "set_many", data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerantly(False, "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._tolerantly(False, "delete", key, version)

    def delete_many(self, keys, version=None):
        self._tolerantly(None, "delete_many", keys, version)

    def clear(self):
        self._tolerantly(None, "clear")

    # Counts stay strict: a count that silently failed would be a wrong count.
    def incr(self, key, delta=1, version=None):
        return self.strictly("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self.strictly("decr", key, delta, version)


class Strict:
    """A cache whose failures raise CacheUnavailable, whatever its backend."""

    def __init__(self, backend):
        self.backend = backend

    def __getattr__(self, operation: str):
        backend = self.backend

        def call(*args, **kwargs):
            # Asked by name: django.core.cache.cache is a proxy to this thread's backend.
            strictly = getattr(backend, "strictly", None)
            if strictly is not None:
                return strictly(operation, *args, **kwargs)
            try:
                return getattr(backend, operation)(*args, **kwargs)
            except CACHE_ERRORS as error:
                raise CacheUnavailable(type(error).__name__) from error

        return call


def strict(backend) -> Strict:
    """`backend` for callers that must know when the cache is down (a write counter, a lock,
    a health probe): its operations raise CacheUnavailable instead of pretending."""
    return Strict(backend)
