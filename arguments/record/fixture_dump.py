"""Write a debate as its fixtures folder (format: fixtures/README.md), what `load_debate` reads.

Pure: no database. `dump_files(document, existing)` takes the debate as a `DebateDocument`
(the loader's own records) and the texts of the files already in the folder, and returns the
new text of every file that changes. Files already there are edited in place (ruamel.yaml's
round-trip mode): their comments, key order and quoting stay, an unchanged item is left as
it was written, and a file whose content does not change is not rewritten at all, so a dump
of an unchanged debate over its own folder changes no byte. `check_round_trip` reads the
result back with the loader and says what would not load as it is in the database.
"""

from __future__ import annotations

import dataclasses
import io
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from arguments.record.corrections_format import (
    CorrectionData,
    CorrectionItemData,
    read_corrections,
)
from arguments.record.fixture_format import (
    EDITORS,
    ClaimData,
    DebateDocument,
    FixtureError,
    ParticipantData,
    RelationData,
    SourceData,
    UndercutData,
    parse_date,
    read_debate_folder,
)
from arguments.record.questions_format import QuestionData

DEBATE_FILE = "debate.yaml"
PARTICIPANTS_FILE = "participants.yaml"
SOURCES_FILE = "sources.yaml"
QUESTIONS_FILE = "questions.yaml"
CORRECTIONS_FILE = "corrections.yaml"
CLAIMS_FOLDER = "claims"
CLAIMS_FILE = re.compile(r"^claims/(\d+)-[^/]*\.yaml$")
# Long texts of a claims file are folded (`>-`) near this width, as the shipped files are.
FOLD_WIDTH = 88
PROSE_KEYS = {"statement", "statement_en", "quotation", "passage", "justification"}
PROSE_KEYS |= {"justification_en", "description", "description_en", "explanation"}
PROSE_KEYS |= {"explanation_en"}
NESTED_KEYS = {"answers", "items"}  # lists of mappings inside an item


class DumpError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- YAML text ---------------------------------------------------------------------------


