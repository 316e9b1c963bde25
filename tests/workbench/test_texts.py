"""A source's full text from a paste or an uploaded file, cleaned and bounded: real HTML and
PDF files, and hostile ones that get a clear refusal or are cleaned, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from arguments.workbench.quotations import find_quotation
from arguments.workbench.texts import (
    MAX_PAGES,
    MAX_TEXT_CHARACTERS,
    MAX_UPLOAD_BYTES,
    TextRefused,
    checked_text,
    clean_text,
    text_from_file,
)

INTEROP = Path(__file__).resolve().parent.parent / "data" / "interop"


def read(path: str) -> bytes:
    return (INTEROP / path).read_bytes()


def test_a_real_pdf_gives_its_text():
    text, format_name = text_from_file("simple.pdf", read("pdf/simple-pdf-2.0-file.pdf"))
    assert format_name == "pdf"
    assert text == "Hello World"


def test_a_real_html_blockquote_gives_paragraphs_without_markdown_markers():
    text, format_name = text_from_file(
        "page.html", read("html/blockquote_paragraph_linebreak.html")
    )
    assert format_name == "html"
    assert text.split("\n\n") == ["Paragraph 1", "Paragraph 2", "Paragraph 3"]


def test_html_emphasis_becomes_the_asterisks_quotations_ignore():
    text, _format = text_from_file("page.html", read("html/new_line_in_emphasis.html"))
    assert text.startswith("**")
    assert find_quotation("Our multiline bold text", text) is not None


def test_scripts_and_styles_are_not_text():
    markup = "<p>Un « mot ».</p><script>alert(1)</script><style>p{color:red}</style>"
    text, _format = text_from_file("page.htm", markup.encode())
    assert text == "Un « mot »."


def test_clean_text_removes_controls_and_normalises_paragraphs():
    raw = "\ufeffUn\x00 te\x07xte\r\nsur deux lignes   \r\n\r\n\r\n\r\n\tSecond\x1b paragraphe.\x85"
    assert clean_text(raw) == "Un texte\nsur deux lignes\n\nSecond paragraphe."


def test_a_decomposed_accent_is_stored_composed():
    assert clean_text("e\u0301") == "\u00e9"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("texte.docx", b"PK\x03\x04", "Upload a .txt, .html or .pdf file."),
        ("texte.txt", b"\xff\xfe\x00l\x00a", "The file is not UTF-8 text."),
        ("texte.txt", b"   \n\x00\x01\n  ", "The text is empty."),
        ("texte.pdf", b"not a pdf at all", "The file is not a PDF that can be read."),
        ("texte.pdf", b"%PDF-1.4 garbage", "The file is not a PDF that can be read."),
        ("texte.pdf", b"%PDF-1.7\ntrailer << /Root 1 0 R >>\n%%EOF", "not a PDF"),
        ("texte.html", b"<html><body><script>x</script></body></html>", "The text is empty."),
    ],
)
def test_hostile_files_are_refused_with_a_clear_message(filename, content, message):
    with pytest.raises(TextRefused, match=message):
        text_from_file(filename, content)


def test_a_file_over_five_megabytes_is_refused_before_it_is_read():
    with pytest.raises(TextRefused, match="larger than 5 MB"):
        text_from_file("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1))


def test_a_text_over_two_million_characters_is_refused():
    with pytest.raises(TextRefused, match="longer than 2 million"):
        checked_text("mot " * (MAX_TEXT_CHARACTERS // 4 + 1))


def test_a_pdf_with_too_many_pages_is_refused():
    writer = PdfWriter()
    for _page in range(MAX_PAGES + 1):
        writer.add_blank_page(10, 10)
    content = io.BytesIO()
    writer.write(content)
    with pytest.raises(TextRefused, match="2001 pages"):
        text_from_file("pages.pdf", content.getvalue())


def test_deeply_nested_html_is_read_without_overflowing():
    """Hostile: 100,000 nested elements (a recursive parser would exhaust the stack)."""
    markup = "<div>" * 100_000 + "<p>profond</p>" + "</div>" * 100_000
    text, _format = text_from_file("nested.html", markup.encode())
    assert text == "profond"
