"""User names that cannot pass for someone else's: no mixed scripts (« admin » written with a
Cyrillic « a »), no name that is only another script's look-alike of a Latin name, and none that
reads the same as an existing account once case, compatibility forms and look-alike
letters are set aside. Pure functions: the form gives them the existing names."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from confusable_homoglyphs import categories, confusables
from django.utils.translation import gettext as _


# Letters a reader cannot tell apart are reduced to one of them, the one with the smallest
# code point (an ASCII letter when there is one). The data pairs each letter with a few
# look-alikes (« I » with « l », « l » with « 1 »…): the groups are joined first. Built on
# first use (under a second), not when the site starts.
@functools.cache
def _lookalikes() -> dict[str, str]:
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        parent.setdefault(char, char)
        while parent[char] != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    for char, entries in confusables.confusables_data.items():
        for entry in entries:
            glyph = entry["c"].strip("\u200e")  # right-to-left letters come marked
            if len(char) == 1 and len(glyph) == 1:
                first, second = root(char), root(glyph)
                if first != second:
                    parent[max(first, second)] = min(first, second)
    return {char: root(char) for char in parent if root(char) != char}


def _plainest(text: str) -> str:
    lookalikes = _lookalikes()
    return "".join(lookalikes.get(char, char) for char in text)


def folded(name: str) -> str:
    """The name as compared for equality: compatibility forms and case set aside."""
    return unicodedata.normalize("NFKC", name).casefold()


def skeleton(name: str) -> str:
    """What the name looks like: each letter replaced by its plainest look-alike, then case
    set aside, so that « Admin », « admin » and « admin » with a Cyrillic « a » share one
    skeleton."""
    return _plainest(folded(_plainest(unicodedata.normalize("NFKC", name))))


def _scripts(name: str) -> set[str]:
    return {categories.alias(char) for char in name} - {"COMMON", "INHERITED"}


def script_problem(name: str) -> str | None:
    """Why the name, on its own, could pass for another: None when it cannot."""
    if confusables.is_mixed_script(name, allowed_aliases=["COMMON", "INHERITED"]):
        return _("Use letters of a single alphabet: this name mixes several.")
    scripts = _scripts(name)
    if scripts and scripts != {"LATIN"}:
        # A name in another alphabet is welcome, unless every letter of it has a Latin
        # look-alike (« ace » written in Cyrillic letters).
        letters = [char for char in name if categories.alias(char) not in {"COMMON", "INHERITED"}]
        if all(_plainest(char).isascii() for char in letters):
            return _("This name looks like a name in Latin letters: choose another.")
    return None


def lookalike_of(name: str, existing: Iterable[str]) -> str | None:
    """The first existing name that reads the same as `name`, if any."""
    wanted_folded, wanted_skeleton = folded(name), skeleton(name)
    for other in existing:
        if folded(other) == wanted_folded or skeleton(other) == wanted_skeleton:
            return other
    return None
