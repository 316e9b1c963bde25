"""Quotations checked against a source's stored full text: found verbatim, or the closest
passage named.

"Verbatim" ignores only what a reader cannot see or a keyboard cannot type alike: how much
whitespace and where lines break (a space inside « » or before ; : ! ? is typographic, not
wording), typographic against straight quotes and apostrophes, and the emphasis markers
(`*…*`, `**…**`) as the reading pages render them (arguments/record/emphasis.py). Case,
letters, punctuation and accents count.

Both texts are compared in a normal form that only replaces characters one for one or
removes some, so that a position found in it maps back to the stored text by the removed
spans: offsets given out are always the stored text's. Pure and linear in the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

# Characters of a W3C TextQuoteSelector's prefix and suffix.
CONTEXT_LENGTH = 32

_SPACES = "\t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(code) for code in range(0x2000, 0x200B)
)
_APOSTROPHES = "\u2019\u2018\u201a\u201b\u02bc\u2032\u00b4`"
_DOUBLE_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u2039\u203a"
# One for one: every position keeps its place.
_ONE_FOR_ONE = str.maketrans(
    {
        **dict.fromkeys(_SPACES, " "),
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    }
)
# What is removed, once the above is done: a space inside quotes or before French double
# punctuation, the second and later spaces of a run, emphasis markers (a run of asterisks
# touching a word; a lone one between spaces is an asterisk), invisible characters. Found
# by plain substring search (`_removed_spans`): a regular expression tried at every
# position of a 2 MB text takes a second, `str.find` a few milliseconds.
_INVISIBLE = "\u200b\u200c\u200d\u00ad\ufeff"
_SPACED_AFTER = ';:!?"'
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_WORD = re.compile(r"\w{4,}")
_TOKEN = re.compile(r"\S+")

# Bounds of the closest-passage search: it looks at the windows around the quotation's
# rarest words only, so its work does not grow with the text's length beyond one scan.
RARE_WORDS = 6
MAX_WINDOWS = 60


@dataclass(frozen=True)
class Match:
    """Where a quotation is in the stored text: `start`/`end` are offsets of the stored text
    (end exclusive), `paragraph` counts from 1 (paragraphs are separated by blank lines),
    `exact` is the stored text's own wording of it, `prefix`/`suffix` the 32 characters
    around it (a W3C TextQuoteSelector; start/end make the TextPositionSelector)."""

    start: int
    end: int
    paragraph: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Passage:
    """The stored text's passage most like a quotation that is not in it."""

    start: int
    end: int
    paragraph: int
    text: str
    similarity: float  # 0 to 1


