"""The dating rule: a text cannot answer what came out after it. Pure.

A relation credited to a text is impossible when the text surely came out before one of the
claims it joins was public. A text dated by a month or a year counts until that period's end;
a text dated "after X" or "circa X" has no known end, so the rule cannot refuse it and
reading decides. A claim is public from its original text's date (the start of its period),
or from the quoting text's when the original is undated.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import NamedTuple


class TextDate(NamedTuple):
    published: date | None
    precision: str = "day"  # day | month | year
    qualifier: str = "exact"  # exact | circa | after | "" (undated)


def surely_out_by(text: TextDate) -> date | None:
    """The last day the text can have come out; None when nothing bounds it."""
    if text.published is None or text.qualifier in ("after", "circa"):
        return None
    day = text.published
    if text.precision == "year":
        return date(day.year, 12, 31)
    if text.precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def public_from(original: TextDate, quoting: TextDate | None = None) -> date | None:
    """The first day a claim can have been public; None when its date is approximate or
    unknown."""
    text = original if original.published is not None or quoting is None else quoting
    if text.published is None or text.qualifier == "circa":
        return None
    day = text.published
    if text.precision == "year":
        return date(day.year, 1, 1)
    if text.precision == "month":
        return date(day.year, day.month, 1)
    return day


def came_out_before(text: TextDate, claim_public_from: date | None) -> bool:
    """Whether the text surely came out before the claim was public."""
    out_by = surely_out_by(text)
    return out_by is not None and claim_public_from is not None and out_by < claim_public_from


def written(text: TextDate) -> str:
    """The date as precisely as it is known: 2025, 2025-10 or 2025-10-04."""
    if text.published is None:
        return "undated"
    if text.precision == "year":
        return str(text.published.year)
    if text.precision == "month":
        return text.published.strftime("%Y-%m")
    return text.published.isoformat()
