"""A source's full text as we store it: plain, paragraphs separated by blank lines, from a
pasted text or an uploaded .txt, .html or .pdf file. Pure: bytes in, text or a clear
`TextRefused` out, bounded in size and pages.

HTML goes through html2text (pure Python, its parser is not recursive: a deeply nested
page cannot exhaust the stack), which writes emphasis as the asterisks our quotations use;
links, images and tables' markup are left out. PDF goes through pypdf, page by page, up
to `MAX_PAGES`."""

from __future__ import annotations

import io
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from arguments.record.emphasis import emphasis_tokens
from arguments.record.text import clean_text as clean_user_text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARACTERS = 2 * 1024 * 1024
MAX_PAGES = 2000

FORMATS = ("text", "html", "pdf")
_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}

_EDGE_SPACES = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_BLOCK_MARKERS = re.compile(r"^[ \t]*(?:(?:> ?)+|#{1,6} )", re.MULTILINE)


class TextRefused(ValueError):
    """The file or text cannot be stored; the message says why, for the editor."""


def clean_text(text: str) -> str:
    """`text` as stored: any user text's hygiene (NFC, no control characters, lines ended
    by \\n: arguments/record/text.py), then no tabs, byte-order marks, nor spaces at
    either end of a line; paragraphs separated by exactly one blank line."""
    text = clean_user_text(text, multiline=True).replace("\t", " ").replace("\ufeff", "")
    text = _EDGE_SPACES.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def format_of(filename: str) -> str:
    """The format a file's name says, or a refusal naming the ones accepted."""
    name = filename.lower()
    for extension, format_name in _EXTENSIONS.items():
        if name.endswith(extension):
            return format_name
    raise TextRefused(_("Upload a .txt, .html or .pdf file."))


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TextRefused(_("The file is not UTF-8 text.")) from None


def html_text(markup: str) -> str:
    """The text of an HTML page: paragraphs as paragraphs, emphasis as asterisks."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no wrapping: a paragraph is one line
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_tables = True
    converter.emphasis_mark = "*"
    converter.strong_mark = "**"
    converter.unicode_snob = True  # keep « », ’ and accented letters as they are
    # Markdown's block markers are layout, not wording: a quoted passage's "> " and a
    # heading's "## " would otherwise sit inside the text that quotations are checked in.
    return _BLOCK_MARKERS.sub("", converter.handle(markup))


def pdf_text(content: bytes) -> str:
    """The text of a PDF, one paragraph per block the extractor gives, pages apart."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise TextRefused(
                _("The PDF has %(count)d pages: at most %(limit)d are read.")
                % {"count": len(pages), "limit": MAX_PAGES}
            )
        return "\n\n".join(page.extract_text() or "" for page in pages)
    except TextRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # pypdf raises many kinds on a damaged file; each means "not a PDF we can read".
        raise TextRefused(_("The file is not a PDF that can be read.")) from None


def refuse_unreadable_pdf(format_name: str, content: bytes) -> None:
    """A file called .pdf that does not start as one is refused at once, before the queue."""
    if format_name == "pdf" and not content.startswith(b"%PDF-"):
        raise TextRefused(_("The file is not a PDF that can be read."))


def text_from_file(filename: str, content: bytes) -> tuple[str, str]:
    """(stored text, format) of an uploaded file, or `TextRefused`."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise TextRefused(_("The file is larger than 5 MB."))
    format_name = format_of(filename)
    refuse_unreadable_pdf(format_name, content)
    if format_name == "pdf":
        raw = pdf_text(content)
    elif format_name == "html":
        raw = html_text(_decoded(content))
    else:
        raw = _decoded(content)
    return checked_text(raw), format_name


def checked_text(raw: str) -> str:
    """`raw` cleaned, or a refusal when nothing or too much is left."""
    text = clean_text(raw)
    if not text:
        raise TextRefused(_("The text is empty."))
    if len(text) > MAX_TEXT_CHARACTERS:
        raise TextRefused(_("The text is longer than 2 million characters."))
    return text


def paragraphs_with_offsets(text: str) -> list[dict]:
    """A stored text's paragraphs, each with its number (from 1), the offset of the stored
    text it starts at, and its HTML (`paragraph_html`): the page shows them, and a
    selection in it is turned back into offsets of the stored text
    (static/js/workbench-select.js)."""
    paragraphs = []
    start = 0
    for number, paragraph in enumerate(text.split("\n\n"), start=1):
        paragraphs.append(
            {"number": number, "start": start, "text": paragraph, "html": paragraph_html(paragraph)}
        )
        start += len(paragraph) + 2
    return paragraphs


def paragraph_html(paragraph: str) -> SafeString:
    """A stored paragraph as the workbench shows it: escaped, its emphasis in <em> and
    <strong>, its line breaks as <br>; the emphasis markers are kept in the page, hidden,
    so that the page's text nodes (with a <br> for each line break) are the stored text
    character for character and a selection's offsets are the stored text's."""
    out: list[str] = []
    for kind, value in emphasis_tokens(paragraph):
        if kind == "marker":
            out.append(f'<span class="emphasis-marker" hidden>{value}</span>')
        elif kind == "text":
            out.append("<br>".join(escape(line) for line in value.split("\n")))
        else:
            out.append(f"<{value}>" if kind == "open" else f"</{value}>")
    return mark_safe("".join(out))  # every piece of the text is escaped above
