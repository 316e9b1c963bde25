"""The citation's forms, from plain data, without the database: BibTeX escaping and plain
ASCII, CSL-JSON's types, the plain text's parts, and the card's DOT bounds."""

import datetime
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arguments.citing.card import card_dot
from arguments.citing.citation import (
    Citation,
    CitedSource,
    bibtex,
    bibtex_key,
    bibtex_text,
    bibtex_url,
    csl_json,
    plain_text,
)

SOURCE = CitedSource(
    title="Le techno-féodalisme & ses 100 % d'« illusions »",
    authors=("Cédric Durand",),
    venue="Contretemps",
    published=datetime.date(2025, 10, 4),
    precision="month",
    url="https://example.org/texte?a=1&b=2#note",
    date_text="octobre 2025",
)
CITATION = Citation(
    kind="claim",
    key="technofeodalisme:durand-thèse:r42",
    title="Les {plateformes} prélèvent une rente \\ 50 % & plus : œuvre ç ü",
    debate="Techno-féodalisme ou capitalisme ?",
    url="https://controverse.example/technofeodalisme/claims/durand/",
    version_url="https://controverse.example/technofeodalisme/claims/durand/versions/42/",
    revision="42",
    revised=datetime.datetime(2026, 3, 5, 10, 30, tzinfo=datetime.UTC),
    accessed=datetime.date(2026, 4, 1),
    holder="Cédric Durand",
    source=SOURCE,
)


def unescaped_braces(text: str) -> list[str]:
    """The braces of `text` that group (not \\{ or \\})."""
    return re.findall(r"(?<!\\)[{}]", text)


def balanced(text: str) -> bool:
    depth = 0
    for brace in unescaped_braces(text):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_escapes_what_tex_gives_a_meaning():
    assert bibtex_text("{a}") == r"\{a\}"
    assert bibtex_text("a\\b") == r"a{\textbackslash}b"
    assert bibtex_text("50 %") == r"50 \%"
    assert bibtex_text("A & B") == r"A \& B"
    assert bibtex_text("#1 $2 _3 ~4 ^5") == (r"\#1 \$2 \_3 {\textasciitilde}4 {\textasciicircum}5")


def test_bibtex_writes_accents_as_tex_commands_and_stays_ascii():
    assert bibtex_text("é") == r"{\'{e}}"
    assert bibtex_text("ç") == r"{\c{c}}"
    assert bibtex_text("ü") == r"{\"{u}}"
    assert bibtex_text("ï") == r"{\"{\i}}"
    assert bibtex_text("œuvre") == r"{\oe}uvre"
    assert bibtex_text("« oui »") == r"{\guillemotleft} oui {\guillemotright}"
    assert bibtex_text("l’écart — non") == r"l'{\'{e}}cart --- non"
    assert bibtex_text("a\u202fb\u00a0c") == "a~b~c"
    assert bibtex_text("文") == '{\\char"6587}'
    assert bibtex_text("a\x00\x07b") == "ab"
    assert bibtex_text("É").isascii()


@given(st.text())
def test_any_text_becomes_ascii_with_balanced_braces(text):
    escaped = bibtex_text(text)
    assert escaped.isascii()
    assert balanced(escaped)
    assert "\n" not in escaped
    # No unescaped percent sign (a TeX comment would swallow the rest of the line).
    assert re.search(r"(?<!\\)%", escaped) is None


def test_a_hostile_statement_cannot_end_its_field_or_start_an_entry():
    hostile = Citation(**{**CITATION.__dict__, "title": "x}, note = {pwned}\n@misc{evil,"})
    entry = bibtex(hostile)
    assert entry.count("@misc{") == 1
    assert balanced(entry)
    assert "note = {pwned}" not in entry


def test_bibtex_entry():
    entry = bibtex(CITATION)
    assert entry.isascii()
    assert balanced(entry)
    assert entry.startswith("@misc{technofeodalisme:durand-these:r42,\n")
    assert (
        r"""  title = "{Les \{plateformes\} pr{\'{e}}l{\`{e}}vent une rente """
        r"""{\textbackslash} 50 \% \& plus : {\oe}uvre {\c{c}} {\"{u}}}","""
    ) in entry
    assert r"""  author = "{C{\'{e}}dric Durand}",""" in entry
    assert "{{" not in entry  # nothing a template would take for its own
    assert "  year = {2026},\n  month = mar,\n  date = {2026-03-05}," in entry
    assert "  version = {42}," in entry
    assert "  url = {https://controverse.example/technofeodalisme/claims/durand/}," in entry
    assert "  urldate = {2026-04-01}," in entry
    assert (
        r"as read at \url{https://controverse.example/technofeodalisme/claims/durand/versions/42/}"
    ) in entry
    assert r"Contretemps, octobre 2025, https://example.org/texte?a=1\&b=2\#note" in entry
    assert entry.endswith("\n}\n")


