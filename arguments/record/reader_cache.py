"""Whole pages for readers who are not signed in, cached by the debate's revision: what most
readers see costs one query, and any edit, proposal or annotation shows at once.

Each page is stored once, compressed (brotli when installed, and gzip), and sent in the
coding the client prefers, with a strong ETag and `Cache-Control` that make a browser or a
proxy ask again each time: a 304 then costs the revision query alone. Correctness never
depends on a time to live: the revision is checked on every request, in the shared cache,
so that two servers always agree."""

from __future__ import annotations

import datetime
import functools
import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from arguments.record.code_version import code_version
from arguments.record.models import Debate
from debate.compression import available_encodings, compressed, is_text, preferred_encoding

# Cookies that do not change a page for a reader who is not signed in. Any other (a session,
# pending messages) means the page may be someone's own: it is not served from the cache.
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}

# What a cached page depends on beyond its address (views add theirs, such as HX-Request).
VARY = ("Accept-Encoding", "Accept-Language", "Cookie")
# Revalidated on every use: a browser or proxy keeps the page, but asks whether it changed.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
# Headers made for each answer rather than stored with the page.
MADE_PER_ANSWER = {"content-length", "content-encoding", "etag", "cache-control"}


def page_revision(request: HttpRequest, debate_slug: str, *args, **kwargs) -> tuple | None:
    """The revision a reader page of this debate depends on (None: no such debate)."""
    return Debate.revision_of(debate_slug)


def cached_for_readers(view):
    """Cache `view`'s 200 answers to anonymous GETs (not htmx partials) by the debate's
    revision, the language and the full address. A page that sets a cookie (a CSRF token:
    a form for writing) is never stored."""
    return _cached(view, dated=False, record_only=False)


def cached_record_for_readers(view):
    """`cached_for_readers` for pages that show the record alone, no annotation (the
    standing): kept across readers' annotations, which change nothing on them."""
    return _cached(view, dated=False, record_only=True)


def cached_files_for_readers(view):
    """`cached_for_readers` for the map's files, which say the day they were made and show
    the record alone: kept for their day, across readers' annotations."""
    return _cached(view, dated=True, record_only=True)


def _cached(view, dated: bool, record_only: bool):
    @functools.wraps(view)
    def wrapper(request: HttpRequest, debate_slug: str, *args, **kwargs):
        if not _cacheable(request):
            return view(request, debate_slug, *args, **kwargs)
        revision = page_revision(request, debate_slug, *args, **kwargs)
        if revision is None:
            return view(request, debate_slug, *args, **kwargs)  # its own 404
        if record_only:
            revision = Debate.record_part(revision)
        identity = (code_version(), revision, get_language(), request.get_full_path())
        if dated:
            identity += (datetime.date.today().isoformat(),)
        digest = hashlib.sha256(repr(identity).encode()).hexdigest()
        accepted = request.headers.get("Accept-Encoding")
        encoding = preferred_encoding(accepted, available_encodings())
        etag = f'"{digest[:32]}-{encoding}"'
        if _matches(request.headers.get("If-None-Match"), etag):
            return _with_validators(HttpResponseNotModified(), etag)
        key = "readerpage:" + digest
        page = cache.get(key)
        if page is None:
            response = view(request, debate_slug, *args, **kwargs)
            if (
                response.status_code != 200
                or response.streaming
                or _sets_a_cookie(request, response)
            ):
                return response
            page = _stored_page(response)
            cache.set(key, page, settings.MAP_CACHE_SECONDS)
        if encoding not in page["bodies"] and encoding != "identity":  # stored without it
            stored = tuple(coding for coding in page["bodies"] if coding != "identity")
            encoding = preferred_encoding(accepted, (*stored, "identity"))
            etag = f'"{digest[:32]}-{encoding}"'
        return _answer(page, encoding, etag)

    return wrapper


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.htmx
        and set(request.COOKIES) <= NEUTRAL_COOKIES
        and not request.user.is_authenticated
    )


def _sets_a_cookie(request: HttpRequest, response: HttpResponse) -> bool:
    """The view's own cookies, and those middleware add on the way out: a CSRF token the
    page asked for, a session written, messages queued. Such a page is someone's own."""
    session = getattr(request, "session", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
        or getattr(getattr(request, "_messages", None), "added_new", False)
    )


def _stored_page(response: HttpResponse) -> dict:
    """What is kept of a view's answer: its headers (the content type, any Vary of its own)
    and its body in each compressed coding."""
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in MADE_PER_ANSWER
    ]
    if not is_text(response.get("Content-Type", "")):  # images and PDF: compressed already
        return {"headers": headers, "bodies": {"identity": response.content}}
    return {"headers": headers, "bodies": compressed(response.content)}


def _answer(page: dict, encoding: str, etag: str) -> HttpResponse:
    if encoding == "identity":
        bodies = page["bodies"]
        body = bodies["identity"] if "identity" in bodies else gzip.decompress(bodies["gzip"])
    else:
        body = page["bodies"][encoding]
    response = HttpResponse(body)
    for name, value in page["headers"]:
        response[name] = value
    if encoding != "identity":
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    return _with_validators(response, etag)


def _with_validators(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, VARY)
    return response


def _matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110, 13.1.2): a proxy that weakened our ETag
    still gets its 304."""
    if not if_none_match:
        return False
    tags = parse_etags(if_none_match)
    return "*" in tags or etag in {tag.removeprefix("W/") for tag in tags}
