"""A citation of something read on the site (a claim, a relation, a map view) in the forms
reference managers take: plain text, BibTeX and CSL-JSON. Pure: plain data in, text out.

Every citation names the debate, the item in our words, the historical source it rests on
(author, title, date, address) and the revision it was read at, with the address that shows
the item as it was at that revision."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

PUBLISHER = "controverse"


@dataclass(frozen=True)
class CitedSource:
    """The published text a claim is stated in."""

    title: str
    authors: tuple[str, ...] = ()
    venue: str = ""
    published: datetime.date | None = None
    precision: str = "day"  # "day", "month" or "year": what of `published` is known
    url: str = ""
    date_text: str = ""  # the date as a reader is shown it ("octobre 2025", "circa 2024")


@dataclass(frozen=True)
class Citation:
    kind: str  # "claim", "relation" or "map"
    key: str  # a stable identifier: debate, item and revision
    title: str  # the statement, the relation in words, the map's title
    debate: str
    url: str  # the item's permanent address (absolute)
    version_url: str  # the address showing the item as it was at `revision` (absolute)
    revision: str
    revised: datetime.datetime  # when that revision was made
    # The day it was read: None in a page kept for days (the files, made per day, say it).
    accessed: datetime.date | None
    holder: str = ""  # who holds the claim (a participant), or draws the relation
    source: CitedSource | None = None
    language: str = "fr"
    note: str = ""  # what the item is, in words (a reader's proposal, an editors' link)
    sources: tuple[CitedSource, ...] = field(default=())  # more texts (a relation's two ends)

    @property
    def all_sources(self) -> tuple[CitedSource, ...]:
        return ((self.source,) if self.source else ()) + self.sources


@dataclass(frozen=True)
class Words:
    """The few words of the plain-text form, in the reader's language."""

    revision: str = "revision %(revision)s of %(date)s"
    read_at: str = "as read at: %(url)s"
    source: str = "Source: %(source)s"
    accessed: str = "accessed %(date)s"


def quoted(text: str, language: str) -> str:
    if language.startswith("fr"):
        return f"«\u202f{text}\u202f»"
    return f"“{text}”"


def plain_text(citation: Citation, words: Words | None = None) -> str:
    """One paragraph, as a bibliography entry reads: who, what, where, which revision,
    where to read it as it was."""
    words = words or Words()
    revised = citation.revised.date().isoformat()
    parts = []
    if citation.holder:
        parts.append(f"{citation.holder}, ")
    # Commas after the quoted statement: it ends with its own full stop.
    title = citation.title if citation.kind == "map" else quoted(citation.title, citation.language)
    parts.append(f"{title}, ")
    if citation.note:
        parts.append(f"{citation.note}, ")
    parts.append(f"{citation.debate}, {PUBLISHER}, ")
    parts.append(words.revision % {"revision": citation.revision, "date": revised})
    parts.append(f". {citation.url} ({words.read_at % {'url': citation.version_url}})")
    if citation.accessed is not None:
        parts.append(", " + words.accessed % {"date": citation.accessed.isoformat()})
    parts.append(".")
    for source in citation.all_sources:
        parts.append(" " + words.source % {"source": _source_text(source, citation.language)} + ".")
    return "".join(parts)


def _source_text(source: CitedSource, language: str) -> str:
    pieces = [", ".join(source.authors)] if source.authors else []
    pieces.append(quoted(source.title, language))
    pieces += [text for text in (source.venue, source.date_text, source.url) if text]
    return ", ".join(pieces)


# BibTeX: accents as TeX accent commands, so the entry is plain ASCII that BibTeX (8-bit) and
# biber alike read; the few characters TeX gives a meaning escaped.
ACCENTS = {
    "\u0301": "'",
    "\u0300": "`",
    "\u0302": "^",
    "\u0308": '"',
    "\u0303": "~",
    "\u0304": "=",
    "\u0307": ".",
    "\u0327": "c",
    "\u030c": "v",
    "\u0306": "u",
    "\u030b": "H",
    "\u0328": "k",
    "\u030a": "r",
}
LETTERS = {
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "ß": r"{\ss}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "\u0131": r"{\i}",
    "«": r"{\guillemotleft}",
    "»": r"{\guillemotright}",
    "\u2018": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "„": ",,",
    "\u2013": "--",
    "—": "---",
    "…": r"{\ldots}",
    "€": r"{\texteuro}",
    "°": r"{\textdegree}",
}
SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
SPACES = {"\u00a0", "\u202f", "\u2009", "\u2007", "\u2008", "\u200a"}


