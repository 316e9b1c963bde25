"""What the "Cite this" box shows of a citation: its three forms and its files."""

from __future__ import annotations

from django.utils.translation import gettext as _

from arguments.citing import citation
from arguments.citing.cited import words


def box(cited: citation.Citation, files: str, query: str = "") -> dict:
    """The box's context; `files` is the files' address without its extension, `query`
    the map view's query they carry."""
    return {
        "citation": cited,
        "plain": citation.plain_text(cited, words()),
        "bibtex": citation.bibtex(cited),
        "csl": citation.csl_json(cited),
        "files": [
            (label, f"{files}.{extension}" + (f"?{query}" if query else ""), kind)
            for label, extension, kind in (
                ("BibTeX", "bib", "application/x-bibtex"),
                ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json"),
                (_("Plain text"), "txt", "text/plain"),
            )
        ],
    }
