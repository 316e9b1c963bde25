"""The debate as light rows (ids, holders, sources, dates, kinds): what the map's selection
and the acceptability semantics both work on. Pure: no database, no Django."""

from __future__ import annotations

import calendar
from datetime import date
from typing import NamedTuple


def surely_public_by(published: date | None, precision: str, qualifier: str) -> date | None:
    """The first day a text was surely public, as honestly as its date allows: a text
    dated by its month counts from the month's last day, by its year from 31 December; a
    text "written after" a date, from that date (the earliest it can be)."""
    if published is None:
        return None
    if qualifier == "after":
        return published
    if precision == "year":
        return date(published.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(published.year, published.month)[1]
        return date(published.year, published.month, last)
    return published


class ClaimRow(NamedTuple):
    """A claim as the map's selection needs it (a tuple: a debate has thousands)."""

    id: int
    holder_id: int | None = None
    source_id: int | None = None
    via_id: int | None = None
    known_since: date | None = None  # when it was surely public; None when undated
    proposed: bool = False


class LinkRow(NamedTuple):
    from_id: int
    to_id: int
    kind: str
    source_id: int | None = None
    drawn_by_id: int | None = None
    known_since: date | None = None
    proposed: bool = False
    by_editors: bool = False  # the editors' link, not a text's own argument
