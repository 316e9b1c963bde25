"""HTML, SVG and JSON answers leave compressed when the client accepts it: readers' cached
pages in the coding stored with them, every other answer through gzip in the middleware
(with Django's BREACH padding); small answers and images as they are."""

from __future__ import annotations

import gzip

import pytest

from debate.compression import (
    MIN_COMPRESSED_SIZE,
    TextCompressionMiddleware,
    is_text,
    preferred_encoding,
)

BROTLI_FIRST = ("br", "gzip", "identity")
MIDDLEWARE_LINE = "debate.compression.TextCompressionMiddleware"


@pytest.fixture
def compressing(settings):
    """The site's middleware with compression where the lead adds it: right below
    WhiteNoise, which answers static files (already compressed) before it."""
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE_LINE not in middleware:
        whitenoise = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
        middleware.insert(whitenoise + 1, MIDDLEWARE_LINE)
    settings.MIDDLEWARE = middleware


@pytest.mark.parametrize(
    ("accepted", "coding"),
    [
        (None, "identity"),
        ("", "identity"),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("GZIP", "gzip"),
        ("x-gzip", "gzip"),
        ("br;q=0.8, gzip", "gzip"),
        ("br;q=1.0, gzip;q=1.0", "br"),  # a tie goes to the server's preference
        ("*", "br"),
        ("*;q=0.5, identity", "identity"),
        ("br;q=0, *", "gzip"),
        ("gzip;q=0", "identity"),
        ("gzip, identity;q=0", "gzip"),
        ("*;q=0", "identity"),  # nothing acceptable: the plain body, readable by all
        ("identity;q=0", "identity"),
        ("gzip;q=abc, br;q=2", "identity"),  # unreadable weights count as refusals
        ("gzip;q=nan", "identity"),
        (" gzip ; q=0.3 , identity ; q=0.2 ", "gzip"),
        ("deflate, compress", "identity"),
    ],
)
def test_the_preferred_coding(accepted, coding):
    assert preferred_encoding(accepted, BROTLI_FIRST) == coding


def test_the_preferred_coding_among_fewer():
    assert preferred_encoding("br", ("gzip", "identity")) == "identity"
    assert preferred_encoding("br, gzip;q=0.1", ("gzip", "identity")) == "identity"  # q=1
    assert preferred_encoding("br, gzip;q=0.1, identity;q=0", ("gzip", "identity")) == "gzip"


@pytest.mark.parametrize(
    ("content_type", "text"),
    [
        ("text/html; charset=utf-8", True),
        ("image/svg+xml; charset=utf-8", True),
        ("application/json", True),
        ("application/ld+json", True),
        ("text/markdown; charset=utf-8", True),
        ("application/javascript", True),
        ("image/png", False),
        ("application/pdf", False),
        ("", False),
    ],
)
def test_what_counts_as_text(content_type, text):
    assert is_text(content_type) is text


def test_a_page_not_from_the_reader_cache_is_gzipped(client, small_debate, compressing):
    plain = client.get("/petit-debat/about/")
    zipped = client.get("/petit-debat/about/", headers={"Accept-Encoding": "gzip, br"})
    assert len(plain.content) > MIN_COMPRESSED_SIZE and "ETag" not in plain  # made afresh
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content)
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in zipped["Vary"]


def test_gzip_refused_or_ranked_below_identity_is_not_sent(client, small_debate, compressing):
    for accepted in ("gzip;q=0", "gzip;q=0.5, identity", "br", ""):
        answer = client.get("/petit-debat/about/", headers={"Accept-Encoding": accepted})
        assert "Content-Encoding" not in answer, accepted
        assert "Accept-Encoding" in answer["Vary"]


def test_gzip_is_padded_at_random_against_breach(client, small_debate, alice, compressing):
    """Django's mitigation: a random-length gzip header, so the same page gives different
    lengths. Signed-in pages carry a CSRF token: this is what protects it."""
    assert TextCompressionMiddleware.max_random_bytes > 0
    answers = [
        client.get("/petit-debat/about/", headers={"Accept-Encoding": "gzip"}) for _ in range(6)
    ]
    assert len({gzip.decompress(answer.content) for answer in answers}) == 1
    assert len({len(answer.content) for answer in answers}) > 1
    client.force_login(alice)
    signed_in = client.get("/petit-debat/claims/thesis/", headers={"Accept-Encoding": "gzip"})
    assert signed_in["Content-Encoding"] == "gzip"
    assert "X-CSRFToken" in gzip.decompress(signed_in.content).decode()


def test_json_and_svg_are_gzipped(client, small_debate, compressing):
    for address in ("/api/claims/", "/petit-debat/map.svg"):
        plain = client.get(address)
        zipped = client.get(address, headers={"Accept-Encoding": "gzip"})
        assert plain.status_code == 200 and len(plain.content) > MIN_COMPRESSED_SIZE
        assert zipped["Content-Encoding"] == "gzip", address
        assert gzip.decompress(zipped.content) == plain.content


def test_small_answers_and_images_go_as_they_are(client, small_debate, compressing):
    health = client.get("/health/", headers={"Accept-Encoding": "gzip"})
    assert len(health.content) < MIN_COMPRESSED_SIZE and "Content-Encoding" not in health
    png = client.get("/petit-debat/map.png", headers={"Accept-Encoding": "gzip"})
    assert png["Content-Type"] == "image/png" and "Content-Encoding" not in png


def test_a_cached_reader_page_passes_the_middleware_untouched(client, small_debate, compressing):
    plain = client.get("/petit-debat/map/").content
    for accepted in ("gzip", "br"):
        if accepted == "br":
            brotli = pytest.importorskip("brotli")
        answer = client.get("/petit-debat/map/", headers={"Accept-Encoding": accepted})
        assert answer["Content-Encoding"] == accepted
        assert not answer["ETag"].startswith("W/")  # the middleware did not compress it again
        decompress = gzip.decompress if accepted == "gzip" else brotli.decompress
        assert decompress(answer.content) == plain


def test_no_answer_over_10_kb_leaves_uncompressed(client, small_debate, alice, compressing):
    addresses = [
        "/",
        "/petit-debat/",
        "/petit-debat/about/",
        "/petit-debat/claims/thesis/",
        "/petit-debat/map/",
        "/petit-debat/map.svg",
        "/api/claims/",
    ]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(alice)
        for address in addresses:
            answer = client.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
            assert answer.status_code == 200, address
            if len(answer.content) > 10_000:
                assert answer["Content-Encoding"] in ("gzip", "br"), address


def test_the_whole_map_page_is_under_200_kb_on_the_wire(client, controversy):
    """The issue's target: the inline SVG of the whole debate, every branch drawn, is
    several hundred KB as is."""
    whole = "/technofeodalisme/map/?detail=all"
    plain = client.get(whole)
    assert plain.status_code == 200 and len(plain.content) > 500_000
    zipped = client.get(whole, headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip" and len(zipped.content) <= 200_000
    pytest.importorskip("brotli")
    brotli = client.get(whole, headers={"Accept-Encoding": "br"})
    assert brotli["Content-Encoding"] == "br" and len(brotli.content) <= 200_000
