"""A per-user limit on writes, counted in Django's cache (shared by every app process when
the cache is Redis), answered with a clear 429 page."""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from debate.cache_outage import CacheUnavailable, strict

# A write that cannot be counted (the cache is down) is refused: try again after this long.
UNCOUNTED_RETRY_SECONDS = 60


def count_write(user) -> float:
    """Count one write by `user`; the seconds until they may write again when this one is
    over the limit, else 0. The pages and the API count under the same keys. Raises
    CacheUnavailable when the cache that counts does not answer: the caller refuses the
    write rather than let it through uncounted."""
    limit, window = settings.WRITE_RATE_LIMIT
    now = time.time()
    key = f"writes:{user.pk}:{int(now // window)}"
    counter = strict(cache)
    counter.add(key, 0, timeout=window + 1)
    return window - now % window if counter.incr(key) > limit else 0


def _refused(request, template: str, context: dict, status: int):
    if request.htmx:
        # Show the message above the page and leave the form, and its text, alone.
        response = render(request, f"{template}#message", context, status=status)
        response["HX-Retarget"] = "#flash"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, template, context, status=status)


def write_rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        writing = request.method == "POST" and request.user.is_authenticated
        if writing:
            try:
                over_limit = count_write(request.user)
            except CacheUnavailable:
                context = {"retry_after": UNCOUNTED_RETRY_SECONDS}
                response = _refused(request, "writes_unavailable.html", context, 503)
                response["Retry-After"] = str(UNCOUNTED_RETRY_SECONDS)
                return response
            if over_limit:
                limit, window = settings.WRITE_RATE_LIMIT
                context = {"limit": limit, "window": window}
                return _refused(request, "429.html", context, 429)
        return view(request, *args, **kwargs)

    return wrapper


def count_attempt(kind: str, subject: str, limit_and_window: tuple[int, int]) -> float:
    """Count one attempt at `kind` (a sign-up, a reset mail) by `subject` (a client address,
    an email address); the seconds until another is allowed when this one is over the
    limit, else 0. Raises CacheUnavailable when the cache does not answer: the caller
    refuses rather than let the attempt through uncounted."""
    limit, window = limit_and_window
    now = time.time()
    subject_key = hashlib.sha256(subject.encode()).hexdigest()  # any text, never in a key raw
    key = f"attempts:{kind}:{subject_key}:{int(now // window)}"
    counter = strict(cache)
    counter.add(key, 0, timeout=window + 1)
    return window - now % window if counter.incr(key) > limit else 0
