"""The emphasis the quoted texts have, written as Markdown in them (`*utilisant*`,
`**…**`): rendered as <em>/<strong> on reading pages, dropped where only plain text fits
(map tooltips, search snippets). Pure and linear in the text: one split, one pass."""

from __future__ import annotations

import re

from django.utils.html import escape

RUN = re.compile(r"\*+")
TAGS = {1: "em", 2: "strong"}


def _markers(stars: int) -> list[int]:
    """A run of asterisks as markers, opening order: *** is emphasis then strong."""
    return {1: [1], 2: [2]}.get(stars, [1, 2])


def emphasis_html(text: str) -> str:
    """`text` escaped, its emphasis markers as tags. A run of asterisks opens before a
    non-space and closes after one (as CommonMark says). A quotation cut inside an emphasis
    keeps it: a marker left open is closed at the end, one closed without an opener was
    opened before the quotation began, so the emphasis runs from the start. A lone asterisk
    between spaces stays an asterisk."""
    out: list[str] = []
    opened: list[int] = []
    position = 0
    for run in RUN.finditer(text):
        out.append(escape(text[position : run.start()]))
        position = run.end()
        before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
        may_open = bool(after) and not after.isspace()
        may_close = bool(before) and not before.isspace()
        stars = len(run.group())
        if may_close:
            while opened and opened[-1] <= stars:
                stars -= opened[-1]
                out.append(f"</{TAGS[opened.pop()]}>")
        if not stars:
            continue
        if may_open:
            for marker in _markers(stars):
                out.append(f"<{TAGS[marker]}>")
                opened.append(marker)
        elif may_close:  # opened before the quotation began
            for marker in _markers(stars):
                out.insert(0, f"<{TAGS[marker]}>")
                out.append(f"</{TAGS[marker]}>")
        else:
            out.append("*" * stars)
    out.append(escape(text[position:]))
    out.extend(f"</{TAGS[marker]}>" for marker in reversed(opened))
    return "".join(out)


def plain(text: str) -> str:
    """`text` without its emphasis markers (a lone asterisk between spaces is kept)."""

    def kept(run: re.Match) -> str:
        before = text[run.start() - 1 : run.start()]
        after = text[run.end() : run.end() + 1]
        flanked = (before and not before.isspace()) or (after and not after.isspace())
        return "" if flanked else run.group()

    return RUN.sub(kept, text)
