"""How many uncached map renders (runs of `dot`) a reader may start: per client and per
minute, counted in the cache (shared by every app process with Redis). Anonymous readers
are counted by address (accounts.client_address), signed-in readers by account, with a
higher bound. Renders served from the cache are never counted, so never refused.

Views opt in with @bounded_renders: it names the client for the renders the view asks for
and answers 429 (Retry-After) past the bound, or 503 when another request's render of
the same map did not finish in time (render.MapBusy)."""

from __future__ import annotations

import contextvars
import functools
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.client_address import client_address
from debate.cache_outage import CacheUnavailable, strict

BUSY_RETRY_SECONDS = 5


class RenderLimited(Exception):
    """This client started too many uncached renders this minute."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class RenderBudget:
    client: str  # "user:<pk>" or "address:<ip>"
    per_minute: int

    def spend(self) -> None:
        """Count one uncached render; RenderLimited when it is over the bound."""
        window = settings.MAP_RENDERS_WINDOW_SECONDS
        now = time.time()
        key = f"renders:{self.client}:{int(now // window)}"
        try:
            counter = strict(cache)
            counter.add(key, 0, timeout=window + 1)
            count = counter.incr(key)
        except CacheUnavailable:
            count = _counted_here(key)  # no cache: each process counts on its own
        if count > self.per_minute:
            raise RenderLimited(math.ceil(window - now % window))


_local_lock = threading.Lock()
_local_counts: dict[str, int] = {}


def _counted_here(key: str) -> int:
    window = key.rsplit(":", 1)[1]
    with _local_lock:
        for old in [k for k in _local_counts if not k.endswith(":" + window)]:
            del _local_counts[old]
        _local_counts[key] = _local_counts.get(key, 0) + 1
        return _local_counts[key]


def budget_for(request: HttpRequest) -> RenderBudget:
    if request.user.is_authenticated:
        per_minute = settings.MAP_RENDERS_PER_MINUTE_SIGNED_IN
        return RenderBudget(f"user:{request.user.pk}", per_minute)
    per_minute = settings.MAP_RENDERS_PER_MINUTE
    return RenderBudget(f"address:{client_address(request)}", per_minute)


_current_budget: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar(
    "map_render_budget", default=None
)


def spend_render() -> None:
    """Called before each run of `dot`: counts it against the current request's client, if
    the view asked for bounds (a management command or a test calling `render` has none)."""
    budget = _current_budget.get()
    if budget is not None:
        budget.spend()


def bounded_renders(view):
    # Imported here: render imports this module.
    from arguments.maps.render import MapBusy

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = _current_budget.set(budget_for(request))
        try:
            return view(request, *args, **kwargs)
        except RenderLimited as limited:
            message = _(
                "You have asked for more new map drawings than we draw for one reader in a "
                "minute. Maps already drawn are still served; try this one again in "
                "%(seconds)s seconds."
            ) % {"seconds": limited.retry_after}
            return refusal(request, message, 429, limited.retry_after)
        except MapBusy as busy:
            return refusal(request, str(busy), 503, BUSY_RETRY_SECONDS)
        finally:
            _current_budget.reset(token)

    return wrapper


def refusal(request: HttpRequest, message: str, status: int, retry_after: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        # The message alone for htmx (swapped into the map's section), else a page.
        template = "arguments/maps/render_refused.html"
        if request.htmx and not request.htmx.history_restore_request:
            template += "#message"
        response = render(request, template, {"message": message}, status=status)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
