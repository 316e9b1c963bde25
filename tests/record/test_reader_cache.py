"""Pages for readers who are not signed in come from a cache kept by the generations of what
they show, checked without a database query; signed-in readers, htmx partials and pages with
a form are always made afresh."""

from __future__ import annotations

import gzip
import time

import pytest
from django.test import override_settings

from annotations.models import Annotation
from debate import compression

CLAIM = "/petit-debat/claims/thesis/"


def test_a_second_reader_gets_the_page_without_a_query(
    client, small_debate, django_assert_num_queries
):
    first = client.get(CLAIM)
    with django_assert_num_queries(0):  # the generations are in the cache
        again = client.get(CLAIM)
    assert again.status_code == 200
    assert again.content == first.content
    assert "Content-Security-Policy" in again  # the site's headers still apply
    assert not again.cookies  # nothing personal: no token, no session


def test_any_change_shows_at_once(client, small_debate, alice):
    client.get(CLAIM)
    thesis = small_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="Une annotation toute neuve")
    assert "Une annotation toute neuve" in client.get(CLAIM).content.decode()
    thesis.statement = "Un énoncé revu"
    thesis.save()
    assert "Un énoncé revu" in client.get(CLAIM).content.decode()


def test_each_address_and_language_is_its_own_page(client, small_debate):
    french = client.get(CLAIM).content.decode()
    english = client.get(CLAIM, headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    deeper = client.get(CLAIM, {"depth": "3"}).content.decode()
    assert 'value="3" selected' in deeper
    assert 'value="3" selected' not in client.get(CLAIM).content.decode()


def test_a_signed_in_reader_never_gets_the_cached_page(client, small_debate, alice):
    client.get(CLAIM)  # cached for readers not signed in
    client.force_login(alice)
    page = client.get(CLAIM).content.decode()
    assert '<span class="user">alice</span>' in page
    assert "X-CSRFToken" in page  # htmx writes carry the token


def test_htmx_partials_and_errors_are_not_cached(client, small_debate, django_assert_num_queries):
    client.get(CLAIM, {"depth": "2"}, headers={"HX-Request": "true"})
    partial = client.get(CLAIM, {"depth": "2"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert client.get(CLAIM, {"depth": "nope"}).status_code == 400
    assert client.get(CLAIM, {"depth": "nope"}).status_code == 400
    assert client.get("/petit-debat/claims/nope/").status_code == 404


def test_a_reader_with_a_session_or_messages_is_not_served_from_the_cache(
    client, small_debate, django_assert_num_queries
):
    client.get(CLAIM)  # now cached
    client.cookies["messages"] = "pending"  # messages waiting: the page may be someone's own
    with django_assert_num_queries(8):  # made afresh: the page, its label and its version
        assert client.get(CLAIM).status_code == 200


def test_the_language_switch_is_a_plain_link(client, small_debate):
    page = client.get(CLAIM).content.decode()
    assert 'href="/language/en/?next=/petit-debat/claims/thesis/"' in page
    response = client.get("/language/en/", {"next": CLAIM})
    assert response.status_code == 302 and response["Location"] == CLAIM
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get(CLAIM).content.decode()


def test_the_language_switch_refuses_unknown_languages_and_offsite_addresses(client, db):
    assert client.get("/language/xx/").status_code == 404
    response = client.get("/language/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.post("/language/en/").status_code == 405


def test_the_map_page_too(client, small_debate, django_assert_num_queries):
    first = client.get("/petit-debat/map/", {"participant": "bruno"})
    with django_assert_num_queries(0):
        again = client.get("/petit-debat/map/", {"participant": "bruno"})
    assert again.content == first.content
    # A query to be made canonical is redirected, never stored as a page.
    assert (
        client.get("/petit-debat/map/", {"participant": "bruno", "label": "medium"}).status_code
        == 302
    )


# Compressed, validated answers ------------------------------------------------------------

PAGES = [
    "/petit-debat/",
    CLAIM,
    "/petit-debat/participants/bruno/",
    "/petit-debat/map/",
]


def _body(response) -> bytes:
    """The document, whatever the coding it was sent in."""
    coding = response.get("Content-Encoding")
    if coding == "gzip":
        return gzip.decompress(response.content)
    if coding == "br":
        return pytest.importorskip("brotli").decompress(response.content)
    assert coding is None
    return response.content


def test_the_gzip_and_plain_answers_are_the_same_document(client, small_debate):
    for page in PAGES:
        plain = client.get(page)
        zipped = client.get(page, headers={"Accept-Encoding": "gzip"})
        assert plain.status_code == zipped.status_code == 200
        assert "Content-Encoding" not in plain and zipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(zipped.content) == plain.content
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
        assert int(plain["Content-Length"]) == len(plain.content)
        assert zipped["Content-Type"] == plain["Content-Type"] == "text/html; charset=utf-8"


def test_the_brotli_answer_is_the_same_document(client, small_debate):
    brotli = pytest.importorskip("brotli")
    plain = client.get(CLAIM).content
    answer = client.get(CLAIM, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert answer["Content-Encoding"] == "br"
    assert brotli.decompress(answer.content) == plain


def test_without_brotli_the_page_is_stored_and_sent_in_gzip(client, small_debate, monkeypatch):
    monkeypatch.setattr(compression, "brotli", None)  # as on a server without the module
    plain = client.get(CLAIM).content
    answer = client.get(CLAIM, headers={"Accept-Encoding": "br, gzip"})
    assert answer["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.content) == plain
    assert client.get(CLAIM, headers={"Accept-Encoding": "br"}).get("Content-Encoding") is None


@pytest.mark.parametrize(
    ("accepted", "coding"),
    [
        (None, None),
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("gzip;q=0.5, identity", None),
        ("gzip, identity;q=0", "gzip"),
        ("*;q=0, gzip;q=0.1", "gzip"),
        ("gzip;q=0, deflate", None),
        ("identity;q=0", None),  # refuses all it could get: the plain page
    ],
)
def test_the_coding_follows_accept_encoding(client, small_debate, accepted, coding):
    headers = {} if accepted is None else {"Accept-Encoding": accepted}
    client.get(CLAIM)
    assert client.get(CLAIM, headers=headers).get("Content-Encoding") == coding


@pytest.mark.parametrize(
    ("accepted", "coding"),
    [("br", "br"), ("*", "br"), ("gzip, br;q=0.9", "gzip"), ("br;q=0, *", "gzip")],
)
def test_brotli_is_preferred_unless_the_client_ranks_it_lower(
    client, small_debate, accepted, coding
):
    pytest.importorskip("brotli")
    assert client.get(CLAIM, headers={"Accept-Encoding": accepted})["Content-Encoding"] == coding


def test_an_unchanged_page_answers_304_without_a_query(
    client, small_debate, django_assert_num_queries
):
    first = client.get(CLAIM, headers={"Accept-Encoding": "gzip"})
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, max-age=0, must-revalidate"
    with django_assert_num_queries(0):
        again = client.get(CLAIM, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Cache-Control"] == first["Cache-Control"]
    assert "Accept-Encoding" in again["Vary"]
    # A proxy that weakened the tag still gets its 304; a list of tags matches any.
    weakened = client.get(CLAIM, headers={"Accept-Encoding": "gzip", "If-None-Match": f"W/{etag}"})
    assert weakened.status_code == 304
    listed = client.get(CLAIM, headers={"Accept-Encoding": "gzip", "If-None-Match": f'"x", {etag}'})
    assert listed.status_code == 304


def test_each_coding_language_and_address_has_its_own_etag(client, small_debate):
    tags = {
        client.get(CLAIM)["ETag"],
        client.get(CLAIM, headers={"Accept-Encoding": "gzip"})["ETag"],
        client.get(CLAIM, headers={"Accept-Language": "en"})["ETag"],
        client.get(CLAIM, {"depth": "2"})["ETag"],
    }
    assert len(tags) == 4
    # The plain page's tag does not stand for the gzip one.
    plain = client.get(CLAIM)["ETag"]
    other = client.get(CLAIM, headers={"Accept-Encoding": "gzip", "If-None-Match": plain})
    assert other.status_code == 200


def test_a_write_gives_the_next_reader_the_new_page_and_a_new_etag(client, small_debate, alice):
    gzipped = {"Accept-Encoding": "gzip"}
    etag = client.get(CLAIM, headers=gzipped)["ETag"]
    thesis = small_debate.claims.get(slug="thesis")
    thesis.statement = "Un énoncé revu"
    thesis.save()
    edited = client.get(CLAIM, headers={**gzipped, "If-None-Match": etag})
    assert edited.status_code == 200 and edited["ETag"] != etag
    assert "Un énoncé revu" in _body(edited).decode()
    Annotation.objects.create(author=alice, claim=thesis, body="Une note sur la carte")
    annotated = client.get(CLAIM, headers={**gzipped, "If-None-Match": edited["ETag"]})
    assert annotated.status_code == 200
    assert "Une note sur la carte" in _body(annotated).decode()


def test_a_cached_hit_in_any_coding_costs_no_query(client, small_debate, django_assert_num_queries):
    for accepted in ("gzip", "br, gzip", ""):
        client.get("/petit-debat/map/", headers={"Accept-Encoding": accepted})
        with django_assert_num_queries(0):
            answer = client.get("/petit-debat/map/", headers={"Accept-Encoding": accepted})
        assert answer.status_code == 200


def test_no_cached_answer_carries_a_cookie_or_a_csrf_token(client, small_debate):
    for page in PAGES:
        for accepted in ("", "gzip", "br"):
            for _ in range(2):  # stored, then from the store
                answer = client.get(page, headers={"Accept-Encoding": accepted})
                assert not answer.cookies and "Set-Cookie" not in answer
                body = _body(answer).decode()
                assert "csrfmiddlewaretoken" not in body and "X-CSRFToken" not in body


SECURITY_HEADERS = {
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Language",
}


def test_a_cached_answer_has_the_headers_of_a_fresh_one(client, small_debate):
    client.get(CLAIM, headers={"Accept-Encoding": "gzip"})
    cached = client.get(CLAIM, headers={"Accept-Encoding": "gzip"})
    assert cached["ETag"]  # from the reader cache
    client.cookies["messages"] = "pending"  # not served from the cache: rendered afresh
    fresh = client.get(CLAIM, headers={"Accept-Encoding": "gzip"})
    assert "ETag" not in fresh
    assert set(fresh.headers) >= SECURITY_HEADERS
    for name in SECURITY_HEADERS:
        assert cached[name] == fresh[name], name
    made_here = {"ETag", "Cache-Control", "Content-Encoding", "Content-Length"}
    assert set(fresh.headers) - made_here <= set(cached.headers)
    vary = {value.strip() for value in cached["Vary"].split(",")}
    assert vary >= {"Accept-Encoding", "Accept-Language", "Cookie", "HX-Request"}
    assert {value.strip() for value in fresh["Vary"].split(",")} <= vary | {"Accept-Encoding"}


@override_settings(ROOT_URLCONF="tests.record.reader_cache_urls")
def test_a_page_that_sets_a_cookie_is_never_stored(client, db):
    from tests.record.reader_cache_urls import renders

    renders.clear()
    for _ in range(2):
        response = client.get("/form/")
        assert response.cookies and "ETag" not in response
        client.cookies.clear()
    assert len(renders) == 2  # rendered each time: never stored
    for _ in range(2):
        assert "ETag" in client.get("/plain/")
    assert len(renders) == 3  # the page without a form was stored at once


def test_a_forged_host_is_a_400_not_a_kept_page(client, small_debate):
    client.get(CLAIM)  # kept for the site's own host
    forged = client.get(CLAIM, headers={"Host": "evil.example"})
    assert forged.status_code == 400 and "ETag" not in forged


def test_hostile_headers_leave_the_kept_page_alone(client, small_debate):
    first = client.get(CLAIM, headers={"Accept-Encoding": "gzip"})
    for hostile in ("\x00gzip", "br;q=nan, gzip;q=1e400", "x" * 10_000):
        answer = client.get(CLAIM, headers={"Accept-Encoding": hostile, "If-None-Match": hostile})
        assert answer.status_code == 200
    assert client.get(CLAIM, headers={"Accept-Encoding": "gzip"})["ETag"] == first["ETag"]


def kept_page_keys() -> list[str]:
    """The readers' cache's pages in the local-memory cache of the tests (":1:" is Django's
    key prefix and version)."""
    from django.core.cache import cache

    return [key for key in cache._cache if key.startswith(":1:readerpage:")]


def test_writes_overwrite_the_kept_page_rather_than_pile_up_versions(client, small_debate, alice):
    """A page is kept once per address, language and coding: each write's new version takes
    the place of the last, so the cache does not grow with the number of writes."""

    thesis = small_debate.claims.get(slug="thesis")

    def kept_pages() -> int:
        return len(kept_page_keys())

    for accepted in ("gzip", "br"):
        client.get(CLAIM, headers={"Accept-Encoding": accepted})
    before = kept_pages()
    assert before == 2  # brotli and gzip (a client refusing both gets gzip unpacked)
    for number in range(20):
        Annotation.objects.create(author=alice, claim=thesis, body=f"Note {number}")
        for accepted in ("gzip", "br"):
            assert (
                f"Note {number}"
                in _body(client.get(CLAIM, headers={"Accept-Encoding": accepted})).decode()
            )
    assert kept_pages() == before


@override_settings(ROOT_URLCONF="tests.record.reader_cache_urls")
@pytest.mark.parametrize(("url", "status", "makings"), [("/slow/", 200, 1), ("/missing/", 404, 2)])
def test_readers_asking_at_once_wait_for_one_making(db, monkeypatch, url, status, makings):
    """Single flight: eight readers asking for a page nobody has kept get it from one
    making. A page that will not be kept (a 404) lets the others go as soon as it is known:
    they make their own rather than wait."""
    from concurrent.futures import ThreadPoolExecutor

    from django.test import Client

    from arguments.record import reader_cache
    from tests.record.reader_cache_urls import renders

    monkeypatch.setattr(reader_cache, "MAKING_SECONDS", 120)  # a maker's lock outlives the test
    renders.clear()
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: Client().get(url).status_code, range(8)))
    assert answers == [status] * 8
    assert time.monotonic() - started < 60  # nobody waited for a lock to expire
    if status == 200:
        assert len(renders) == makings
    else:  # released by the first making: they made their own
        assert makings <= len(renders) <= 8


@pytest.mark.parametrize("page", ["/", "/petit-debat/", CLAIM, "/petit-debat/map/"])
def test_a_made_up_query_is_refused_not_kept_apart(client, small_debate, page):
    """Cache-busting by inventing parameters: each would be a page made and kept apart."""

    refused = client.get(page, {"zz": "1"})
    assert refused.status_code == 400 and "ETag" not in refused
    assert kept_page_keys() == []
