"""Whole pages for readers who are not signed in, served from the shared cache before any
session, user or template is looked at: a view declares with `reader_page` the generations
(`arguments.record.generations`) of what it shows, and `ReaderCacheMiddleware` checks them
and fetches the page in one cache round trip, with no database query.

Each page is stored once per address, language and content coding (brotli, gzip),
overwritten when what it shows changes, so dead versions take no room. It is sent with a
strong ETag and `Cache-Control` that make a browser or a proxy ask again each time (a 304
then costs the same round trip). Correctness never depends on a time to live: generations
are checked on every request in the shared cache, so two servers always agree."""

from __future__ import annotations

import datetime
import functools
import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from arguments.record import generations, personal
from arguments.record.code_version import code_version
from debate.cache_outage import CacheUnavailable, strict
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

# Single flight: the longest a page may take to make (a map's layout is stopped at 10 s), and
# how often the requests waiting for it look whether it is kept.
MAKING_SECONDS = 15
WAIT_POLL_SECONDS = 0.02
MAKING, NOT_KEPT = "making", "not kept"

Dependency = Callable[[dict], list[str]]


@dataclass(frozen=True)
class ReaderPage:
    depends_on: tuple[Dependency, ...]
    dated: bool = False  # a file that says the day it was made: kept for its day
    negotiated: bool = False  # an API answer: its form follows the Accept header
    # Its htmx fragments are kept too, apart from the whole page (the search box's results,
    # asked for again by every reader who types the same words).
    fragments: bool = False
    # The page's own parts for a signed-in reader (`personal.stitch`), by the URL's keyword
    # arguments; None: signed-in readers get the page made for them.
    personal: personal.PageParts | None = None

    def generation_keys(self, url_kwargs: dict) -> list[str]:
        return [key for dependency in self.depends_on for key in dependency(url_kwargs)]


