"""Run Graphviz's `dot` on DOT text, with a time limit, a clear error when it fails, and a
cache keyed by the DOT text itself: a change to the debate re-lays-out exactly the maps
whose DOT it changes, and no other."""

from __future__ import annotations

import hashlib
import html
import math
import re
import shutil
import subprocess
import time
import xml.parsers.expat

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from arguments.maps.render_bounds import spend_render
from debate.cache_outage import CacheUnavailable, strict

FORMATS = ("svg", "png", "pdf")  # what `dot -T` is asked for
SLOW_MARK_SECONDS = 600  # a layout that ran out of time is not retried for this long
FAILED_MARK_SECONDS = 600  # nor one that failed: the same DOT fails the same way
BARE_AMPERSAND = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
WAIT_POLL_SECONDS = 0.05  # how often a request waiting for another's render looks for it
LOCK_MARGIN_SECONDS = 2  # waiters give up this long after the holder's `dot` was stopped
LOCK_SECONDS_OVER_TIMEOUT = 5  # a lock its holder never released expires this long after


class MapUnavailable(Exception):
    """The map could not be drawn; the message is fit to show a reader."""


class MapTooSlow(MapUnavailable):
    """The layout ran over its time budget and was stopped."""


class MapBusy(Exception):
    """Another request's render of the same map did not finish in time. Not a
    MapUnavailable: it passes, so nothing that shows it may be cached."""


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
    output = completed.stdout
    if output_format == "svg":
        # Graphviz 2.43 writes a link's `&` as it is (`?a=1&b=2`), which is not XML; user
        # text reaches it escaped already, so only bare ampersands are left to mend.
        output = BARE_AMPERSAND.sub(b"&amp;", output)
    checked(output, output_format)
    return output


def checked(output: bytes, output_format: str) -> None:
    """What `dot` returned is what it was asked for (valid UTF-8 XML for SVG, the right
    file signature otherwise) before anyone is served it or it is cached."""
    if output_format == "svg":
        try:
            well_formed(output)
        except (xml.parsers.expat.ExpatError, UndefinedEntity) as error:
            raise MapUnavailable(
                _("Graphviz returned a map that is not valid SVG (%(error)s).")
                % {"error": str(error)[:200]}
            ) from error
    elif not output.startswith(MAGIC[output_format]):
        raise MapUnavailable(
            _("Graphviz returned a file that is not a %(format)s.")
            % {"format": output_format.upper()}
        )


class UndefinedEntity(ValueError):
    """An entity the document uses but does not define (`&nbsp;`: not XML)."""


def well_formed(document: bytes) -> None:
    """Raises unless `document` is well-formed XML in UTF-8. Expat alone, with no tree
    built: a third of the time of ElementTree on a large map, the same verdict (an entity
    left undefined under the SVG doctype, which expat would skip, is refused too)."""
    parser = xml.parsers.expat.ParserCreate("utf-8")

    def skipped(name: str, _is_parameter_entity: bool) -> None:
        raise UndefinedEntity(f"undefined entity &{name};")

    parser.SkippedEntityHandler = skipped
    parser.Parse(document, True)


def render_cached(dot_source: str, output_format: str = "svg") -> bytes:
    """`render`, remembered by a hash of the DOT text; a layout that ran out of time or
    failed is remembered too, so a big or broken map does not tie up a worker on every
    request. Single flight: while one request runs `dot` on this DOT text (holding a lock
    in the cache, across processes with Redis), the others asking for it wait for its
    result instead of running `dot` too."""
    digest = hashlib.sha256(dot_source.encode("utf-8")).hexdigest()
    lock = f"map:rendering:{output_format}:{digest}"
    # The holder's `dot` is stopped at the timeout and its outcome stored just after.
    deadline = time.monotonic() + settings.GRAPHVIZ_TIMEOUT_SECONDS + LOCK_MARGIN_SECONDS
    while True:
        output = _known_outcome(digest, output_format)
        if output is not None:
            return output
        try:
            mine = strict(cache).add(lock, True, LOCK_SECONDS_OVER_TIMEOUT + _timeout())
        except CacheUnavailable:
            mine = True  # no cache to share the work through: draw it here
        if mine:
            try:
                # Another holder may have stored it between our look and our lock.
                output = _known_outcome(digest, output_format)
                return output or _render_and_remember(dot_source, output_format, digest)
            finally:
                cache.delete(lock)
        if time.monotonic() > deadline:
            raise MapBusy(
                _(
                    "This map is being drawn for another reader and is not ready yet; try "
                    "again in a few seconds."
                )
            )
        time.sleep(WAIT_POLL_SECONDS)


def _timeout() -> int:
    return math.ceil(settings.GRAPHVIZ_TIMEOUT_SECONDS)


