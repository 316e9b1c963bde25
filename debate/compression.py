"""Compressed answers: which content coding a client prefers, the codings of a body stored
once, and gzip for the answers that do not come from the readers' cache.

Brotli is used when the `brotli` module is installed, gzip alone otherwise."""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # optional: gzip alone then
    brotli = None

# Answers smaller than this gain too little to be worth compressing (a gzip header and
# BREACH padding are up to ~120 bytes).
MIN_COMPRESSED_SIZE = 1024

# Brotli's quality 11 takes seconds on a megabyte-long map page; 9 is a few percent larger
# for a fraction of the time, and a page is compressed once per revision.
BROTLI_QUALITY = 9


def available_encodings() -> tuple[str, ...]:
    """The codings a stored body is kept in, the server's preference first."""
    return ("br", "gzip", "identity") if brotli is not None else ("gzip", "identity")


def preferred_encoding(accept_encoding: str | None, available: Sequence[str]) -> str:
    """The coding of `available` the client's Accept-Encoding ranks highest (RFC 9110,
    12.5.3), ties going to the earlier in `available`. q-values and `*` count; a coding not
    named (and no `*`) is not accepted, except identity, acceptable unless refused. A client
    that refuses everything gets identity: the one coding any client can read."""
    if accept_encoding is None:  # no header: no preference stated, the plain body
        return "identity"
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        coding, _, parameters = part.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
                if math.isnan(weight) or not 0 <= weight <= 1:
                    weight = 0.0
        weights["gzip" if coding == "x-gzip" else coding] = weight

    def weight_of(coding: str) -> float:
        if coding in weights:
            return weights[coding]
        if "*" in weights:
            return weights["*"]
        return 1.0 if coding == "identity" else 0.0

    best = max(available, key=lambda coding: (weight_of(coding), -available.index(coding)))
    return best if weight_of(best) > 0 else "identity"


def compressed(content: bytes) -> dict[str, bytes]:
    """`content` in each stored coding but identity, which is the gzip body decompressed.
    gzip without a timestamp, so that the same page gives the same bytes on every server
    (its ETag is strong)."""
    codings = {"gzip": gzip.compress(content, compresslevel=9, mtime=0)}
    if brotli is not None:
        codings["br"] = brotli.compress(content, quality=BROTLI_QUALITY)
    return codings


def is_text(content_type: str) -> bool:
    """HTML, SVG, JSON and other text: what compresses well (images and PDF already are)."""
    kind = content_type.split(";")[0].strip().lower()
    main, _, sub = kind.partition("/")
    return (
        main == "text"
        or sub in ("json", "javascript", "xml")
        or sub.endswith("+json")
        or sub.endswith("+xml")
    )


class TextCompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text answers of at least MIN_COMPRESSED_SIZE, when the
    client's Accept-Encoding ranks gzip above identity (Django alone only looks for the word
    "gzip", so it would send gzip to `gzip;q=0`).

    BREACH: signed-in pages carry a CSRF token, and a compressed page that also reflects
    what an attacker sends can leak it through its length. Django's answer (since 4.2) is
    GZipMiddleware's random-length padding ("Heal The Breach", max_random_bytes), kept here
    by compressing through the parent class. Readers' cached pages are compressed once,
    without padding: they carry no token nor anything of a signed-in reader.

    Placed below WhiteNoiseMiddleware: static files are answered there, already compressed."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not is_text(response.get("Content-Type", "")):
            return response
        if not response.streaming and len(response.content) < MIN_COMPRESSED_SIZE:
            return response
        accepted = request.headers.get("Accept-Encoding")
        if preferred_encoding(accepted, ("gzip", "identity")) != "gzip":
            if not response.has_header("Content-Encoding"):
                patch_vary_headers(response, ["Accept-Encoding"])  # gzip for another client
            return response
        return super().process_response(request, response)