class Normalised:
    """A text in the normal form, with the way back to its own offsets."""

    def __init__(self, text: str) -> None:
        translated = text.translate(_ONE_FOR_ONE)
        kept: list[str] = []
        # (offset in the normal form, offset in the text) where each kept slice starts.
        self._normal_starts: list[int] = []
        self._text_starts: list[int] = []
        at = 0
        length = 0
        for start, end in _removed_spans(translated):
            if start > at:
                self._normal_starts.append(length)
                self._text_starts.append(at)
                kept.append(translated[at:start])
                length += start - at
            at = max(at, end)
        if at < len(translated):
            self._normal_starts.append(length)
            self._text_starts.append(at)
            kept.append(translated[at:])
        self.text = "".join(kept)

    def original(self, position: int) -> int:
        """The text's offset of the normal form's character at `position`."""
        index = bisect.bisect_right(self._normal_starts, position) - 1
        return self._text_starts[index] + position - self._normal_starts[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original(start), self.original(end - 1) + 1


def _occurrences(text: str, needle: str):
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _removed_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text` (already translated one for one) that the normal form drops,
    sorted and merged."""
    spans: list[tuple[int, int]] = []
    length = len(text)

    def spaces_from(at: int) -> int:
        while at < length and text[at] == " ":
            at += 1
        return at

    for at in _occurrences(text, "  "):
        if at == 0 or text[at - 1] != " ":
            spans.append((at + 1, spaces_from(at)))
    for mark in _SPACED_AFTER:
        for at in _occurrences(text, " " + mark):
            start = at
            while start > 0 and text[start - 1] == " ":
                start -= 1
            spans.append((start, at + 1))
    for at in _occurrences(text, '" '):
        spans.append((at + 1, spaces_from(at + 1)))
    for at in _occurrences(text, "*"):
        if at and text[at - 1] == "*":
            continue  # inside a run already seen
        end = at
        while end < length and text[end] == "*":
            end += 1
        before = text[at - 1] if at else " "
        after = text[end] if end < length else " "
        if not (before.isspace() and after.isspace()):
            spans.append((at, end))
    for character in _INVISIBLE:
        spans.extend((at, at + 1) for at in _occurrences(text, character))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def normal_form(text: str) -> str:
    """`text` as quotations are compared: see the module's docstring."""
    return Normalised(unicodedata.normalize("NFC", text)).text.strip()


def paragraph_number(text: str, offset: int) -> int:
    """The paragraph (from 1) holding `offset` of `text`."""
    return 1 + sum(1 for brk in PARAGRAPH_BREAK.finditer(text, 0, offset) if brk.end() <= offset)


class TextIndex:
    """A stored text made ready for many quotations: its normal form is computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._normalised = Normalised(text)

    def find(self, quotation: str, near: int | None = None) -> Match | None:
        """The first place of the text holding `quotation`; with `near` (an offset of the
        stored text, as a selection in the browser gives it), the place of the occurrences
        starting closest to it: a passage said twice is the one the editor selected."""
        wanted = normal_form(quotation)
        if not wanted:
            return None
        found = self._normalised.text.find(wanted)
        if found < 0:
            return None
        if near is not None:
            found = min(
                _occurrences(self._normalised.text, wanted),
                key=lambda at: abs(self._normalised.original(at) - near),
            )
        start, end = self._normalised.original_span(found, found + len(wanted))
        return self._match(start, end)

    def at(self, quotation: str, start: int | None, end: int | None) -> Match | None:
        """The quotation at the offsets `start`-`end` of the stored text (a position kept
        from a selection), or None when these offsets no longer hold it: the text changed,
        or the position is outside it."""
        if start is None or end is None or not 0 <= start < end <= len(self.text):
            return None
        wanted = normal_form(quotation)
        if not wanted or normal_form(self.text[start:end]) != wanted:
            return None
        return self._match(start, end)

    def _match(self, start: int, end: int) -> Match:
        text = self.text
        return Match(
            start=start,
            end=end,
            paragraph=paragraph_number(text, start),
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT_LENGTH) : start],
            suffix=text[end : end + CONTEXT_LENGTH],
        )


def find_quotation(quotation: str, text: str, near: int | None = None) -> Match | None:
    """The first place of `text` where `quotation` is, verbatim as the module says (the
    one closest to the offset `near` when given); None when it is not there (or is
    empty). `text` is a stored text: NFC, as stored."""
    if not normal_form(quotation):
        return None
    return TextIndex(text).find(quotation, near=near)


def closest_passage(quotation: str, text: str) -> Passage | None:
    """The passage of `text` most like `quotation`, to name in a refusal; None when no word
    of four letters or more of the quotation is in the text. Looks only around the
    quotation's rarest words (at most `MAX_WINDOWS` windows), so a 2 MB text costs one scan."""
    wanted = normal_form(quotation)
    if not wanted:
        return None
    haystack = Normalised(text)
    words = haystack.text.lower()
    counts: dict[str, int] = {}
    for word in _WORD.findall(words):
        counts[word] = counts.get(word, 0) + 1
    quoted = {word for word in _WORD.findall(wanted.lower()) if word in counts}
    if not quoted:
        return None
    rarest = sorted(quoted, key=lambda word: (counts[word], word))[:RARE_WORDS]
    span = len(wanted)
    windows: list[int] = []
    for word in rarest:
        for hit in re.finditer(re.escape(word), words):
            windows.append(max(0, hit.start() - span))
            if len(windows) >= MAX_WINDOWS:
                break
        if len(windows) >= MAX_WINDOWS:
            break
    # Compared word by word (a character-level comparison of 600-character windows costs
    # 20 ms each): the passage runs from the first to the last word in common.
    wanted_words = wanted.split()
    best: tuple[float, int, int] | None = None
    for window_start in sorted(set(windows)):
        window = haystack.text[window_start : window_start + 2 * span + 8]
        tokens = list(_TOKEN.finditer(window))
        matcher = SequenceMatcher(None, [t.group() for t in tokens], wanted_words, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if not blocks:
            continue
        first, last = blocks[0].a, blocks[-1].a + blocks[-1].size
        passage_words = [t.group() for t in tokens[first:last]]
        similarity = SequenceMatcher(None, passage_words, wanted_words, autojunk=False).ratio()
        if best is None or similarity > best[0]:
            best = (
                similarity,
                window_start + tokens[first].start(),
                window_start + tokens[last - 1].end(),
            )
    if best is None:
        return None
    similarity, normal_start, normal_end = best
    start, end = haystack.original_span(normal_start, normal_end)
    start, end = _whole_words(text, start, end)
    return Passage(
        start=start,
        end=end,
        paragraph=paragraph_number(text, start),
        text=text[start:end],
        similarity=round(similarity, 3),
    )


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the words it cuts, so a refusal names words, not halves."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end
