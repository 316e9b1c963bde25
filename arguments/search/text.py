"""Words to stems, the same way for what is stored and what is searched. Pure: no database.

A row's searchable text is stored as its stems, " stem1 stem2 ... " (a space on each side),
so that `LIKE '% stem%'` finds a word by its stem's beginning on SQLite, as a prefix query
('stem':*) on the same stems' tsvector does on PostgreSQL. Each word is stored under its French
stem, taken with and without its accents (the French stemmer reads accents, a reader may
not type them), and its English stem: "féodalités" and "feodalite" meet at "feodal"."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import snowballstemmer

# Letters and digits: no underscore, no punctuation, so no query syntax ever gets through.
WORD = re.compile(r"[^\W_]+")
# Elided articles and pronouns: "l'économie", "qu’il", "d'une".
ELIDED = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

# Words too common to tell claims apart; matching them would also make every row a hit.
_STOP_WORDS = """
    a au aux avec ce ces c cet cette d dans de des du elle en est et il ils j l la le les
    leur leurs lui m ma mais me mes n ne nos notre nous on ou par pas pour qu que qui s sa
    se ses son sur t ta te tes un une vos votre vous y
    an and are as at be by for from has have in is it its of on or that the this to was
    were which with
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# A query's words are looked for by their stem's beginning (as-you-type: "féoda" finds
# "féodalisme"); a shorter stem must match whole, or "a" would find everything.
PREFIX_FROM = 3
# A search box, not a document: more words than this are dropped.
MAX_QUERY_WORDS = 12

_french = snowballstemmer.stemmer("french")
_english = snowballstemmer.stemmer("english")


# Letters that no decomposition takes apart: a reader types "coeur" for "cœur".
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "\u0131": "i"})


def unaccented(text: str) -> str:
    """Lower case without diacritics: "Grève" -> "greve", "Œuvre" -> "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of `text`, lower case, accents kept, elided articles and stop words out."""
    text = ELIDED.sub(" ", unicodedata.normalize("NFC", text))
    found = (word.casefold() for word in WORD.findall(text))
    return [word for word in found if unaccented(word) not in STOP_WORDS]


@functools.lru_cache(maxsize=65536)  # a debate has a small vocabulary; stemming is slow-ish
def stems(word: str) -> tuple[str, ...]:
    """The stems a lower-case word is stored and searched under, without accents."""
    bare = unaccented(word)
    found = dict.fromkeys(
        unaccented(stem)
        for stem in (
            _french.stemWord(word),
            _french.stemWord(bare),
            _english.stemWord(bare),
        )
    )
    return tuple(stem for stem in found if stem) or (bare,)


# Words made on these are stored under their second part too: "technoféodalisme" is found
# by "féodalisme". (Only what is stored: a query for the compound wants the compound.)
COMPOUNDED = re.compile(r"^(?:techno|cyber|crypto|néo|neo|post|anti|hyper|méta|meta)-?(\w{4,})$")


def parts(word: str) -> list[str]:
    """A word, and the second part of a compound made on a common first one."""
    compound = COMPOUNDED.match(word)
    return [word, compound.group(1)] if compound else [word]


def stored(*texts: str) -> str:
    """The stored form of some texts: their stems, each once, " a b c "."""
    found = dict.fromkeys(
        stem
        for text in texts
        for word in words(text)
        for part in parts(word)
        for stem in stems(part)
    )
    return f" {' '.join(found)} " if found else ""


def query_terms(query: str) -> list[tuple[str, ...]]:
    """A query as terms, each the stems one typed word may be found under (any of them will
    do); every term must be found. Empty when nothing searchable was typed."""
    terms = dict.fromkeys(_shortest(stems(word)) for word in words(query))
    return list(terms)[:MAX_QUERY_WORDS]


def _shortest(term: tuple[str, ...]) -> tuple[str, ...]:
    """A term without the stems another of its stems already finds by their beginning
    ("feodal" finds all that "feodalism" finds): fewer patterns for the database."""
    return tuple(
        stem
        for stem in term
        if not any(
            other != stem and len(other) >= PREFIX_FROM and stem.startswith(other) for other in term
        )
    )


def pattern(stem: str) -> str:
    """What a stored text contains when it has `stem`: " stem" (a beginning) or " stem "."""
    return f" {stem}" if len(stem) >= PREFIX_FROM else f" {stem} "


def matches(word: str, terms: list[tuple[str, ...]]) -> bool:
    """Whether a word of a text is one the query looks for (as the database finds it)."""
    text = _stored_word(word)
    return bool(text) and any(pattern(stem) in text for term in terms for stem in term)


@functools.lru_cache(maxsize=65536)  # highlighting asks for every word of every result
def _stored_word(word: str) -> str:
    """One word as stored(): " stem1 stem2 ", or "" for a stop word."""
    if unaccented(word) in STOP_WORDS:
        return ""
    word = word.casefold()
    return f" {' '.join(stem for part in parts(word) for stem in stems(part))} "


def highlight(text: str, terms: list[tuple[str, ...]]) -> str:
    """`text` escaped for HTML, with the words the query found in <mark>. The text is
    escaped piece by piece, so nothing a user typed is ever taken as markup."""
    if not terms:
        return html.escape(text)
    pieces, last = [], 0
    for found in WORD.finditer(text):
        if matches(found.group(), terms):
            pieces.append(html.escape(text[last : found.start()]))
            pieces.append(f"<mark>{html.escape(found.group())}</mark>")
            last = found.end()
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)