def _yaml(root_is_list: bool) -> YAML:
    """A round-trip YAML in the shipped files' layout: lists at the root start at the left
    margin (participants, sources, questions, corrections); lists inside a claims file are
    indented under their key. No line is re-wrapped (width): texts keep their folds."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    if root_is_list:
        yaml.indent(mapping=2, sequence=2, offset=0)
    else:
        yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _text_of(data: Any) -> str:
    out = io.StringIO()
    _yaml(isinstance(data, list)).dump(data, out)
    return out.getvalue()


def _foldable(text: str) -> bool:
    """Whether a folded block (`>-`) gives the text back exactly: one line, no run of
    spaces or edge spaces (folding would change them), printable characters only."""
    return (
        bool(text)
        and text == text.strip()
        and "  " not in text
        and all(character.isprintable() for character in text)
    )


def _fold_positions(text: str, indent: int) -> list[int]:
    """Spaces at which to break a folded text so that its lines stay near FOLD_WIDTH."""
    positions, line_start, last_space = [], 0, -1
    room = max(FOLD_WIDTH - indent, 40)
    for index, character in enumerate(text):
        if character == " ":
            if index - line_start > room and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > room and last_space > line_start:
        positions.append(last_space)
    return positions


def styled(key: str, value: Any, indent: int = 4) -> Any:
    """A new value as the shipped files write it: long texts folded (`>-`), an empty text
    as "" rather than ''; anything else as ruamel.yaml chooses, which quotes or escapes what
    YAML would otherwise read differently (": ", "#", "&", "*", "!!", a leading "- ")."""
    if value == "":
        return DoubleQuotedScalarString("")
    if isinstance(value, str) and key in PROSE_KEYS and _foldable(value):
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value, indent + 2)
        return folded
    return value


def _date_value(published, precision: str) -> Any:
    if published is None:
        return ""
    if precision == "year":
        return published.year
    if precision == "month":
        return f"{published.year:04d}-{published.month:02d}"
    return published


# --- What each item is, as the files write it ----------------------------------------------


def participant_entry(item: ParticipantData) -> dict[str, Any]:
    entry = {"slug": item.slug, "name": item.name}
    if item.name_en:
        entry["name_en"] = item.name_en
    entry |= {
        "kind": item.kind,
        "description": item.description,
        "description_en": item.description_en,
    }
    return entry


def source_entry(item: SourceData) -> dict[str, Any]:
    entry = {"slug": item.slug, "title": item.title}
    if item.title_en:
        entry["title_en"] = item.title_en
    entry |= {
        "authors": list(item.authors),
        "venue": item.venue,
        "date": _date_value(item.published, item.date_precision),
    }
    if item.published is not None:
        entry["date_qualifier"] = item.date_qualifier
    entry |= {"url": item.url, "language": item.language}
    if item.seed:
        entry["seed"] = item.seed
    return entry


def claim_entry(item: ClaimData, file_source: str) -> dict[str, Any]:
    entry = {"slug": item.slug, "holder": item.holder, "statement": item.statement}
    if item.statement_en:
        entry["statement_en"] = item.statement_en
    entry |= {"quotation": item.quotation, "section": item.section}
    if item.paragraph is not None:
        entry["paragraph"] = item.paragraph
    if item.source != file_source:
        entry["source"] = item.source
    if item.via:
        entry["via"] = item.via
    return entry


def relation_entry(item: RelationData, file_source: str) -> dict[str, Any]:
    entry = {"from": item.from_claim, "to": item.to_claim, "kind": item.kind}
    if item.layer == EDITORS:
        entry["by"] = EDITORS
        entry["justification"] = item.justification
        if item.justification_en:
            entry["justification_en"] = item.justification_en
        return entry
    if item.drawn_by:
        entry["by"] = item.drawn_by
    if item.source and item.source != file_source:
        entry["source"] = item.source
    if item.passage:
        entry["passage"] = item.passage
    return entry


def undercut_entry(item: UndercutData, file_source: str) -> dict[str, Any]:
    """Written as a relation whose `relation` names the relation undercut."""
    target = dict(zip(("from", "to", "kind"), item.relation, strict=True))
    as_relation = RelationData(item.from_claim, "", "", item.drawn_by, item.source, "")
    as_relation = dataclasses.replace(
        as_relation,
        layer=item.layer,
        passage=item.passage,
        justification=item.justification,
        justification_en=item.justification_en,
    )
    entry = relation_entry(as_relation, file_source)
    del entry["to"], entry["kind"]
    return {"from": entry.pop("from"), "relation": target} | entry


def question_entry(item: QuestionData) -> dict[str, Any]:
    entry = {"slug": item.slug, "text": item.text}
    for key in ("text_en", "explanation", "explanation_en"):
        if getattr(item, key):
            entry[key] = getattr(item, key)
    entry["answers"] = [
        {"claim": answer.claim, "gist": answer.gist}
        | ({"gist_en": answer.gist_en} if answer.gist_en else {})
        for answer in item.answers
    ]
    return entry


def correction_item_entry(item: CorrectionItemData) -> dict[str, Any]:
    entry: dict[str, Any] = {"what": item.what}
    if item.what == "relation":
        entry |= {"from": item.from_claim, "to": item.to_claim, "kind": item.kind}
    else:
        entry["slug"] = item.slug
    entry["change"] = item.change
    for key in ("before", "after", "reason", "reason_en"):
        if getattr(item, key):
            entry[key] = getattr(item, key)
    return entry


def correction_entry(item: CorrectionData) -> dict[str, Any]:
    entry: dict[str, Any] = {"slug": item.slug, "date": item.date, "title": item.title}
    for key in ("title_en", "summary", "summary_en"):
        if getattr(item, key):
            entry[key] = getattr(item, key)
    entry["items"] = [correction_item_entry(change) for change in item.items]
    return entry


# --- Reading a file's item the way the loader does, to tell whether it changed -------------


def _same_value(key: str, old: Any, new: Any) -> bool:
    """Whether the loader reads the same from two values of one key."""
    if key == "date":
        try:
            return parse_date(old) == parse_date(new)
        except ValueError:
            return False
    if isinstance(new, dict) or isinstance(old, dict):
        return (
            isinstance(old, dict)
            and isinstance(new, dict)
            and {k: str(v).strip() for k, v in old.items()} == new
        )
    if isinstance(new, list) or isinstance(old, list):
        return isinstance(old, list) and isinstance(new, list) and list(map(str, old)) == new
    if isinstance(new, int) or isinstance(old, int):
        return type(old) is type(new) and old == new
    normal = ("" if old is None else str(old)).strip(), ("" if new is None else str(new)).strip()
    if key in ("quotation", "passage"):
        return " ".join(normal[0].split()) == " ".join(normal[1].split())
    return normal[0] == normal[1]


def update_mapping(
    node: CommentedMap,
    wanted: dict[str, Any],
    managed: Iterable[str],
    implied: dict[str, Any] | None = None,
) -> bool:
    """Make `node` say what `wanted` says, touching only the keys that differ: a changed
    value is written anew, a key no longer wanted goes (unless it says what its absence
    says: "", or the `implied` default), a new key takes its place in the order of
    `wanted`. Keys not `managed` (another tool's, say) stay. Returns whether anything
    changed."""
    changed = False
    implied = implied or {}
    for key in managed:
        if key in wanted or key not in node:
            continue
        if not _same_value(key, node[key], implied.get(key, "")):
            trailing = _take_trailing(node)
            del node[key]
            _give_trailing(node, trailing)
            changed = True
    for index, (key, value) in enumerate(wanted.items()):
        if key in NESTED_KEYS:
            continue  # nested lists (answers, items) are merged by their callers
        if key in node:
            if not _same_value(key, node[key], value):
                node[key] = styled(key, value, _indent_of(node))
                changed = True
            continue
        if _same_value(key, implied.get(key, ""), value):
            continue  # what the key's absence already says
        earlier = [k for k in list(wanted)[:index] if k in node]
        position = list(node).index(earlier[-1]) + 1 if earlier else 0
        trailing = _take_trailing(node) if position == len(node) else None
        node.insert(position, key, styled(key, value, _indent_of(node)))
        _give_trailing(node, trailing)
        changed = True
    return changed


def _take_trailing(node: Any) -> Any:
    """The comment lines after a mapping's last value (ruamel.yaml keeps them on its last
    key: often the heading of what follows), taken off to be given back to the new last
    key, so that they stay after the item."""
    if not isinstance(node, CommentedMap) or not node:
        return None
    last = list(node)[-1]
    if isinstance(node[last], (CommentedMap, CommentedSeq)):
        return None  # on the nested list's last item; it stays there
    return node.ca.items.pop(last, None)


def _give_trailing(node: Any, trailing: Any) -> None:
    if trailing is None or not isinstance(node, CommentedMap) or not node:
        return
    last = list(node)[-1]
    if last in node.ca.items:  # two comments cannot share a key: keep the later one's place
        return
    node.ca.items[last] = trailing


def _indent_of(node: Any) -> int:
    column = getattr(getattr(node, "lc", None), "col", None)
    return column if isinstance(column, int) else 4


def _commented(entry: dict[str, Any]) -> CommentedMap:
    node = CommentedMap()
    for key, value in entry.items():
        if key in NESTED_KEYS:
            node[key] = CommentedSeq(_commented(item) for item in value)
        elif key == "relation" and isinstance(value, dict):
            target = CommentedMap(value)
            target.fa.set_flow_style()  # {from: a, to: b, kind: support}, on one line
            node[key] = target
        elif key == "authors":
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()  # [rauzy, morozov], as the shipped files write it
            node[key] = seq
        else:
            node[key] = styled(key, value)
    return node


def merge_list(
    seq: CommentedSeq,
    wanted: list[dict[str, Any]],
    key: Callable[[Any], Any],
    managed: Iterable[str],
    keep_order: bool = False,
    merge_nested: Callable[[CommentedMap, dict[str, Any]], None] | None = None,
    implied: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Make a list of items say what `wanted` says: items matched by `key` are updated in
    place (with the comments around them), items no longer wanted go, new ones are placed
    after the wanted item before them. Unless `keep_order`, existing items are moved into
    the order of `wanted` when theirs differs."""
    managed = list(managed)
    wanted_keys = [key(entry) for entry in wanted]
    wanted_set = set(wanted_keys)
    for index in reversed(range(len(seq))):
        if not isinstance(seq[index], dict) or key(seq[index]) not in wanted_set:
            trailing = _take_trailing(seq[index])
            del seq[index]  # CommentedSeq moves the comments of the later items back
            if index > 0:
                _give_trailing(seq[index - 1], trailing)
    by_key = {key(node): node for node in seq}
    for entry, entry_key in zip(wanted, wanted_keys, strict=True):
        node = by_key.get(entry_key)
        if node is not None:
            update_mapping(node, entry, managed, implied(entry) if implied else None)
            if merge_nested:
                merge_nested(node, entry)
    if not keep_order:
        order = {entry_key: index for index, entry_key in enumerate(wanted_keys)}
        present = [key(node) for node in seq]
        if present != sorted(present, key=order.__getitem__):
            _reorder(seq, sorted(range(len(seq)), key=lambda i: order[present[i]]))
    placed = {key(node) for node in seq}
    for index, (entry, entry_key) in enumerate(zip(wanted, wanted_keys, strict=True)):
        if entry_key in placed:
            continue
        before = [k for k in wanted_keys[:index] if k in placed]
        at = [key(node) for node in seq].index(before[-1]) + 1 if before else 0
        new = _commented(entry)
        if at > 0:
            # After the item before it, and before the comment that heads what follows.
            _give_trailing(new, _take_trailing(seq[at - 1]))
        seq.insert(at, new)
        placed.add(entry_key)


