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


def emphasis_tokens(text: str) -> list[tuple[str, str]]:
    """`text` as ("text", words), ("marker", asterisks), ("open", tag) and ("close", tag)
    tokens, in order; the words and markers together are exactly its characters. A run of
    asterisks opens before a non-space and closes after one (as CommonMark says). A
    quotation cut inside an emphasis keeps it: a marker left open is closed at the end, one
    closed without an opener was opened before the quotation began, so the emphasis runs
    from the start. A lone asterisk between spaces stays an asterisk. Linear: tags opened
    from the start are gathered apart, never inserted in front one by one."""
    leading: list[tuple[str, str]] = []  # opened before the text began, innermost first
    out: list[tuple[str, str]] = []
    opened: list[int] = []
    position = 0
    for run in RUN.finditer(text):
        if run.start() > position:
            out.append(("text", text[position : run.start()]))
        position = run.end()
        before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
        may_open = bool(after) and not after.isspace()
        may_close = bool(before) and not before.isspace()
        if not (may_open or may_close):
            out.append(("text", run.group()))
            continue
        # The asterisks stand outside the words they mark: after what they close, before
        # what they open.
        stars = len(run.group())
        if may_close:
            while opened and opened[-1] <= stars:
                stars -= opened[-1]
                out.append(("close", TAGS[opened.pop()]))
        if stars and not may_open:
            for marker in _markers(stars):
                leading.append(("open", TAGS[marker]))
                out.append(("close", TAGS[marker]))
        out.append(("marker", run.group()))
        if stars and may_open:
            for marker in _markers(stars):
                out.append(("open", TAGS[marker]))
                opened.append(marker)
    if position < len(text):
        out.append(("text", text[position:]))
    out.extend(("close", TAGS[marker]) for marker in reversed(opened))
    return [*reversed(leading), *out]


def emphasis_html(text: str) -> str:
    """`text` escaped, its emphasis markers as <em> and <strong> tags (`emphasis_tokens`)."""
    return "".join(_html(kind, value) for kind, value in emphasis_tokens(text))


def _html(kind: str, value: str) -> str:
    if kind == "open":
        return f"<{value}>"
    if kind == "close":
        return f"</{value}>"
    return "" if kind == "marker" else escape(value)


def plain(text: str) -> str:
    """`text` without its emphasis markers (a lone asterisk between spaces is kept)."""

    def kept(run: re.Match) -> str:
        before = text[run.start() - 1 : run.start()]
        after = text[run.end() : run.end() + 1]
        flanked = (before and not before.isspace()) or (after and not after.isspace())
        return "" if flanked else run.group()

    return RUN.sub(kept, text)
