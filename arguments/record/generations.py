"""Generations: numbers in the shared cache that change after every write, one per thing a
reader page shows (a debate's record, one claim's or relation's thread, the site's list of
debates), so that a cached page is checked with one cache round trip, no database query.

A write invalidates (deletes) the generations it changes, and again once its transaction
commits. A
reader who finds a generation missing starts it again at a random number, so a page cached
under an earlier one can never match it. A reader reads the generations before rendering a
page and stores the page with them: a write that commits meanwhile makes them stale, so
that page is never served (there is no window in which a stale page is kept as current).

Invalidations that cannot reach the cache (an outage) are kept by the process and delivered
before its next read, so a Redis back from an outage never serves what changed during it."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from debate.cache_outage import CacheUnavailable, strict

PREFIX = "gen:"
# The site's lists of debates and the record across debates (home, the API's resources).
SITE = PREFIX + "site"
# Readers' annotations across debates (the API's annotations).
SITE_READERS = PREFIX + "site-readers"

# Invalidations a cache outage kept from Redis, delivered before this process reads again.
_undelivered: set[str] = set()
_undelivered_lock = threading.Lock()


def record(debate_slug: str) -> str:
    """What a debate's record (claims, relations, sources, participants, layers) is at."""
    return f"{PREFIX}record:{debate_slug}"


def readers(debate_slug: str) -> str:
    """What readers' annotations anywhere on a debate are at (the map's notes)."""
    return f"{PREFIX}readers:{debate_slug}"


def thread(debate_slug: str, kind: str, target: str | int) -> str:
    """What the thread of one claim (by slug) or relation (by id) is at. An address longer
    than any slug (asked, never stored) is named by its digest: a cache key has a bound."""
    target = str(target)
    if len(target) > THREAD_TARGET_LENGTH:
        target = hashlib.sha256(target.encode()).hexdigest()
    return f"{PREFIX}thread:{debate_slug}:{kind}:{target}"


# A claim's slug holds at most 120 characters (Claim.slug).
THREAD_TARGET_LENGTH = 120


def record_changed(*debate_slugs: str) -> None:
    """After the current transaction commits: every page of these debates and the site's
    lists show it (their record, their readers' notes and every thread on them)."""
    keys = [SITE]
    for slug in debate_slugs:
        keys += [record(slug), readers(slug)]
    changed(keys)


def changed(keys: Iterable[str]) -> None:
    """Invalidate `keys` now and, inside a transaction, again once it commits: a reader
    between the two may cache what the database showed before the commit, under a
    generation the second invalidation ends. (Invalidating needlessly on a rollback costs a
    render; tests, whose transactions never commit, see their writes at once.)"""
    keys = list(keys)
    _invalidate(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _invalidate(keys), robust=True)


def _invalidate(keys: list[str]) -> None:
    try:
        strict(cache).delete_many(keys)
    except CacheUnavailable:
        with _undelivered_lock:
            _undelivered.update(keys)


def _deliver_undelivered() -> bool:
    """Deliver what an outage held back; False while the cache still does not answer."""
    with _undelivered_lock:
        keys = list(_undelivered)
    if not keys:
        return True
    try:
        strict(cache).delete_many(keys)
    except CacheUnavailable:
        return False
    with _undelivered_lock:
        _undelivered.difference_update(keys)
    return True


def read(keys: list[str], *more: str) -> tuple[tuple | None, dict]:
    """The generations of `keys`, and the cache entries `more` names, in one round trip
    when every generation is known. The generations are None when the cache does not
    answer (or still holds invalidations back): then nothing cached may be served."""
    if _undelivered and not _deliver_undelivered():
        return None, {}
    try:
        found = strict(cache).get_many([*keys, *more])
        missing = [key for key in keys if key not in found]
        if missing:
            found.update(_started(missing))
    except CacheUnavailable:
        return None, {}
    return tuple(found[key] for key in keys), {key: found[key] for key in more if key in found}


def _started(keys: list[str]) -> dict[str, int]:
    """Start missing generations at random numbers (a reader racing us may win: then its
    number is read back)."""
    backend = strict(cache)
    for key in keys:
        backend.add(key, secrets.randbits(62), None)
    found = backend.get_many(keys)
    if len(found) != len(keys):  # evicted at once: a miss for this request
        raise CacheUnavailable("generation evicted")
    return found