def _reorder(seq: CommentedSeq, order: list[int]) -> None:
    """Move a list's items, each with the comment that follows it."""
    items = [seq[index] for index in order]
    comments = [seq.ca.items.get(index) for index in order]
    for index in reversed(range(len(seq))):
        list.__delitem__(seq, index)
    seq.ca.items.clear()
    for index, (item, comment) in enumerate(zip(items, comments, strict=True)):
        list.append(seq, item)
        if comment is not None:
            seq.ca.items[index] = comment


# --- The folder --------------------------------------------------------------------------


@dataclasses.dataclass
class _Folder:
    """The parsed files of the folder, by relative path."""

    data: dict[str, Any]

    def claims_files(self) -> list[str]:
        return sorted(path for path in self.data if path.startswith(f"{CLAIMS_FOLDER}/"))

    def file_source(self, path: str) -> str:
        data = self.data.get(path)
        if isinstance(data, dict) and data.get("source") is not None:
            return str(data["source"]).strip()
        return ""

    def listing(self, path: str, key: str | None) -> CommentedSeq:
        """The list at `key` of a claims file, or the list a root-list file is; made if
        absent."""
        if key is None:
            if not isinstance(self.data.get(path), list):
                self.data[path] = CommentedSeq()
            return self.data[path]
        data = self.data.setdefault(path, CommentedMap())
        if not isinstance(data.get(key), list):
            data[key] = CommentedSeq()
        return data[key]