def test_bibtex_urls_and_keys():
    assert bibtex_url("https://e.org/a%20b?x=1#y") == r"https://e.org/a\%20b?x=1\#y"
    assert bibtex_url("https://e.org/féodal") == r"https://e.org/f\%C3\%A9odal"
    assert bibtex_url("https://e.org/{x}") == r"https://e.org/\%7Bx\%7D"
    assert bibtex_key("débat:thèse r1,}") == "debat:these-r1"
    assert bibtex_key("}}}") == "controverse"


def test_csl_json_is_valid_json_with_the_right_types():
    items = json.loads(csl_json(CITATION))
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert item["type"] == "webpage"
    assert item["id"] == "technofeodalisme:durand-these:r42"
    assert item["title"] == CITATION.title
    assert item["container-title"] == "Techno-féodalisme ou capitalisme ?"
    assert item["author"] == [{"literal": "Cédric Durand"}]
    assert item["URL"] == CITATION.url
    assert item["version"] == "42"
    assert item["issued"] == {"date-parts": [[2026, 3, 5]]}
    assert item["accessed"] == {"date-parts": [[2026, 4, 1]]}
    # The text it rests on, to the precision its date is known.
    assert item["original-title"] == SOURCE.title
    assert item["original-author"] == [{"literal": "Cédric Durand"}]
    assert item["original-date"] == {"date-parts": [[2025, 10]]}
    assert item["original-publisher"] == "Contretemps"
    assert CITATION.version_url in item["note"]
    for parts in (item["issued"], item["accessed"], item["original-date"]):
        assert all(isinstance(n, int) for n in parts["date-parts"][0])


def test_csl_json_of_a_map_and_of_a_claim_without_source():
    bare = Citation(**{**CITATION.__dict__, "kind": "map", "source": None, "holder": ""})
    item = json.loads(csl_json(bare))[0]
    assert item["type"] == "graphic"
    assert "author" not in item and "original-title" not in item


def test_a_citation_without_its_day_of_reading_leaves_it_out():
    undated = Citation(**{**CITATION.__dict__, "accessed": None})
    assert "accessed" not in plain_text(undated)
    assert "urldate" not in bibtex(undated)
    assert "accessed" not in json.loads(csl_json(undated))[0]


def test_plain_text_names_everything():
    text = plain_text(CITATION)
    assert text.startswith("Cédric Durand, «\u202fLes {plateformes}")
    for part in (
        "Techno-féodalisme ou capitalisme ?, controverse",
        "revision 42 of 2026-03-05",
        CITATION.url,
        f"as read at: {CITATION.version_url}",
        "accessed 2026-04-01",
        "Source: Cédric Durand, «\u202fLe techno-féodalisme & ses 100 % d'« illusions »\u202f»",
        "Contretemps, octobre 2025, https://example.org/texte?a=1&b=2#note",
    ):
        assert part in text
    a_map = Citation(**{**CITATION.__dict__, "kind": "map", "title": "Map around “X”"})
    assert plain_text(a_map).startswith("Cédric Durand, Map around “X”, ")  # not quoted again
    english = Citation(**{**CITATION.__dict__, "language": "en"})
    assert "“Les {plateformes}" in plain_text(english)


DOT = 'digraph argument_map {\n\tgraph [rankdir="BT" label="T"]\n\tnode [shape="box"]\n\tc1\n}\n'


def test_the_card_bounds_the_map_after_its_own_attributes():
    bounded = card_dot(DOT)
    lines = bounded.splitlines()
    assert lines[0] == "digraph argument_map {"
    assert lines[1] == '\tgraph [rankdir="BT" label="T"]'
    assert lines[2] == '\tgraph [size="12,6.3" dpi="100" label="" pad="0.2"]'
    assert lines[3:] == ['\tnode [shape="box"]', "\tc1", "}"]


def test_the_card_refuses_what_is_not_a_map():
    with pytest.raises(ValueError):
        card_dot("graph {}")
    with pytest.raises(ValueError):
        card_dot("nothing")
