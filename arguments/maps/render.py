"""Run Graphviz's `dot` on DOT text, with a time limit, a clear error when it fails, and a
cache keyed by the DOT text itself: a change to the debate re-lays-out exactly the maps
whose DOT it changes, and no other."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

FORMATS = ("svg", "png", "pdf")  # what `dot -T` is asked for
SLOW_MARK_SECONDS = 600  # a layout that ran out of time is not retried for this long


class MapUnavailable(Exception):
    """The map could not be drawn; the message is fit to show a reader."""


class MapTooSlow(MapUnavailable):
    """The layout ran over its time budget and was stopped."""


def too_slow_message() -> str:
    return _(
        "This map is too large to lay out within %(seconds)s s, so its layout was stopped. "
        "Its text outline follows; narrow the map (a claim and a depth, a participant, "
        "a source) to draw it."
    ) % {"seconds": settings.GRAPHVIZ_TIMEOUT_SECONDS}


def render(dot_source: str, output_format: str = "svg") -> bytes:
    if output_format not in FORMATS:
        raise ValueError(f"not a format maps are drawn in: {output_format!r}")
    executable = shutil.which(settings.GRAPHVIZ_DOT)
    if executable is None:
        raise MapUnavailable(
            _("The map cannot be drawn: Graphviz (the “dot” program) is not installed.")
        )
    try:
        completed = subprocess.run(
            [executable, f"-T{output_format}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=settings.GRAPHVIZ_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise MapTooSlow(too_slow_message()) from error
    if completed.returncode != 0:
        raise MapUnavailable(
            _("Graphviz could not draw this map: %(error)s")
            % {"error": completed.stderr.decode("utf-8", "replace").strip()[:300]}
        )
    return completed.stdout


def render_cached(dot_source: str, output_format: str = "svg") -> bytes:
    """`render`, remembered by a hash of the DOT text; a layout that ran out of time is
    remembered too, so a big map does not tie up a worker on every request."""
    digest = hashlib.sha256(dot_source.encode("utf-8")).hexdigest()
    key = f"map:{output_format}:{digest}"
    output = cache.get(key)
    if output is not None:
        return output
    if cache.get(f"map:slow:{digest}"):
        raise MapTooSlow(too_slow_message())
    try:
        output = render(dot_source, output_format)
    except MapTooSlow:
        cache.set(f"map:slow:{digest}", True, SLOW_MARK_SECONDS)
        raise
    cache.set(key, output, settings.MAP_CACHE_SECONDS)
    return output


def inline_svg(svg: bytes) -> str:
    """The SVG element alone, without XML prolog, doctype or comments, to embed in HTML."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return re.sub(r"<!--.*?-->", "", text[start:], flags=re.DOTALL)


def with_title_and_description(svg: str, title: str, description: str, id_prefix: str) -> str:
    """The SVG with a <title> and <desc> as its first children (what screen readers and
    file viewers show), referenced by aria-labelledby and aria-describedby."""
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start < 0 or end < 0:
        return svg
    return (
        svg[:end]
        + f' aria-labelledby="{id_prefix}-title" aria-describedby="{id_prefix}-desc">'
        + f'<title id="{id_prefix}-title">{html.escape(title)}</title>'
        + f'<desc id="{id_prefix}-desc">{html.escape(description)}</desc>'
        + svg[end + 1 :]
    )
