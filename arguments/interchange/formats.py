"""The formats a debate goes out in and comes in from: names, files, and the calls that
turn a debate into a file and a file into a new debate."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext

from arguments.record.files import ImportProblems, load_json
from arguments.record.models import Debate
from arguments.workbench.actions import located_quotations

from . import aif, argdown, kialo, native, sadface, store, web_annotation
from .document import Document, capped, dating_warnings


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    content_type: str
    can_import: bool


FORMATS = {
    f.name: f
    for f in (
        Format("json", "controverse JSON", "json", "application/json", True),
        Format("aif", "AIF (AIFdb, OVA)", "aif.json", "application/json", True),
        Format("argdown", "Argdown", "argdown", "text/plain; charset=utf-8", True),
        Format("kialo", "Kialo", "kialo.txt", "text/plain; charset=utf-8", True),
        Format("sadface", "SADFace", "sadface.json", "application/json", True),
        Format(
            "annotations", "W3C Web Annotation", "annotations.jsonld", "application/ld+json", False
        ),
    )
}
IMPORT_FORMATS = [f for f in FORMATS.values() if f.can_import]


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_text(debate: Debate, name: str, site: str, moderator: bool = False) -> str:
    """The debate as a file in format `name`; `site` ("https://host") makes links absolute.
    Hidden proposals and the text of hidden annotations go out only to moderators."""
    document = store.document_from_debate(debate, complete=moderator)
    if name == "json":
        return native.dumps(document)
    if name == "aif":
        return _json(aif.to_aif(document))
    if name == "argdown":
        return argdown.to_argdown(document)
    if name == "kialo":
        return kialo.to_kialo(document)
    if name == "sadface":
        return _json(sadface.to_sadface(document))
    if name == "annotations":
        claims = site + reverse("arguments:claim", args=[debate.slug, "x"])[:-2]
        sources = site + reverse("arguments:source", args=[debate.slug, "x"])[:-2]
        relations = site + reverse("arguments:relation", args=[debate.slug, 1])[:-2]
        relation_pks = store.relation_pks(debate)
        return _json(
            web_annotation.to_web_annotation(
                document,
                claim_url=lambda key: f"{claims}{key}/",
                relation_url=lambda key: f"{relations}{relation_pks[key]}/",
                source_url=lambda key: f"{sources}{key}/",
                collection_url=site + reverse("arguments:export", args=[debate.slug, name]),
                text_positions=_text_positions(debate),
            )
        )
    raise KeyError(name)


def _text_positions(debate: Debate) -> dict[str, web_annotation.TextPosition]:
    """Where the quotations are in their sources' stored texts (the editors' workbench)."""
    return {
        slug: web_annotation.TextPosition(
            source=found.source,
            start=found.match.start,
            end=found.match.end,
            exact=found.match.exact,
            prefix=found.match.prefix,
            suffix=found.match.suffix,
        )
        for slug, found in located_quotations(debate).items()
    }


# A byte-order mark: some tools (Excel, Notepad) write it before UTF-8 text.
BOM = "\ufeff"


# Characters no text file holds (NUL and the C0 controls but tab and line breaks): a file
# starting with them is binary, whatever its name.
BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
# What SADFace writes and AIF does not: atoms and schemes, edges by source_id and target_id.
SADFACE_SIGNS = re.compile(r'"(?:source_id|target_id|analyst_name)"|"type"\s*:\s*"(?:atom|scheme)"')
AIF_SIGNS = re.compile(r'"(?:nodeID|fromID|toID|AIF|locutions)"')


def not_recognised() -> str:
    """The problem of a file in no format we read, naming those we do."""
    names = ", ".join(f.label for f in FORMATS.values() if f.can_import)
    return gettext(
        "The file's format was not recognised: it is none of the formats this site imports "
        "(%(formats)s)."
    ) % {"formats": names}


def _json_format(text: str) -> str:
    """Which of our JSON formats a JSON file is in: "" when none. Told from the parsed file
    (keys may come in any order); from signs in its text when it is not valid JSON, so that
    its parser names the fault."""
    try:
        data = load_json(text)
    except ValueError:  # json.JSONDecodeError too
        start = text[:5000]
        return "sadface" if SADFACE_SIGNS.search(start) and not AIF_SIGNS.search(start) else "aif"
    if not isinstance(data, dict):
        return ""
    if data.get("format") == "controverse":
        return "json"
    if "AIF" in data:  # OVA's envelope
        return "aif"
    nodes, edges = data.get("nodes"), data.get("edges")
    nodes = nodes if isinstance(nodes, list) else []
    edges = edges if isinstance(edges, list) else []
    items = [item for item in nodes[:20] + edges[:20] if isinstance(item, dict)]
    if any("nodeID" in item or "fromID" in item for item in items):
        return "aif"
    if any(item.get("type") in ("atom", "scheme") or "source_id" in item for item in items) or (
        "resources" in data and "nodes" in data
    ):
        return "sadface"
    if "nodes" in data or "locutions" in data:
        return "aif"
    return ""


def guess_format(filename: str, text: str) -> str:
    """The import format a file's name and first characters point to (a byte-order mark,
    which Windows tools write before UTF-8 text, aside); "" when it is in none of them."""
    text = text.removeprefix(BOM)
    suffix = PurePath(filename).suffix.lower()
    if not text.strip() or BINARY.search(text[:2000]):
        return ""
    if suffix in {".argdown", ".ad", ".md"}:
        return "argdown"
    start = text.lstrip()[:2000]
    if re.search(r'"format"\s*:\s*"controverse"', start):
        return "json"
    if start.startswith(("{", "[")) or suffix == ".json":
        return _json_format(text)
    if start.startswith(("Discussion Title:", "Discussion Name:")):
        return "kialo"
    return "argdown"


def parse(name: str, text: str, title: str) -> Document:
    if name == "json":
        return native.parse_native(text)
    if name == "aif":
        return aif.parse_aif(text, title=title)
    if name == "argdown":
        return argdown.parse_argdown(text, title=title)
    if name == "kialo":
        return kialo.parse_kialo(text)
    if name == "sadface":
        return sadface.parse_sadface(text, title=title)
    if not name:
        raise ImportProblems([not_recognised()])
    raise ImportProblems([f"unknown format {name!r}"])


@dataclass(frozen=True)
class Imported:
    debate: Debate
    warnings: list[str]  # what the importer kept in another form or left out
    # Relations credited to a text that came out before a claim they join was public:
    # imported all the same (another tool's dates are often the analysis's), each named.
    dating: list[str]


def import_text(
    text: str,
    name: str,
    filename: str,
    slug: str = "",
    imported_by: str = "",
    progress: Callable | None = None,
) -> tuple[Debate, list[str]]:
    """A new debate from a file's text, and every warning (the dating ones first).
    ImportProblems, and nothing stored, when the file is malformed."""
    imported = import_file(text, name, filename, slug, imported_by, progress)
    return imported.debate, [*imported.dating, *imported.warnings]


def import_file(
    text: str,
    name: str,
    filename: str,
    slug: str = "",
    imported_by: str = "",
    progress: Callable | None = None,
) -> Imported:
    """A new debate from a file's text, the importer's warnings and the dating warnings.
    ImportProblems, and nothing stored, when the file is malformed."""
    title = PurePath(filename).stem or "Imported map"
    document = parse(name, text.removeprefix(BOM), title)
    slug = slug or document.slug or slugify(document.title)[:50].strip("-") or "imported"
    origin = f"{FORMATS[name].label}: {PurePath(filename).name}"
    if imported_by:
        origin += f" ({imported_by})"
    if name == "json" and not imported_by:
        # The operator restoring our own file (manage.py import_debate); a reader's upload,
        # in any format, stays marked as imported.
        origin = ""
    debate = store.store_document(document, slug=slug, imported_from=origin, progress=progress)
    return Imported(
        debate, capped(document.warnings, "warnings"), capped(dating_warnings(document), "warnings")
    )
