"""The exchange a debate starts from: the dated texts that answer one another with their own
arguments, in publication order. Pure: it reads plain ids, dates and counts, no database.

A text answers another when it argues, in its own words, for or against a claim first stated
in the other (a text's own argument, `layer="text"`, drawn from one of its claims to one of
the other's). Editors' links and readers' proposals answer nobody here: they are readings,
not the texts. Only dated texts can be put in publication order, so the exchange is the
largest group of dated texts joined by such answers (most texts, then most answers, then the
earliest); a debate whose texts answer none of the others has no exchange.

The order is the publication order, and a text comes after every text it answers: an answer
cannot come out before what it answers, so where dates are imprecise ("circa 2025" against
"October 2025") the answer decides. Answers going both ways (which the record's dating rule
only lets through for imprecise dates) leave the earliest first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

KINDS = ("objection", "support")
Pair = tuple[Any, Any, str]  # (answering text, answered text, kind)


@dataclass(frozen=True)
class Dated:
    """A text as the exchange sorts it: its date (None: undated) and a title to break ties."""

    date: datetime.date | None
    title: str = ""

    @property
    def key(self) -> tuple:
        return (self.date is None, self.date or datetime.date.max, self.title)


@dataclass
class Entry:
    """A text of the exchange: what it answers and what answers it, each answering text with
    its counts by kind (in the exchange's order, texts outside the exchange after)."""

    text: Any
    answers: list[tuple[Any, dict[str, int]]] = field(default_factory=list)
    answered_by: list[tuple[Any, dict[str, int]]] = field(default_factory=list)
    # Filled in by the page: the first day the text was surely public, its central thesis
    # and the editors' few words for it.
    since: datetime.date | None = None
    thesis: Any = None
    gist: Any = None


def _components(texts: set, links: set[tuple]) -> list[set]:
    neighbours: dict = {text: set() for text in texts}
    for a, b in links:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set = set()
    found = []
    for start in texts:
        if start in seen:
            continue
        component, todo = set(), [start]
        while todo:
            text = todo.pop()
            if text not in component:
                component.add(text)
                todo.extend(neighbours[text] - component)
        seen |= component
        found.append(component)
    return found


def exchange_texts(dates: dict[Any, Dated], counts: dict[Pair, int]) -> list:
    """The texts of the exchange, in publication order (see the module's docstring);
    `counts` gives how many of its own arguments a text draws to another's claims, by kind."""
    dated = {text for text, when in dates.items() if when.date is not None}
    links = {(a, b) for a, b, _kind in counts if a != b and a in dated and b in dated}
    weight = {}
    for (a, b, _kind), count in counts.items():
        if (a, b) in links:
            weight[(a, b)] = weight.get((a, b), 0) + count
    groups = [group for group in _components(dated, links) if len(group) > 1]
    if not groups:
        return []

    def rank(group: set) -> tuple:
        answers = sum(n for (a, _b), n in weight.items() if a in group)
        return (-len(group), -answers, min(dates[text].key for text in group))

    return in_publication_order(min(groups, key=rank), links, dates)


def in_publication_order(texts: set, links: set[tuple], dates: dict[Any, Dated]) -> list:
    """`texts` by date, each after the texts it answers (`links`: (answering, answered))."""
    answered = {text: {b for a, b in links if a == text and b in texts} for text in texts}
    remaining = set(texts)
    order = []
    while remaining:
        ready = [text for text in remaining if not (answered[text] & remaining)]
        chosen = min(ready or remaining, key=lambda text: dates[text].key)
        order.append(chosen)
        remaining.remove(chosen)
    return order


def exchange_entries(order: list, dates: dict[Any, Dated], counts: dict[Pair, int]) -> list:
    """One `Entry` per text of `order` (text ids: the caller swaps in its rows)."""
    place = {text: index for index, text in enumerate(order)}

    def placed(text) -> tuple:
        return (place.get(text, len(place)), dates[text].key if text in dates else ())

    def gathered(pairs) -> list:
        by_text: dict = {}
        for other, kind, count in pairs:
            by_text.setdefault(other, dict.fromkeys(KINDS, 0))[kind] += count
        return [(other, by_text[other]) for other in sorted(by_text, key=placed)]

    entries = []
    for text in order:
        answers = [(b, k, n) for (a, b, k), n in counts.items() if a == text and b != text]
        answered_by = [(a, k, n) for (a, b, k), n in counts.items() if b == text and a != text]
        entries.append(Entry(text, gathered(answers), gathered(answered_by)))
    return entries
