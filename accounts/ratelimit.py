"""A per-user limit on writes, counted in Django's cache (shared by every app process when
the cache is Redis), answered with a clear 429 page."""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def count_write(user) -> float:
    """Count one write by `user`; the seconds until they may write again when this one is
    over the limit, else 0. The pages and the API count under the same keys."""
    limit, window = settings.WRITE_RATE_LIMIT
    now = time.time()
    key = f"writes:{user.pk}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 1)
    return window - now % window if cache.incr(key) > limit else 0


def write_rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        writing = request.method == "POST" and request.user.is_authenticated
        if writing and count_write(request.user):
            limit, window = settings.WRITE_RATE_LIMIT
            context = {"limit": limit, "window": window}
            if request.htmx:
                # Show the message above the page and leave the form, and its text, alone.
                response = render(request, "429.html#message", context, status=429)
                response["HX-Retarget"] = "#flash"
                response["HX-Reswap"] = "innerHTML"
                return response
            return render(request, "429.html", context, status=429)
        return view(request, *args, **kwargs)

    return wrapper
