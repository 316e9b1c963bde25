"""Whole pages for readers who are not signed in, cached by the debate's revision: what most
readers see costs one query, and any edit, proposal or annotation shows at once."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from arguments.record.code_version import code_version
from arguments.record.models import Debate

# Cookies that do not change a page for a reader who is not signed in. Any other (a session,
# pending messages) means the page may be someone's own: it is not served from the cache.
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def cached_for_readers(view):
    """Cache `view`'s 200 answers to anonymous GETs (not htmx partials) by the debate's
    revision, the language and the full address. A page that set a cookie (a CSRF token:
    a form for writing) is never stored."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, debate_slug: str, *args, **kwargs):
        if not _cacheable(request):
            return view(request, debate_slug, *args, **kwargs)
        revision = Debate.revision_of(debate_slug)
        if revision is None:
            return view(request, debate_slug, *args, **kwargs)  # its own 404
        identity = (code_version(), revision, get_language(), request.get_full_path())
        key = "readerpage:" + hashlib.sha256(repr(identity).encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, debate_slug, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), settings.MAP_CACHE_SECONDS)
        return response

    return wrapper


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.htmx
        and set(request.COOKIES) <= NEUTRAL_COOKIES
        and not request.user.is_authenticated
    )
