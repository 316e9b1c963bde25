"""What `manage.py export_map` reads and writes besides the map itself: the view's query,
put together from the map URL's own parameters given as options, and safe file names.
Pure: no database.

The parameters are the map URL's (`options.PARAMETERS`), read by `MapOptions.from_query`:
the command adds no option of its own to what a view is, so a view on the site and a file
made on the command line are named the same way.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.utils.translation import gettext as _

from arguments.maps.options import PARAMETERS
from arguments.record.params import ParameterError

# `--each`: the views made one by one, by the parameter of the map URL that names each.
EACH = {"participant": "participant", "source": "source", "thesis": "claim"}
SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
MAX_STEM = 180  # bytes and characters: ASCII alone, well under the usual 255


def view_query(address: str, given: dict[str, list[str]]) -> QueryDict:
    """The query of one view: that of `address` (a map URL copied from the site, or its
    query alone, `?` or not) with the values given as options added, as a URL repeats a
    parameter. Unknown parameters are left for `MapOptions.from_query` to refuse."""
    query = QueryDict(mutable=True)
    address = address.strip()
    if address:
        # "claim=x&depth=3" has no "?": all of it is the query; a URL keeps what follows it.
        if "?" in address or "://" in address or address.startswith("/"):
            address = urlsplit(address).query
        try:
            query.update(QueryDict(address))
        except TooManyFieldsSent as error:  # as many as a request may send, no more
            raise ParameterError(_("The address holds too many parameters.")) from error
    for name in sorted(PARAMETERS):
        for value in given.get(name) or ():
            query.appendlist(name, value)
    return query


def each_query(base: QueryDict, each: str, slug: str) -> QueryDict:
    """The view of one participant, source or thesis, within the options of `base`."""
    query = base.copy()
    query.setlist(EACH[each], [slug])
    return query


def safe_file_name(stem: str, extension: str, taken: set[str]) -> str:
    """A file name made of ASCII letters, digits, `-` and `_` alone (no separator, no
    leading dot: it stays in the folder it is written to), not in `taken` (a `-2`, `-3`...
    added), with `extension`; the name is added to `taken`."""
    stem = SAFE_NAME.sub("-", stem).strip("-_")[:MAX_STEM] or "map"
    name, number = f"{stem}.{extension}", 1
    while name.lower() in taken:  # file systems that ignore case would overwrite
        number += 1
        name = f"{stem}-{number}.{extension}"
    taken.add(name.lower())
    return name