def reader_page(
    *depends_on: Dependency,
    dated: bool = False,
    personal: personal.PageParts | None = None,
    fragments: bool = False,
):
    """Declare that `view`'s 200 answers to anonymous GETs (not htmx partials) are kept by
    the generations `depends_on` name (functions of the URL's keyword arguments), the
    language and the full address. A page that sets a cookie (a CSRF token: a form for
    writing) is never stored. With `personal`, a signed-in reader gets the kept page with
    her own parts stitched in, when it is kept."""

    def declare(view):
        page = ReaderPage(depends_on, dated, personal=personal, fragments=fragments)
        if personal is None:
            view.reader_page = page
            return view

        @functools.wraps(view)
        def stitched_or_made(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return _stitched(request, page, kwargs) or view(request, *args, **kwargs)

        stitched_or_made.reader_page = page
        return stitched_or_made

    return declare


# What pages depend on, by the URL's keyword arguments.
def on_site(url_kwargs: dict) -> list[str]:
    return [generations.SITE]


def on_site_readers(url_kwargs: dict) -> list[str]:
    return [generations.SITE_READERS]


def on_record(url_kwargs: dict) -> list[str]:
    return [generations.record(url_kwargs["debate_slug"])]


def on_readers(url_kwargs: dict) -> list[str]:
    return [generations.readers(url_kwargs["debate_slug"])]


def on_claim_thread(url_kwargs: dict) -> list[str]:
    slug = url_kwargs["debate_slug"]
    return [generations.thread(slug, "claim", url_kwargs["claim_slug"])]


def on_relation_thread(url_kwargs: dict) -> list[str]:
    return [generations.thread(url_kwargs["debate_slug"], "relation", url_kwargs["pk"])]


class ReaderCacheMiddleware:
    """Serves and stores the pages views declare with `reader_page`. Placed before the
    session, locale, CSRF and authentication middleware: what they add on the way out
    (Content-Language, Vary, X-Frame-Options) is stored with the page, and what the
    middleware before it adds (CSP, security headers) applies to every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page, url_kwargs = _declared_page(request)
        if page is None:
            return self.get_response(request)
        identity = _identity(request, page)
        accepted = request.META.get("HTTP_ACCEPT_ENCODING")
        encoding = preferred_encoding(accepted, available_encodings())
        wanted = [_key(identity, encoding)]
        if encoding == "identity":  # text is kept compressed alone
            wanted.append(_key(identity, "gzip"))
        dependencies = page.generation_keys(url_kwargs)
        current, found = generations.read(dependencies, *wanted)
        if current is None:  # the cache does not answer: made afresh, not stored
            return self.get_response(request)
        etag = _etag(identity, current, encoding)
        if _matches(request.META.get("HTTP_IF_NONE_MATCH"), etag):
            return _with_validators(HttpResponseNotModified(), etag)
        stored = next((found[key] for key in wanted if key in found), None)
        if stored is not None and stored[0] == current:
            return _answer(stored, encoding, etag)
        return self._made_once(request, identity, current, wanted, encoding, etag)

    def _made_once(self, request, identity, current, wanted, encoding, etag) -> HttpResponse:
        """The page made and kept by one request at a time (single flight, across servers):
        the others asking for it meanwhile wait for it rather than make it too; if the maker
        could not keep it (an error page, a form) or is gone, they make their own."""
        lock = "making:" + _key((*identity, current), "")
        try:
            mine = strict(cache).add(lock, MAKING, MAKING_SECONDS)
        except CacheUnavailable:
            mine = True
        if not mine:
            awaited = _awaited(lock, wanted, current)
            if awaited is not None:
                return _answer(awaited, encoding, etag)
        request.kept_for_everyone = True  # read on the primary (`debate.routers`)
        kept = False
        try:
            response = self.get_response(request)
            if _storable(request, response):
                entries = _entries(response, current)
                keys = {_key(identity, coding): entry for coding, entry in entries.items()}
                cache.set_many(keys, settings.MAP_CACHE_SECONDS)
                kept = True
        finally:
            if mine and kept:
                cache.delete(lock)
            elif mine:  # an error page, a form, a failure: the others need not wait for it
                cache.set(lock, NOT_KEPT, MAKING_SECONDS)
        if not kept:
            return response
        if encoding not in entries:  # an image: kept as it came
            encoding = "identity"
            etag = _etag(identity, current, encoding)
        return _answer(entries.get(encoding) or entries["gzip"], encoding, etag)


def _awaited(lock: str, wanted: list[str], current: tuple) -> tuple | None:
    """The entry another request is making, once kept; None when it will not be (or its
    maker is gone): then this request makes the page itself."""
    deadline = time.monotonic() + MAKING_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_POLL_SECONDS)
        found = cache.get_many([*wanted, lock])
        entry = next((found[key] for key in wanted if key in found), None)
        if entry is not None and entry[0] == current:
            return entry
        if found.get(lock) != MAKING:
            return None
    return None


def _identity(request: HttpRequest, page: ReaderPage) -> tuple:
    """What, beside the generations, a kept page is the page of."""
    identity = (
        code_version(),
        translation.get_language_from_request(request),
        request.get_host(),  # files and the API hold absolute links
        request.get_full_path(),
    )
    if page.dated:
        identity += (datetime.date.today().isoformat(),)
    if page.negotiated:
        identity += (request.META.get("HTTP_ACCEPT", ""),)
    if page.fragments:
        identity += ("HTTP_HX_REQUEST" in request.META,)
    return identity


def _stitched(request: HttpRequest, page: ReaderPage, url_kwargs: dict) -> HttpResponse | None:
    """The kept page with a signed-in reader's own parts, if it is kept and she may have it;
    never stored, never shared (private, varying by cookie)."""
    if not personal.may_be_stitched(request):
        return None
    identity = _identity(request, page)
    wanted = [_key(identity, "identity"), _key(identity, "gzip")]
    current, found = generations.read(page.generation_keys(url_kwargs), *wanted)
    entry = next((found[key] for key in wanted if key in found), None)
    if current is None or entry is None or entry[0] != current:
        return None
    own_parts = page.personal(request, current, **url_kwargs)
    if own_parts is None:
        return None
    _current, headers, coding, body = entry
    if coding == "gzip":
        body = gzip.decompress(body)
    text = personal.stitch(body.decode(), {**personal.common_parts(request), **own_parts})
    if text is None:
        return None
    response = HttpResponse(text)
    for name, value in headers:
        response[name] = value
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, VARY)
    return response


def _declared_page(request: HttpRequest) -> tuple[ReaderPage | None, dict]:
    """The page declaration of the view this request goes to, when the request may be
    served from the cache: a GET, not htmx (unless the page keeps its fragments), from a
    reader with no session, no pending messages and no credentials."""
    meta = request.META
    if (
        request.method != "GET"
        or "HTTP_AUTHORIZATION" in meta
        or not set(request.COOKIES) <= NEUTRAL_COOKIES
    ):
        return None, {}
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None, {}
    page = getattr(match.func, "reader_page", None)
    viewset = getattr(match.func, "cls", None)  # an API viewset: its list and detail reads
    if page is None and viewset is not None:
        actions = getattr(match.func, "actions", None) or {}
        if actions.get("get") in ("list", "retrieve"):
            page = getattr(viewset, "reader_page", None)
    if page is not None and "HTTP_HX_REQUEST" in meta and not page.fragments:
        return None, {}
    return page, match.kwargs


def _key(identity: tuple, encoding: str) -> str:
    return "readerpage:" + hashlib.sha256(repr((*identity, encoding)).encode()).hexdigest()


def _etag(identity: tuple, current: tuple, encoding: str) -> str:
    digest = hashlib.sha256(repr((identity, current)).encode()).hexdigest()
    return f'"{digest[:32]}-{encoding}"'


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A complete 200 that nothing made personal: made for nobody signed in, no cookie set on
    the way out (a CSRF token the page asked for, a session written, messages queued),
    nothing marked private."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)  # set by a view that authenticated otherwise
    return (
        not (user is not None and user.is_authenticated)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
        and not response.has_header("Content-Encoding")
    )


def _entries(response: HttpResponse, current: tuple) -> dict[str, tuple]:
    """What is kept of an answer, per coding: the generations it was made at, its headers
    (content type, Content-Language, Vary…), the coding and the body in it."""
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in MADE_PER_ANSWER
    ]
    if not is_text(response.get("Content-Type", "")):  # images and PDF: compressed already
        return {"identity": (current, headers, "identity", response.content)}
    bodies = compressed(response.content)  # a client refusing both gets the gzip one unpacked
    return {coding: (current, headers, coding, body) for coding, body in bodies.items()}


def _answer(entry: tuple, encoding: str, etag: str) -> HttpResponse:
    _current, headers, coding, body = entry
    if encoding == "identity" and coding == "gzip":  # for a client refusing compression
        body = gzip.decompress(body)
    response = HttpResponse(body)
    for name, value in headers:
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
