"""Run Graphviz's `dot` on DOT text, with a time limit and a clear error when it fails."""

from __future__ import annotations

import re
import shutil
import subprocess

from django.conf import settings
from django.utils.translation import gettext as _


class MapUnavailable(Exception):
    """The map could not be drawn; the message is fit to show a reader."""


def render(dot_source: str, output_format: str = "svg") -> bytes:
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
        raise MapUnavailable(
            _("The map took too long to lay out (over %(seconds)s s). Try a smaller depth.")
            % {"seconds": settings.GRAPHVIZ_TIMEOUT_SECONDS}
        ) from error
    if completed.returncode != 0:
        raise MapUnavailable(
            _("Graphviz could not draw this map: %(error)s")
            % {"error": completed.stderr.decode("utf-8", "replace").strip()[:300]}
        )
    return completed.stdout


def inline_svg(svg: bytes) -> str:
    """The SVG element alone, without XML prolog, doctype or comments, to embed in HTML."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return re.sub(r"<!--.*?-->", "", text[start:], flags=re.DOTALL)