def _known_outcome(digest: str, output_format: str) -> bytes | None:
    """The stored render, or its stored failure raised; None when neither is known."""
    output = cache.get(f"map:{output_format}:{digest}")
    if output is not None:
        return output
    if cache.get(f"map:slow:{digest}"):
        raise MapTooSlow(too_slow_message())
    failure = cache.get(f"map:failed:{output_format}:{digest}")
    if failure is not None:
        raise MapUnavailable(failure)
    return None


def _render_and_remember(dot_source: str, output_format: str, digest: str) -> bytes:
    spend_render()  # may refuse (RenderLimited): only runs of `dot` count
    try:
        output = render(dot_source, output_format)
    except MapTooSlow:
        cache.set(f"map:slow:{digest}", True, SLOW_MARK_SECONDS)
        raise
    except MapUnavailable as error:
        # Remembered for this DOT: a bad map does not run `dot` again on every request.
        cache.set(f"map:failed:{output_format}:{digest}", str(error), FAILED_MARK_SECONDS)
        raise
    cache.set(f"map:{output_format}:{digest}", output, settings.MAP_CACHE_SECONDS)
    return output


# Graphviz's own names for nodes and edges ("c31", "c4->c2"): meaningless to a reader, and a
# screen reader would say them; the links inside carry the real names.
GRAPHVIZ_NAME = re.compile(
    r'(<g id="[^"]*" class="(?:node|edge|cluster)[^"]*">)\n<title>[^<]*</title>'
)
# Graphviz writes coordinates to a hundredth of a point: whole points are finer than a map
# is read at (a box's text is 10 pt), and the whole debate drawn at once stays under 200 KB
# on the wire.
GEOMETRY = re.compile(r' (d|points|x|y|transform|viewBox)="([^"]*)"')
DECIMAL = re.compile(r"-?\d+\.\d+")
# Graphviz wraps each link in a group named after it that nothing uses.
LINK_GROUP = re.compile(r'<g id="a_[^"]*">\n?(<a .*?</a>)\n</g>', re.DOTALL)


# A line with a tooltip (a relation) is wrapped in an <a> without address, which browsers
# leave out of the accessibility tree: its tooltip becomes the <title> of an image instead,
# which screen readers say and pointers still show.
NAMED_LINE = re.compile(
    r'(<g id="[^"]*" class="edge[^"]*")>\n<a xlink:title="([^"]*)">\n(.*?)</a>\n</g>', re.DOTALL
)
# A claim's or a line's group, once the groups inside it are gone (`LINK_GROUP`).
DRAWN_GROUP = re.compile(r'<g id="([^"]*)" class="(?:node|edge)[^"]*"[^>]*>.*?</g>\n', re.DOTALL)


def inline_svg(svg: bytes, order: list[str] | tuple = ()) -> str:
    """The SVG element alone, to embed in HTML: without XML prolog, doctype, comments or
    Graphviz's internal names, its coordinates in whole points, its relations named.
    `order` puts claims and lines in that order (`in_reading_order`)."""
    text = svg.decode("utf-8")
    text = re.sub(r"<!--.*?-->", "", text[text.find("<svg") :], flags=re.DOTALL)
    text = LINK_GROUP.sub(r"\1", GRAPHVIZ_NAME.sub(r"\1", text))
    text = NAMED_LINE.sub(r'\1 role="img"><title>\2</title>\n\3</g>', text)
    # A group, not an image: an image's content is one picture to assistive technologies,
    # and the claims and relations inside are each to be reached.
    text = text.replace("<svg ", '<svg role="group" ', 1)
    if order:
        text = in_reading_order(text, order)
    return GEOMETRY.sub(_in_whole_points, text)


def in_reading_order(svg: str, order: list[str] | tuple) -> str:
    """The drawing's claims and lines in `order` (ids), then the others as they were: Tab
    and a screen reader go through an SVG in the order of its elements, and Graphviz's is
    its own. Claims do not overlap and lines only touch them, so the picture is the same.
    Left as it was if a group holds another (it could not be moved whole)."""
    groups = list(DRAWN_GROUP.finditer(svg))
    if not groups or any("<g " in group[0][3:] for group in groups):
        return svg
    by_id = {html.unescape(group[1]): group[0] for group in groups}
    ordered = [by_id[name] for name in dict.fromkeys(order) if name in by_id]
    placed = set(ordered)
    ordered += [group[0] for group in groups if group[0] not in placed]
    start = groups[0].start()
    rest = DRAWN_GROUP.sub("", svg[start:])
    return svg[:start] + "".join(ordered) + rest


def _in_whole_points(attribute: re.Match) -> str:
    values = DECIMAL.sub(lambda number: str(round(float(number[0]))), attribute[2])
    return f' {attribute[1]}="{values}"'


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
