"""The project's own JSON: the whole `Document`, versioned, read back exactly as written.

Relations and undercuts carry their layer (`text`, `editors`, `readers`), the `passage` of
the text that argues them and the editors' `justification` (and `justification_en`). A
file written before layers existed has none: its relations are the texts' own, its
proposals (with `proposed_at`) the readers'. An editors' entry without its justification is
refused, named by its place in the file: nothing stands in for the editors' reason."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import typing
from typing import Any

from arguments.record.files import ImportProblems, read_json

from . import document as doc
from .document import capped, kept_url

FORMAT = "controverse"
VERSION = 1

# Section name in the file -> the dataclass of its items.
SECTIONS = {
    "participants": doc.Participant,
    "sources": doc.Source,
    "claims": doc.Claim,
    "relations": doc.Relation,
    "undercuts": doc.Undercut,
    "annotations": doc.Annotation,
}
DEBATE_FIELDS = ("slug", "title", "title_en", "description", "description_en")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def to_native(document: doc.Document) -> dict:
    """Every field of every item, in the document's order; warnings are not part of it."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    data["debate"] = {name: getattr(document, name) for name in DEBATE_FIELDS}
    for section in SECTIONS:
        data[section] = [
            {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item)}
            for item in getattr(document, section)
        ]
    return data


def dumps(document: doc.Document) -> str:
    return json.dumps(to_native(document), ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _shape(cls: type) -> tuple[dict, dict]:
    """A dataclass's field types and fields, worked out once: not per item of a large file."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def value(self, where: str, kind: Any, value: Any) -> Any:
        """`value` checked against the dataclass field type `kind`."""
        optional = type(None) in typing.get_args(kind)
        if optional:
            if value is None:
                return None
            kind = next(k for k in typing.get_args(kind) if k is not type(None))
        if kind is str:
            if isinstance(value, str):
                return value
            return self.wrong(where, "a string", value)
        if kind is bool:
            if isinstance(value, bool):
                return value
            return self.wrong(where, "true or false", value)
        if kind is int:
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
            return self.wrong(where, "a positive whole number", value)
        if typing.get_origin(kind) is list:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
            return self.wrong(where, "a list of strings", value)
        if kind is datetime.datetime:
            try:
                moment = datetime.datetime.fromisoformat(str(value))
            except ValueError:
                return self.wrong(where, "an ISO 8601 date and time", value)
            if moment.tzinfo is None:
                return self.wrong(where, "a date and time with its time zone", value)
            return moment
        if kind is datetime.date:
            try:
                return datetime.date.fromisoformat(str(value))
            except ValueError:
                return self.wrong(where, "a date YYYY-MM-DD", value)
        raise TypeError(f"no reader for {kind}")

    def wrong(self, where: str, expected: str, value: Any) -> None:
        self.problems.append(f"{where}: expected {expected}, got {json.dumps(value)[:60]}")
        return None

    def item(self, where: str, cls: type, data: Any) -> Any:
        if not isinstance(data, dict):
            self.wrong(where, "an object", data)
            return None
        before = len(self.problems)
        hints, fields = _shape(cls)
        unknown = sorted(set(data) - set(fields))
        if unknown:
            self.problems.append(f"{where}: unknown fields {unknown}")
        values = {}
        for name, spec in fields.items():
            required = (
                spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
            )
            if name not in data:
                if required:
                    self.problems.append(f"{where}: missing field {name!r}")
                continue
            values[name] = self.value(f"{where}.{name}", hints[name], data[name])
        return cls(**values) if len(self.problems) == before else None


def parse_native(text: str | bytes) -> doc.Document:
    """A document from our JSON; ImportProblems naming each bad field as `claims[3].holder`.
    A source's address that is not http(s) is left out with a warning."""
    data = read_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblems([f'not a controverse file: no "format": "{FORMAT}"'])
    if data.get("version") != VERSION:
        raise ImportProblems([f"version {data.get('version')!r}: this app reads version {VERSION}"])
    reader = _Reader()
    unknown = sorted(set(data) - {"format", "version", "debate", *SECTIONS})
    if unknown:
        reader.problems.append(f"unknown sections {unknown}")
    head = data.get("debate")
    if not isinstance(head, dict):
        raise ImportProblems(["debate: expected an object with slug and title"])
    document = doc.Document(slug="", title="")
    for name in DEBATE_FIELDS:
        value = head.get(name, "")
        if isinstance(value, str):
            setattr(document, name, value)
        else:
            reader.wrong(f"debate.{name}", "a string", value)
    for name in sorted(set(head) - set(DEBATE_FIELDS)):
        reader.problems.append(f"debate: unknown field {name!r}")
    if not document.title:
        reader.problems.append("debate.title: missing")
    for section, cls in SECTIONS.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            reader.wrong(section, "a list", items)
            continue
        for index, entry in enumerate(items):
            where = f"{section}[{index}]"
            if section == "relations" and isinstance(entry, dict) and "layer" not in entry:
                # Before layers: a proposal is the readers', anything else the text's.
                entry = {**entry, "layer": doc.READERS if entry.get("proposed_at") else "text"}
            item = reader.item(where, cls, entry)
            if item is not None and section in ("relations", "undercuts"):
                reader.problems += doc.layer_problems(f"{where} ({item.key!r})", item)
            if item is not None:
                getattr(document, section).append(item)
    if reader.problems:
        raise ImportProblems(capped(reader.problems))
    for index, source in enumerate(document.sources):
        source.url = kept_url(source.url, f"sources[{index}] ({source.key!r})", document.warnings)
    return document.validated()
