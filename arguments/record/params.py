"""Query parameters shared by the pages: read, checked, refused with a message that names
them. Pure: no database."""

from __future__ import annotations

import datetime
import unicodedata

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _


class ParameterError(BadRequest):
    """A parameter that does not make sense. A BadRequest, so a view that lets it through
    answers 400 with the message, which names the parameter and is fit to show a reader."""


def whole_number(raw: str, name: str, default: int, lowest: int, highest: int) -> int:
    """A whole-number parameter, clamped into range; not a number at all is an error."""
    raw = raw.strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise ParameterError(
            _("The parameter “%(name)s” must be a whole number, not “%(value)s”.")
            % {"name": name, "value": raw[:50]}
        ) from error
    return max(lowest, min(highest, value))


def check_known(names, allowed: set[str]) -> None:
    """Refuse parameters a page does not take, naming them and what it does take."""
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise ParameterError(
            _("Unknown parameter(s): %(unknown)s. This page accepts: %(allowed)s.")
            % {
                "unknown": ", ".join(name[:50] for name in unknown),
                "allowed": ", ".join(sorted(allowed)),
            }
        )


def iso_date(raw: str, name: str) -> datetime.date | None:
    """A date parameter written YYYY-MM-DD; empty is None."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise ParameterError(
            _("The parameter “%(name)s” must be a date written YYYY-MM-DD, not “%(value)s”.")
            % {"name": name, "value": raw[:50]}
        ) from error
    if not 1000 <= value.year <= 2999:
        raise ParameterError(_("The date “%(name)s” is out of range.") % {"name": name})
    return value


# The layers a reader may count besides the texts' own arguments (`count=editors`, ...).
COUNTABLE_LAYERS = ("editors", "proposals")


def counted_layers(values: list[str]) -> tuple[str, ...]:
    """The `count` parameter: which layers the labels count besides the texts' own
    arguments (none by default, so no reader and no inference sways them)."""
    wanted = {value.strip() for value in values if value.strip()}
    unknown = sorted(wanted - set(COUNTABLE_LAYERS))
    if unknown:
        raise ParameterError(
            _("The parameter “count” takes %(allowed)s, not “%(value)s”.")
            % {"allowed": ", ".join(COUNTABLE_LAYERS), "value": unknown[0][:50]}
        )
    return tuple(layer for layer in COUNTABLE_LAYERS if layer in wanted)


# The longest search: longer words are cut (a search box, not a document).
SEARCH_MAX_LENGTH = 200


def search_text(raw: str) -> str:
    """The words searched for: control characters (a NUL, which PostgreSQL cannot take in
    a query) become spaces, runs of spaces one, and the whole is cut to the longest search."""
    printable = "".join(" " if unicodedata.category(char) == "Cc" else char for char in raw)
    return " ".join(printable.split())[:SEARCH_MAX_LENGTH]