def _parse(existing: dict[str, str]) -> _Folder:
    data, problems = {}, []
    for path, text in sorted(existing.items()):
        try:
            data[path] = _yaml(text.lstrip().startswith("-")).load(text)
        except (YAMLError, RecursionError) as error:
            # Too deeply nested to read is as unreadable as malformed.
            problems.append(f"{path}: cannot read YAML, left as it is: {str(error)[:300]}")
    problems += _shape_problems(data)
    if problems:
        raise DumpError(problems)
    return _Folder(data)


def _shape_problems(data: dict[str, Any]) -> list[str]:
    """Files whose shape is not the fixtures': the dump does not guess what they meant,
    and leaves them for a person to mend."""
    problems = []
    for path, content in data.items():
        if content is None:
            continue  # an empty file: the dump fills it
        if path == DEBATE_FILE or path.startswith(f"{CLAIMS_FOLDER}/"):
            if not isinstance(content, dict):
                problems.append(f"{path}: expected a mapping, left as it is")
                continue
            for key in ("participants", "sources", "claims", "relations", "undercuts"):
                if content.get(key) is not None and not isinstance(content[key], list):
                    problems.append(f"{path}: {key} must be a list, left as it is")
        elif not isinstance(content, list):
            problems.append(f"{path}: expected a list, left as it is")
    return problems


def _slug_of(node: Any) -> Any:
    return node.get("slug") if isinstance(node, dict) else None


def _relation_key(node: Any) -> Any:
    if not isinstance(node, dict):
        return None
    return tuple(str(node.get(name, "")).strip() for name in ("from", "to", "kind"))