def bibtex_text(text: str) -> str:
    """`text` as the inside of a BibTeX field: ASCII, braces balanced, nothing TeX runs."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in SPECIAL:
            out.append(SPECIAL[char])
        elif char in SPACES:
            out.append("~")
        elif char in "\t\n\r":
            out.append(" ")
        elif " " <= char <= "~":
            out.append(char)
        elif char in LETTERS:
            out.append(LETTERS[char])
        else:
            out.append(_accented(char))
    return "".join(out)


def _accented(char: str) -> str:
    """A letter with accents as TeX accent commands ({\\'e}); anything else by its code."""
    base, *marks = unicodedata.normalize("NFD", char)
    if marks and " " <= base <= "~" and base.isalpha() and all(m in ACCENTS for m in marks):
        letter = r"\i" if base == "i" else base
        for mark in marks:
            letter = f"\\{ACCENTS[mark]}{{{letter}}}"
        return "{" + letter + "}"
    if unicodedata.category(char).startswith("C"):  # controls, unassigned: dropped
        return ""
    return '{\\char"' + f"{ord(char):04X}" + "}"


def bibtex_url(url: str) -> str:
    """An address for a `url` field: ASCII (anything else percent-encoded), with the two
    characters a BibTeX field cannot hold as they are escaped."""
    ascii_url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return ascii_url.replace("%", r"\%").replace("#", r"\#")


KEY_UNSAFE = re.compile(r"[^A-Za-z0-9:._-]+")


def bibtex_key(key: str) -> str:
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return KEY_UNSAFE.sub("-", ascii_key).strip("-") or PUBLISHER


QUOTED = {"month", "title", "author"}  # written as they are: a macro, or "{…}"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex(citation: Citation) -> str:
    """A `@misc` entry (what BibTeX and biblatex both take for a page of a site), its
    source in `note` and, for biblatex, the revision in `version`."""
    revised = citation.revised.date()
    note = [_bibtex_revision(citation)]
    if citation.note:
        note.insert(0, bibtex_text(citation.note))
    for source in citation.all_sources:
        note.append("Source: " + bibtex_text(_source_text(source, "en")))
    fields = [
        # Braced inside quotes: the case kept, a collective's name not split into names.
        ("title", '"{' + bibtex_text(citation.title) + '}"'),
        ("author", '"{' + bibtex_text(citation.holder) + '}"' if citation.holder else ""),
        ("organization", bibtex_text(PUBLISHER)),
        ("howpublished", bibtex_text(citation.debate)),
        ("year", str(revised.year)),
        ("month", MONTHS[revised.month - 1]),
        ("date", revised.isoformat()),
        ("version", bibtex_text(citation.revision)),
        ("url", bibtex_url(citation.url)),
        ("urldate", citation.accessed.isoformat() if citation.accessed else ""),
        ("language", "french" if citation.language.startswith("fr") else "english"),
        ("note", ". ".join(note)),
    ]
    body = ",\n".join(
        f"  {name} = {value}" if name in QUOTED else f"  {name} = {{{value}}}"
        for name, value in fields
        if value
    )
    return f"@misc{{{bibtex_key(citation.key)},\n{body}\n}}\n"


def _bibtex_revision(citation: Citation) -> str:
    return (
        f"Revision {bibtex_text(citation.revision)} of {citation.revised.date().isoformat()}, "
        f"as read at \\url{{{bibtex_url(citation.version_url)}}}"
    )


CSL_TYPES = {"claim": "webpage", "relation": "webpage", "map": "graphic"}


def date_parts(day: datetime.date, precision: str = "day") -> dict:
    parts = [day.year, day.month, day.day][: {"year": 1, "month": 2}.get(precision, 3)]
    return {"date-parts": [parts]}


def csl_item(citation: Citation) -> dict:
    """One CSL-JSON item: the page as published by the site at its revision; the text it
    rests on as the `original-*` variables."""
    item: dict = {
        "id": bibtex_key(citation.key),
        "type": CSL_TYPES.get(citation.kind, "webpage"),
        "title": citation.title,
        "container-title": citation.debate,
        "publisher": PUBLISHER,
        "URL": citation.url,
        "version": citation.revision,
        "issued": date_parts(citation.revised.date()),
        "language": citation.language,
        "note": " ".join(
            part
            for part in (
                citation.note,
                f"Revision {citation.revision}, as read at {citation.version_url}",
            )
            if part
        ),
    }
    if citation.accessed is not None:
        item["accessed"] = date_parts(citation.accessed)
    if citation.holder:
        item["author"] = [{"literal": citation.holder}]
    source = citation.source
    if source is not None:
        item["original-title"] = source.title
        if source.authors:
            item["original-author"] = [{"literal": name} for name in source.authors]
        if source.venue:
            item["original-publisher"] = source.venue
        if source.published is not None:
            item["original-date"] = date_parts(source.published, source.precision)
        if source.url:
            item["archive_location"] = source.url
    return item


def csl_json(citation: Citation) -> str:
    """CSL-JSON: an array of items (here one), as Zotero and citeproc read it."""
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2) + "\n"
