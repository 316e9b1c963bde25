"""The workbench shows a text's emphasis as the reading pages do (italic, bold) while its
page keeps every stored character, the markers hidden: a selection's offsets, counted over
the page's text nodes (a <br> for a line break), are the stored text's. Pure: no database."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from arguments.record.emphasis import emphasis_html, emphasis_tokens, plain
from arguments.workbench.texts import paragraph_html, paragraphs_with_offsets


class Page(HTMLParser):
    """What the browser has of a paragraph: every text node with the tags around it (a
    <br> as a line break), and apart the text a reader sees (hidden spans left out)."""

    def __init__(self):
        super().__init__()
        self.stored = ""
        self.seen = ""
        self.tags: list[str] = []
        self.hidden = 0
        self.emphasised: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.stored += "\n"
            self.seen += "\n"
            return
        self.tags.append(tag)
        if "hidden" in dict(attrs):
            self.hidden += 1

    def handle_endtag(self, tag):
        closed = self.tags.pop()
        assert closed == tag, "tags are nested"
        if tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        self.stored += data
        if not self.hidden:
            self.seen += data
            marks = tuple(tag for tag in self.tags if tag in ("em", "strong"))
            if marks:
                self.emphasised.append((data, marks))


def page_of(paragraph: str) -> Page:
    page = Page()
    page.feed(paragraph_html(paragraph))
    page.close()
    assert not page.tags
    return page


PARAGRAPHS = [
    "Ils le disent *a minima* et **fort**.",
    "***Tout*** est dit, * une étoile seule, et 2 * 3 = 6.",
    "Une ligne\navec *un saut\nà l'intérieur* d'une emphase.",
    "Une emphase *ouverte jusqu'au bout",
    "fermée sans ouverture* puis la suite",
    "Sans rien de spécial : « guillemets » & <b>balises</b> ; 3 < 4.",
    "mots*collés*ensemble et **gras *et italique* dedans**",
    "",
    "*",
    "**",
]


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_the_page_keeps_every_stored_character_in_order(paragraph):
    page = page_of(paragraph)
    assert page.stored == paragraph
    words = (value for kind, value in emphasis_tokens(paragraph) if kind in ("text", "marker"))
    assert "".join(words) == paragraph


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_a_reader_sees_the_words_without_their_markers(paragraph):
    assert page_of(paragraph).seen == plain(paragraph)


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_the_emphasis_is_the_reading_pages(paragraph):
    """The same words in the same tags as emphasis_html gives the reading pages."""
    reading = Page()
    reading.feed(emphasis_html(paragraph).replace("\n", "<br>"))
    assert spread(page_of(paragraph).emphasised) == spread(reading.emphasised)


def spread(pieces) -> list[tuple[str, set[str]]]:
    """Character by character, its emphasis (runs may be cut differently)."""
    return [(char, set(marks)) for text, marks in pieces for char in text]


def test_an_emphasised_word_is_in_em_and_its_markers_hidden():
    html = paragraph_html("Ils le disent *a minima* et **fort**.")
    assert html == (
        'Ils le disent <span class="emphasis-marker" hidden>*</span><em>a minima</em>'
        '<span class="emphasis-marker" hidden>*</span> et '
        '<span class="emphasis-marker" hidden>**</span><strong>fort</strong>'
        '<span class="emphasis-marker" hidden>**</span>.'
    )


def test_hostile_text_is_inert():
    html = paragraph_html('*<script>alert("x")</script>* & <img src=x onerror=alert(1)>')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert re.findall(r"<(\w+)", html) == ["span", "em", "span"]


def test_offsets_of_a_selection_across_an_emphasis_are_the_stored_texts():
    """What the page's script counts: a selection from "disent" to "et", through the
    emphasised words, is the stored passage with its markers."""
    text = "Premier.\n\nIls le disent *a minima* et **fort**."
    paragraph = paragraphs_with_offsets(text)[1]
    page = page_of(paragraph["text"])
    start = paragraph["start"] + page.stored.index("disent")
    end = paragraph["start"] + page.stored.index(" et") + 3
    assert text[start:end] == "disent *a minima* et"
    assert paragraph["html"] == paragraph_html(paragraph["text"])


@pytest.mark.parametrize("text", ["*a " * 100_000, "a* " * 100_000])
def test_a_text_of_200000_markers_is_shown_in_one_pass(text):
    # Hostile texts: every word opened and never closed, or closed and never opened (each
    # emphasis then runs from the start). Built in one pass: a quadratic page never ends.
    html = paragraph_html(text)
    assert html.count("<em>") == 100_000
    assert html.count('<span class="emphasis-marker" hidden>*</span>') == 100_000
    assert emphasis_html(text).count("</em>") == 100_000