def _list_at(data: Any, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _undercut_key(node: Any) -> Any:
    if not isinstance(node, dict):
        return None
    target = node.get("relation")
    if not isinstance(target, dict):
        return None
    ends = tuple(str(target.get(name, "")).strip() for name in ("from", "to", "kind"))
    return (str(node.get("from", "")).strip(), ends)


def _new_claims_file(folder: _Folder, source: str, taken: set[str]) -> str:
    """A new claims file for a text that has none, numbered after the others so that the
    claims already there keep their reading order."""
    numbers = [int(m.group(1)) for p in folder.claims_files() if (m := CLAIMS_FILE.match(p))]
    number = max(numbers, default=-1) + 1
    while True:
        path = f"{CLAIMS_FOLDER}/{number:03d}-{source}.yaml"
        if path not in taken:
            return path
        number += 1


def quoted_text(claim: ClaimData) -> str:
    """The text whose words a claim quotes: the claims files are one per such text."""
    return claim.via or claim.source


DEBATE_KEYS = ("slug", "title", "title_en", "description", "description_en")
CLAIM_KEYS = ("slug", "holder", "statement", "statement_en", "quotation", "section")
CLAIM_KEYS += ("paragraph", "source", "via")
RELATION_KEYS = ("from", "to", "kind", "by", "source", "passage", "justification")
RELATION_KEYS += ("justification_en",)
UNDERCUT_KEYS = ("from", "relation", *RELATION_KEYS[3:])
PARTICIPANT_KEYS = ("slug", "name", "name_en", "kind", "description", "description_en")
# `seed` is not kept in the database: the file's stays as it is.
SOURCE_KEYS = ("slug", "title", "title_en", "authors", "venue", "date", "date_qualifier")
SOURCE_KEYS += ("url", "language")
QUESTION_KEYS = ("slug", "text", "text_en", "explanation", "explanation_en")
ANSWER_KEYS = ("claim", "gist", "gist_en")
CORRECTION_KEYS = ("slug", "date", "title", "title_en", "summary", "summary_en")
CORRECTION_ITEM_KEYS = ("what", "from", "to", "kind", "slug", "change", "before", "after")
CORRECTION_ITEM_KEYS += ("reason", "reason_en")


def dump_files(document: DebateDocument, existing: dict[str, str]) -> dict[str, str]:
    """The text of each fixtures file that the debate changes, by path relative to the
    folder (`claims/002-rauzy.yaml`); `existing` holds the texts already there."""
    folder = _parse(existing)
    # debate.yaml
    head = folder.data.get(DEBATE_FILE)
    if not isinstance(head, dict):
        head = folder.data[DEBATE_FILE] = CommentedMap()
    wanted_head = {"slug": document.slug, "title": document.title}
    for key in ("title_en", "description", "description_en"):
        if getattr(document, key):
            wanted_head[key] = getattr(document, key)
    update_mapping(head, wanted_head, DEBATE_KEYS)

    _place_people_and_texts(folder, document)
    _place_claims_and_relations(folder, document)
    if document.questions or QUESTIONS_FILE in folder.data:
        merge_list(
            folder.listing(QUESTIONS_FILE, None),
            [question_entry(q) for q in document.questions],
            _slug_of,
            QUESTION_KEYS,
            merge_nested=_merge_answers,
        )
    if document.corrections or CORRECTIONS_FILE in folder.data:
        merge_list(
            folder.listing(CORRECTIONS_FILE, None),
            [correction_entry(c) for c in document.corrections],
            _slug_of,
            CORRECTION_KEYS,
            merge_nested=_merge_correction_items,
            keep_order=True,  # the log's entries stay where they were written
        )
    changed = {}
    for path, data in sorted(folder.data.items()):
        new_claims_file = path not in existing and path.startswith(f"{CLAIMS_FOLDER}/")
        if new_claims_file and not any(data.get(k) for k in ("claims", "relations", "undercuts")):
            continue  # no empty claims file for a text with nothing quoted
        text = _text_of(data)
        if path in existing and _unchanged(existing[path], text):
            continue
        changed[path] = text
    return changed


def _unchanged(old: str, new: str) -> bool:
    """The same text, or text that YAML reads the same (ruamel.yaml may re-wrap or re-indent
    what it writes back): then the file is left as it was, byte for byte."""
    if old == new:
        return True
    try:
        return YAML(typ="safe", pure=True).load(old) == YAML(typ="safe", pure=True).load(new)
    except (YAMLError, RecursionError):
        return False


def _merge_answers(node: CommentedMap, entry: dict[str, Any]) -> None:
    if "answers" not in node or not isinstance(node["answers"], list):
        if entry["answers"]:
            node["answers"] = CommentedSeq()
        else:
            return
    merge_list(node["answers"], entry["answers"], lambda a: a.get("claim"), ANSWER_KEYS)


def _merge_correction_items(node: CommentedMap, entry: dict[str, Any]) -> None:
    """A log entry's changes have no key of their own: matched by their place."""
    items = node.get("items")
    if not isinstance(items, list):
        items = node["items"] = CommentedSeq()
    for index, wanted in enumerate(entry["items"]):
        if index < len(items) and isinstance(items[index], dict):
            update_mapping(items[index], wanted, CORRECTION_ITEM_KEYS)
        elif index < len(items):
            items[index] = _commented(wanted)
        else:
            items.append(_commented(wanted))
    while len(items) > len(entry["items"]):
        del items[len(items) - 1]


def _place_people_and_texts(folder: _Folder, document: DebateDocument) -> None:
    """Participants and sources stay in the file that defines them (participants.yaml, or a
    claims file for people only it involves); new ones go to participants.yaml and
    sources.yaml."""
    for list_key, file, items, entry, managed in (
        (
            "participants",
            PARTICIPANTS_FILE,
            document.participants,
            participant_entry,
            PARTICIPANT_KEYS,
        ),
        ("sources", SOURCES_FILE, document.sources, source_entry, SOURCE_KEYS),
    ):
        where = {}
        for path in folder.claims_files():
            data = folder.data[path]
            nodes = data.get(list_key) if isinstance(data, dict) else None
            for node in nodes if isinstance(nodes, list) else []:
                where.setdefault(_slug_of(node), path)
        nodes = folder.data.get(file)
        for node in nodes if isinstance(nodes, list) else []:
            where[_slug_of(node)] = file
        by_file: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            by_file.setdefault(where.get(item.slug, file), []).append(entry(item))
        for path in sorted(set(where.values()) | {file} | set(by_file)):
            wanted = by_file.get(path, [])
            if path == file:
                if wanted or file in folder.data:
                    listing = folder.listing(file, None)
                    merge_list(listing, wanted, _slug_of, managed, True, implied=_defaults)
            elif isinstance(folder.data[path].get(list_key), list):
                listing = folder.data[path][list_key]
                merge_list(listing, wanted, _slug_of, managed, True, implied=_defaults)
                if not folder.data[path][list_key]:
                    del folder.data[path][list_key]


def _defaults(entry: dict[str, Any]) -> dict[str, Any]:
    """What the loader reads where a participant's or source's key is absent."""
    if "name" in entry:
        return {"kind": "person"}
    return {"language": "fr", "date_qualifier": "exact" if entry.get("date") != "" else ""}


def _place_claims_and_relations(folder: _Folder, document: DebateDocument) -> None:
    """Claims and relations stay in their file; a new claim goes to the file of the text it
    quotes (or a new one named after that text), in reading order; a new relation to the
    file of the text that argues it, or else its claim's file."""
    claim_file = {}
    relation_file = {}
    for path in folder.claims_files():
        data = folder.data[path]
        if not isinstance(data, dict):
            raise DumpError([f"{path}: expected a mapping of source, claims and relations"])
        for node in _list_at(data, "claims"):
            claim_file.setdefault(_slug_of(node), path)
        for node in _list_at(data, "relations"):
            relation_file.setdefault(_relation_key(node), path)
        for node in _list_at(data, "undercuts"):
            relation_file.setdefault(_undercut_key(node), path)
    by_source = {}
    for path in folder.claims_files():
        by_source.setdefault(folder.file_source(path), path)
    new_files: dict[str, str] = {}
    claims_by_file: dict[str, list[ClaimData]] = {}
    for claim in sorted(document.claims, key=lambda c: c.position):
        path = claim_file.get(claim.slug) or by_source.get(quoted_text(claim))
        if path is None:
            text = quoted_text(claim)
            if text not in new_files:
                new_files[text] = _new_claims_file(folder, text, set(new_files.values()))
                folder.data[new_files[text]] = CommentedMap(source=text)
            path = by_source[text] = new_files[text]
        claim_file[claim.slug] = path
        claims_by_file.setdefault(path, []).append(claim)
    relations_by_file: dict[str, list[RelationData]] = {}
    for relation in document.relations:
        key = (relation.from_claim, relation.to_claim, relation.kind)
        path = relation_file.get(key)
        if path is None and relation.layer != EDITORS:
            path = by_source.get(relation.source)
        path = path or claim_file[relation.from_claim]
        relations_by_file.setdefault(path, []).append(relation)
    undercuts_by_file: dict[str, list[UndercutData]] = {}
    for undercut in document.undercuts:
        path = relation_file.get((undercut.from_claim, undercut.relation))
        if path is None and undercut.layer != EDITORS:
            path = by_source.get(undercut.source)
        path = path or claim_file[undercut.from_claim]
        undercuts_by_file.setdefault(path, []).append(undercut)
    for path in sorted(set(folder.claims_files())):
        source = folder.file_source(path)
        data = folder.data[path]
        claims = [claim_entry(c, source) for c in claims_by_file.get(path, [])]
        relations = [relation_entry(r, source) for r in relations_by_file.get(path, [])]
        undercuts = [undercut_entry(u, source) for u in undercuts_by_file.get(path, [])]
        for key, wanted, match, managed in (
            ("claims", claims, _slug_of, CLAIM_KEYS),
            ("relations", relations, _relation_key, RELATION_KEYS),
            ("undercuts", undercuts, _undercut_key, UNDERCUT_KEYS),
        ):
            if not wanted and not isinstance(data.get(key), list):
                continue
            merge_list(
                folder.listing(path, key),
                wanted,
                match,
                managed,
                keep_order=key != "claims",
                # An absent source is the file's, except on an editors' link (none).
                implied=lambda entry, source=source: (
                    {} if entry.get("by") == EDITORS else {"source": source}
                ),
            )
            if not data[key]:
                del data[key]


# --- Reading back ------------------------------------------------------------------------


def normalized(document: DebateDocument) -> DebateDocument:
    """The debate as the fixtures can say it: texts without edge spaces, quotations and
    passages on one line (the loader makes them so); claims' files and positions apart."""

    def strip(item):
        changes = {
            f.name: getattr(item, f.name).strip()
            for f in dataclasses.fields(item)
            if isinstance(getattr(item, f.name), str)
        }
        for name in ("quotation", "passage"):
            if name in changes:
                changes[name] = " ".join(changes[name].split())
        return dataclasses.replace(item, **changes)

    return dataclasses.replace(
        document,
        title=document.title.strip(),
        title_en=document.title_en.strip(),
        description=document.description.strip(),
        description_en=document.description_en.strip(),
        participants=[strip(p) for p in document.participants],
        sources=[strip(s) for s in document.sources],
        claims=[strip(c) for c in document.claims],
        relations=[strip(r) for r in document.relations],
        undercuts=[strip(u) for u in document.undercuts],
    )


def differences(expected: DebateDocument, found: DebateDocument) -> list[str]:
    """What the files say differently from the debate, item by item (claims' files and
    positions aside, but the reading order within each file compared)."""
    problems = []
    for attribute in ("slug", "title", "title_en", "description", "description_en"):
        if getattr(expected, attribute) != getattr(found, attribute):
            problems.append(f"debate {attribute} differs")

    def compare(kind: str, wanted: list, got: list, key, ignore: tuple = ()):
        def plain(item):
            return dataclasses.replace(item, **dict.fromkeys(ignore, None)) if ignore else item

        wanted_by, got_by = {key(i): plain(i) for i in wanted}, {key(i): plain(i) for i in got}
        for missing in sorted(set(wanted_by) - set(got_by), key=str):
            problems.append(f"{kind} {missing} is missing from the files")
        for extra in sorted(set(got_by) - set(wanted_by), key=str):
            problems.append(f"{kind} {extra} is in the files but not in the debate")
        for item_key in sorted(set(wanted_by) & set(got_by), key=str):
            if wanted_by[item_key] != got_by[item_key]:
                problems.append(f"{kind} {item_key} reads back differently")

    compare("participant", expected.participants, found.participants, lambda p: p.slug)
    # `seed` and its digest are a file's: the database does not keep them.
    compare("source", expected.sources, found.sources, lambda s: s.slug, ("seed", "seed_sha256"))
    compare("claim", expected.claims, found.claims, lambda c: c.slug, ("position", "file"))
    relation_key = lambda r: (r.from_claim, r.to_claim, r.kind)  # noqa: E731
    compare("relation", expected.relations, found.relations, relation_key, ("file",))
    undercut_key = lambda u: (u.from_claim, u.relation)  # noqa: E731
    compare("undercut", expected.undercuts, found.undercuts, undercut_key, ("file",))
    compare("question", expected.questions, found.questions, lambda q: q.slug)
    compare("correction", expected.corrections, found.corrections, lambda c: c.slug)
    files = {c.slug: c.file for c in found.claims}
    order = {c.slug: c.position for c in found.claims}
    for file in sorted(set(files.values())):
        wanted = [
            c.slug
            for c in sorted(expected.claims, key=lambda c: c.position)
            if files.get(c.slug) == file
        ]
        if wanted != sorted(wanted, key=order.__getitem__):
            problems.append(f"{file}: the claims are not in reading order")
    return problems


def check_round_trip(document: DebateDocument, existing: dict[str, str], changed: dict[str, str]):
    """Read the folder as it would be after the dump, with the loader; raise DumpError with
    what would not load, or not load as the debate is."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for path, text in ({**existing, **changed}).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        try:
            found = read_debate_folder(root)
        except FixtureError as error:
            raise DumpError(error.problems) from error
    problems = differences(normalized(document), found)
    if problems:
        raise DumpError(problems)
    return found


def read_existing(folder: Path) -> dict[str, str]:
    """The fixtures files already in a folder, by relative path."""
    names = [DEBATE_FILE, PARTICIPANTS_FILE, SOURCES_FILE, QUESTIONS_FILE, CORRECTIONS_FILE]
    paths = [folder / name for name in names] + sorted((folder / CLAIMS_FOLDER).glob("*.yaml"))
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in paths
        if path.is_file()
    }


# --- The corrections log's changes, named again by slugs -----------------------------------

# How the loader names a relation change in words (loading._named).
RELATION_NAMED = re.compile(r"^« (?P<from>.*) » → \((?P<kind>[a-z]+)\) « (?P<to>.*) »$", re.S)


@dataclasses.dataclass(frozen=True)
class StoredChange:
    """A change of the corrections log as the database keeps it: what it is about is named
    in words (`item`), with links to the claim or relation that remains of it."""

    what: str
    change: str
    item: str
    claim: str = ""  # the linked claim's slug
    relation: tuple[str, str, str] | None = None  # the linked relation's (from, to, kind)
    before: str = ""
    after: str = ""
    reason: str = ""
    reason_en: str = ""


@dataclasses.dataclass(frozen=True)
class StoredCorrection:
    slug: str
    date: Any
    title: str
    title_en: str
    summary: str
    summary_en: str
    changes: tuple[StoredChange, ...]


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Names that name one thing only, to the slug of that thing."""
    found: dict[str, set[str]] = {}
    for name, slug in pairs:
        found.setdefault(name, set()).add(slug)
    return {name: next(iter(slugs)) for name, slugs in found.items() if len(slugs) == 1}


def name_corrections(
    stored: list[StoredCorrection],
    document: DebateDocument,
    written: list[CorrectionData],
) -> list[CorrectionData]:
    """The log as the fixtures write it: each change names its item by slugs. The database
    keeps the words and links only, so each change takes its names from the file's same
    change when there is one (`written`), else from its links and words; one that nothing
    names is refused rather than dropped."""
    statements = _unique((c.statement, c.slug) for c in document.claims)
    titles = _unique((s.title, s.slug) for s in document.sources)
    names = _unique((p.name, p.slug) for p in document.participants)
    previous = {entry.slug: entry.items for entry in written}
    entries, problems = [], []
    for entry in stored:
        items = []
        for index, change in enumerate(entry.changes):
            known = previous.get(entry.slug, [])
            named = _named_change(change, known[index] if index < len(known) else None)
            if named is None:
                named = _named_by_words(change, statements, titles, names)
            if named is None:
                problems.append(
                    f"correction {entry.slug}, change {index + 1} ({change.what} "
                    f"{change.change}): nothing names {change.item[:80]!r} by its slug"
                )
                continue
            items.append(named)
        entries.append(
            CorrectionData(
                slug=entry.slug,
                date=entry.date,
                title=entry.title,
                title_en=entry.title_en,
                summary=entry.summary,
                summary_en=entry.summary_en,
                items=items,
            )
        )
    if problems:
        raise DumpError(problems)
    return entries


def _texts(change: StoredChange) -> dict[str, str]:
    return {
        "what": change.what,
        "change": change.change,
        "before": change.before,
        "after": change.after,
        "reason": change.reason,
        "reason_en": change.reason_en,
    }


def _named_change(change: StoredChange, written: CorrectionItemData | None):
    """The file's own naming of this change, when the file holds the same change."""
    if written is None:
        return None
    if any(getattr(written, key) != value for key, value in _texts(change).items()):
        return None
    return written


def _named_by_words(change: StoredChange, statements, titles, names):
    texts = _texts(change)
    if change.what == "relation":
        words = RELATION_NAMED.match(change.item)
        if words and words["from"] in statements and words["to"] in statements:
            ends = (statements[words["from"]], statements[words["to"]], words["kind"])
        elif change.relation is not None:
            ends = change.relation
        else:
            return None
        return CorrectionItemData(from_claim=ends[0], to_claim=ends[1], kind=ends[2], **texts)
    if change.what in ("claim", "label"):
        slug = change.claim or statements.get(change.item)
    elif change.what == "source":
        slug = titles.get(change.item)
    else:
        slug = names.get(change.item)
    return CorrectionItemData(slug=slug, **texts) if slug else None


def written_corrections(existing: dict[str, str]) -> list[CorrectionData]:
    """The log the folder already holds, as far as it reads (to keep its names)."""
    if CORRECTIONS_FILE not in existing:
        return []
    try:
        data = YAML(typ="safe", pure=True).load(existing[CORRECTIONS_FILE])
    except YAMLError:
        return []
    return read_corrections(data, [])
