"""SADFace JSON (the Simple Argument Description Format, as the SADFace tools, MonkeyPuzzle
and arguebuf write it) to and from a Document. No database.

A SADFace map is a list of nodes, atoms (statements) and schemes (what links them), edges
from premise atoms to a scheme and from the scheme to its conclusion, resources (the texts
analysed) that atoms quote through their `sources`, and metadata: `core` (the format's own
keys) and namespaces of any tool's choosing. What SADFace has no place for (the layers, the
holders, the English statements, the participants) goes in our namespace `controverse`,
read back on import and ignored by other tools.
"""

from __future__ import annotations

import datetime
import re
import uuid

from arguments.record.files import ImportProblems, read_json

from .document import (
    CLAIM_KINDS,
    DATE_PRECISIONS,
    DATE_QUALIFIERS,
    LAYERS,
    PARTICIPANT_KINDS,
    QUOTATION_MAX_LENGTH,
    READERS,
    Claim,
    Document,
    Participant,
    Relation,
    Source,
    Undercut,
    capped,
    kept_url,
)
from .node_ids import json_type as _json_type
from .node_ids import list_field_problems
from .node_ids import node_id as _node_id

NAMESPACE = "controverse"  # our metadata namespace, on the document and on each node
VERSION = "0.2"  # the SADFace version whose layout we write (metadata.core)
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S"  # SADFace's and arguebuf's
# Node ids are UUIDs, as SADFace asks, made from the document's keys: the same document
# always gives the same file.
ID_NAMESPACE = uuid.UUID("5ad7ace0-0000-5000-8000-000000000000")
# The scheme names we write: SADFace's own "support"; "attack" and "rephrase", which both
# SADFace's tools (new_conflict) and arguebuf's reader know.
SCHEME_OF_KIND = {"support": "support", "objection": "attack", "rephrase": "rephrase"}
# Scheme names read as a relation kind (lower case, spaces and punctuation as one space).
KIND_OF_SCHEME = {
    **dict.fromkeys(
        ("support", "inference", "default support", "default inference", "supports"), "support"
    ),
    **dict.fromkeys(
        (
            "conflict",
            "attack",
            "disagree",
            "disagreement",
            "defeat",
            "rebut",
            "rebuttal",
            "default conflict",
            "default attack",
            "objection",
        ),
        "objection",
    ),
    **dict.fromkeys(("rephrase", "default rephrase", "restatement"), "rephrase"),
}
# Other names whose words say what the scheme is: kept as such, with a warning.
OBJECTION_WORDS = re.compile(r"conflict|attack|disagree|rebut|undercut|undermin|defeat|object")
SUPPORT_WORDS = re.compile(r"support|inference|argument|reason|because")
CORE_KEPT = {"title", "description"}  # core metadata a debate keeps
CORE_SILENT = {"id", "version", "created", "edited"}  # the file's own bookkeeping
CLAIM_FIELDS = ("statement_en", "title", "holder", "source", "via", "section", "hidden_reason")
SOURCE_FIELDS = ("title", "title_en", "venue", "url", "language")
LAYER_FIELDS = ("layer", "passage", "justification", "justification_en", "drawn_by", "source")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _timestamp(value) -> datetime.datetime | None:
    """An ISO 8601 date and time (UTC when it names no zone), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _written_moment(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _date(value) -> tuple[datetime.date, str] | None:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD (a time after it aside) and its precision."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.]+Z?)?)?)?", _text(value))
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date, "day" if day else "month" if month else "year"


def _written_date(source: Source) -> str:
    if source.published is None:
        return ""
    length = {"day": 10, "month": 7, "year": 4}.get(source.date_precision, 10)
    return source.published.isoformat()[:length]


# --- reading ------------------------------------------------------------------------------


def _check(data) -> list[str]:
    """What keeps the file from being read at all, each naming its field, node or edge."""
    if not isinstance(data, dict):
        return [f"the file holds a JSON {_json_type(data)}, not a SADFace object"]
    problems = []
    if data.get("nodes") is None:
        return ["field nodes is missing: a SADFace map lists its nodes"]
    problems += list_field_problems(data, ("nodes", "edges", "resources"))
    if data.get("metadata") is not None and not isinstance(data["metadata"], dict):
        problems.append(
            f"field metadata: expected an object, found a {_json_type(data['metadata'])}"
        )
    if problems:
        return problems
    seen: dict[str, int] = {}
    for index, node in enumerate(data["nodes"]):
        where = f"nodes[{index}]"
        if not isinstance(node, dict):
            problems.append(f"{where}: expected an object, found a {_json_type(node)}")
            continue
        node_id = _node_id(node.get("id"))
        if node_id is None:
            problems.append(f"{where}: no id (a string or an integer)")
            continue
        where = f"node {node_id} ({where})"
        if node_id in seen:
            problems.append(f"{where}: id already used by nodes[{seen[node_id]}]")
            continue
        seen[node_id] = index
        if node.get("type") == "atom":
            text = node.get("text")
            if not isinstance(text, str):
                problems.append(f"{where}: the atom's text is a {_json_type(text)}, not a string")
            elif not text.strip():
                problems.append(f"{where}: atom without text")
        elif node.get("type") == "scheme":
            name = node.get("name")
            if name is not None and not isinstance(name, str):
                problems.append(f"{where}: the scheme's name is a {_json_type(name)}, not a string")
        for name in ("metadata",):
            value = node.get(name)
            if value is not None and not isinstance(value, dict):
                problems.append(f"{where}: {name} is a {_json_type(value)}, not an object")
        sources = node.get("sources")
        if sources is not None and not isinstance(sources, list):
            problems.append(f"{where}: sources is a {_json_type(sources)}, not a list")
    for index, edge in enumerate(data.get("edges") or []):
        if not isinstance(edge, dict):
            problems.append(f"edges[{index}]: expected an object, found a {_json_type(edge)}")
    for index, resource in enumerate(data.get("resources") or []):
        if not isinstance(resource, dict):
            problems.append(
                f"resources[{index}]: expected an object, found a {_json_type(resource)}"
            )
    return problems


def _kind_of(name: str) -> tuple[str, bool]:
    """The relation kind a scheme name stands for ("" when none), and whether the name is
    one SADFace's tools write (else it was read from the words it holds)."""
    words = " ".join(re.sub(r"[\W_]+", " ", name).lower().split())
    if words in KIND_OF_SCHEME:
        return KIND_OF_SCHEME[words], True
    if OBJECTION_WORDS.search(words):
        return "objection", False
    if SUPPORT_WORDS.search(words):
        return "support", False
    return "", False


def _marks(item: dict) -> dict:
    """Our namespace in an item's metadata ({} when there is none or it is not an object)."""
    metadata = item.get("metadata")
    marks = metadata.get(NAMESPACE) if isinstance(metadata, dict) else None
    return marks if isinstance(marks, dict) else {}


class _Reader:
    """Turns a checked SADFace object into a Document."""

    def __init__(self, data: dict, title: str):
        self.data = data
        self.document = Document(slug="", title=title)
        self.warn = self.document.warnings.append
        self.nodes: dict[str, dict] = {}
        self.where: dict[str, str] = {}
        for node in data["nodes"]:
            node_id = _node_id(node["id"])
            self.nodes[node_id] = node
            kind = node.get("type")
            self.where[node_id] = f"{kind if kind in ('atom', 'scheme') else 'node'} {node_id}"
        self.incoming: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        self.outgoing: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        self.claims: dict[str, Claim] = {}  # atom id -> claim
        self.participants: set[str] = set()
        self.sources: dict[str, str] = {}  # resource id -> source key
        self.source_keys: set[str] = set()
        self.yielded: dict[str, list[str]] = {}  # scheme id -> keys of its relations
        self.claim_keys: set[str] = set()
        self.kinds: dict[str, str] = {}  # scheme id -> relation kind ("" when none)
        self.relation_ends: dict[tuple[str, str, str], str] = {}
        self.relation_keys: set[str] = set()
        self.undercut_pairs: set[tuple[str, str]] = set()
        self.undercut_keys: set[str] = set()

    def type_of(self, node_id: str) -> str:
        return self.nodes[node_id].get("type")

    def of_type(self, node_ids, kind: str) -> list[str]:
        return [node_id for node_id in node_ids if self.type_of(node_id) == kind]

    def read(self) -> Document:
        self.read_metadata()
        self.read_resources()
        self.read_edges()
        for node_id, node in self.nodes.items():
            if node.get("type") == "atom":
                self.read_atom(node_id, node)
            elif node.get("type") != "scheme":
                shown = node.get("type") if isinstance(node.get("type"), str) else None
                self.warn(f"node {node_id}: type {shown!r} is neither atom nor scheme; left out.")
        schemes = [node_id for node_id in self.nodes if self.type_of(node_id) == "scheme"]
        self.kinds = {node_id: self.scheme_kind(node_id) for node_id in schemes}
        for node_id in schemes:
            if self.kinds[node_id]:
                self.read_scheme(node_id, self.kinds[node_id])
        for node_id in schemes:
            if self.kinds[node_id] == "objection":
                self.read_undercuts(node_id)
        self.warn_about_isolated_atoms()
        return self.document

    # metadata, participants and resources

    def read_metadata(self) -> None:
        data, document = self.data, self.document
        metadata = data.get("metadata") or {}
        core = metadata.get("core") if isinstance(metadata.get("core"), dict) else {}
        # SADFace 0.1 wrote the core keys at the top of the file.
        core = {
            **{
                k: data[k]
                for k in ("analyst_name", "analyst_email", "created", "edited", "id")
                if k in data
            },
            **core,
        }
        if _text(core.get("title")):
            document.title = _text(core["title"])
        document.description = _text(core.get("description"))
        left = [
            key
            for key, value in core.items()
            if key not in CORE_KEPT | CORE_SILENT and value not in ("", None, [], {})
        ]
        if left:
            shown = ", ".join(
                f"{key} ({value.strip()[:60]!r})" if isinstance(value, str) else key
                for key, value in ((key, core[key]) for key in left)
            )
            self.warn(f"Metadata core: {shown} were not kept (a debate has no place for them).")
        others = sorted(key for key in metadata if key not in ("core", NAMESPACE))
        if others:
            self.warn(f"Metadata namespaces {', '.join(others)} of the map were not kept.")
        marks = metadata.get(NAMESPACE)
        if not isinstance(marks, dict):
            return
        document.slug = _text(marks.get("slug"))
        document.title_en = _text(marks.get("title_en"))
        document.description_en = _text(marks.get("description_en"))
        people = marks.get("participants")
        for index, person in enumerate(people if isinstance(people, list) else []):
            where = f"metadata {NAMESPACE} participants[{index}]"
            if not isinstance(person, dict):
                self.warn(f"{where} is a {_json_type(person)}, not an object; left out.")
                continue
            key, name = _text(person.get("key")), _text(person.get("name"))
            kind = person.get("kind", "person")
            if not key or not name or key in self.participants or kind not in PARTICIPANT_KINDS:
                self.warn(
                    f"{where} lacks a key or a name, repeats one, or has an unknown kind; left out."
                )
                continue
            self.participants.add(key)
            document.participants.append(
                Participant(
                    key=key,
                    name=name,
                    kind=kind,
                    description=_text(person.get("description")),
                    description_en=_text(person.get("description_en")),
                    name_en=_text(person.get("name_en")),
                )
            )

    def read_resources(self) -> None:
        """Resources that name a title or an address become sources; their texts are not
        kept (a source is a reference, not a copy of the text)."""
        without = []
        for index, resource in enumerate(self.data.get("resources") or []):
            resource_id = _node_id(resource.get("id"))
            where = f"resource {resource_id}" if resource_id else f"resources[{index}]"
            if resource_id is None:
                self.warn(f"{where} has no id; left out.")
                continue
            if resource_id in self.sources:
                self.warn(f"{where}: id used twice; only the first was kept.")
                continue
            marks = _marks(resource)
            metadata = (
                resource.get("metadata") if isinstance(resource.get("metadata"), dict) else {}
            )
            core = metadata.get("core") if isinstance(metadata.get("core"), dict) else {}
            found = {
                name: _text(marks.get(name)) or _text(core.get(name)) for name in SOURCE_FIELDS
            }
            found["url"] = kept_url(found["url"], where, self.document.warnings)
            title = found["title"] or found["url"]
            if not title:
                without.append(resource_id)
                continue
            key = _text(marks.get("key")) or f"sadface-resource-{resource_id}"
            if key in self.source_keys:
                key = f"sadface-resource-{resource_id}"
            source = Source(key=key, title=title, url=found["url"], venue=found["venue"])
            source.title_en = found["title_en"]
            if found["language"]:
                source.language = found["language"][:10]
            dated = _date(marks.get("published") or core.get("date"))
            if dated:
                source.published, source.date_precision = dated
            if marks.get("date_precision") in DATE_PRECISIONS and source.published:
                source.date_precision = marks["date_precision"]
            if marks.get("date_qualifier") in DATE_QUALIFIERS:
                source.date_qualifier = marks["date_qualifier"]
            authors = marks.get("authors")
            source.authors = [
                a for a in (authors if isinstance(authors, list) else []) if a in self.participants
            ]
            self.sources[resource_id] = key
            self.source_keys.add(key)
            self.document.sources.append(source)
        if without:
            self.warn(
                f"Resources {', '.join(without)} name neither a title nor an address: they are "
                "not sources, and their texts were not kept."
            )

    # edges, atoms and schemes

    def read_edges(self) -> None:
        seen = set()
        for index, edge in enumerate(self.data.get("edges") or []):
            edge_id = _node_id(edge.get("id"))
            where = f"edge {edge_id}" if edge_id else f"edges[{index}]"
            start, end = _node_id(edge.get("source_id")), _node_id(edge.get("target_id"))
            missing = [
                f"{name} {value!r} names no node" if value else f"it has no {name}"
                for name, value in (("source_id", start), ("target_id", end))
                if value not in self.nodes
            ]
            if missing:
                self.warn(f"{where}: {'; '.join(missing)}; left out.")
                continue
            if (start, end) in seen:
                continue  # the same edge twice says nothing more
            seen.add((start, end))
            if self.type_of(start) == "atom" and self.type_of(end) == "atom":
                self.warn(
                    f"{where} links atom {start} to atom {end} without a scheme between them; "
                    "left out."
                )
                continue
            self.outgoing[start].append(end)
            self.incoming[end].append(start)

    def read_atom(self, node_id: str, node: dict) -> None:
        where = self.where[node_id]
        marks = _marks(node)
        key = _text(marks.get("key")) or f"sadface-{node_id}"
        if key in self.claim_keys:
            key = f"sadface-{node_id}"
        self.claim_keys.add(key)
        claim = Claim(key=key, statement=node["text"].strip())
        for name in CLAIM_FIELDS:
            value = marks.get(name)
            if isinstance(value, str):
                setattr(claim, name, value.strip())
        if claim.holder and claim.holder not in self.participants:
            self.warn(
                f"{where}: holder {claim.holder!r} is not a participant of the map; left out."
            )
            claim.holder = ""
        for name in ("source", "via"):
            value = getattr(claim, name)
            if value and value not in self.source_keys:
                self.warn(f"{where}: {name} {value!r} is not a resource of the map; left out.")
                setattr(claim, name, "")
        if claim.via == claim.source:
            claim.via = ""
        paragraph = marks.get("paragraph")
        if isinstance(paragraph, int) and not isinstance(paragraph, bool) and 0 < paragraph < 2**31:
            claim.paragraph = paragraph
        proposed_at = _timestamp(marks.get("proposed_at"))
        if proposed_at and _text(marks.get("proposed_by")):
            claim.proposed_by, claim.proposed_at = _text(marks["proposed_by"])[:150], proposed_at
        claim.hidden_at = _timestamp(marks.get("hidden_at"))
        if claim.hidden_at is None:
            claim.hidden_reason = ""
        if marks.get("kind") in CLAIM_KINDS:
            claim.kind = marks["kind"]
        self.read_quotation(node_id, node, claim)
        self.claims[node_id] = claim
        self.document.claims.append(claim)

    def read_quotation(self, node_id: str, node: dict, claim: Claim) -> None:
        """The atom's first source: its text is the claim's quotation, its resource the
        claim's source (unless our namespace already named one)."""
        marks = _marks(node)
        for name in ("quotation", "excerpt"):  # written so when there is no resource
            if isinstance(marks.get(name), str):
                setattr(claim, name, marks[name].strip())
        sources = [s for s in node.get("sources") or [] if isinstance(s, dict)]
        if len(node.get("sources") or []) != len(sources):
            self.warn(f"{self.where[node_id]}: sources that are not objects were left out.")
        if not sources:
            return
        first, others = sources[0], sources[1:]
        if others:
            self.warn(
                f"{self.where[node_id]} quotes {len(sources)} passages; only the first was kept."
            )
        words = _text(first.get("text"))
        if words == claim.excerpt or words == claim.statement:
            pass  # nothing more to keep
        elif len(words) > QUOTATION_MAX_LENGTH:
            # Another tool's passage of any length: kept whole, apart from our quotations.
            claim.excerpt = words
            self.warn(
                f"{self.where[node_id]}: its passage of {len(words):,} characters is kept "
                f"whole as the imported excerpt (our quotations are at most "
                f"{QUOTATION_MAX_LENGTH})."
            )
        elif words:
            claim.quotation = words
        resource = _node_id(first.get("resource_id"))
        if not claim.source and resource in self.sources:
            claim.source = self.sources[resource]
        if claim.via == claim.source:
            claim.via = ""

    def scheme_kind(self, node_id: str) -> str:
        """The relation kind a scheme's name stands for, "" (with a warning) when none."""
        where = self.where[node_id]
        raw = self.nodes[node_id].get("name") or ""
        kind, known = _kind_of(raw)
        if known:
            return kind
        if not raw.strip():
            self.warn(f"{where} has no name, so neither support nor conflict; left out.")
        elif kind:
            reading = "an objection" if kind == "objection" else "a support"
            self.warn(
                f"{where}: scheme {raw.strip()!r} was read as {reading}; its name was not kept."
            )
        else:
            self.warn(
                f"{where}: scheme {raw.strip()!r} says neither support nor conflict; it and its "
                "edges were left out."
            )
        return kind

    def layer(self, node_id: str) -> dict | None:
        """The relation's layer and credits from our namespace (the text's, by no one in
        particular, when there is none); None when it cannot be kept."""
        where = self.where[node_id]
        marks = _marks(self.nodes[node_id])
        fields = {
            name: marks[name].strip() for name in LAYER_FIELDS if isinstance(marks.get(name), str)
        }
        layer = fields.pop("layer", "text") or "text"
        if layer not in LAYERS:
            self.warn(
                f"{where}: layer {layer!r} is not one of {', '.join(LAYERS)}; read as the text's."
            )
            layer = "text"
        fields["layer"] = layer
        if fields.get("drawn_by") and fields["drawn_by"] not in self.participants:
            self.warn(f"{where}: drawn_by {fields['drawn_by']!r} is not a participant; left out.")
            del fields["drawn_by"]
        if fields.get("source") and fields["source"] not in self.source_keys:
            self.warn(f"{where}: source {fields['source']!r} is not a resource; left out.")
            del fields["source"]
        if layer == READERS:
            proposed_at = _timestamp(marks.get("proposed_at"))
            if proposed_at is None or not _text(marks.get("proposed_by")):
                self.warn(f"{where} is a reader's proposal without its reader or date; left out.")
                return None
            fields.update(proposed_by=_text(marks["proposed_by"])[:150], proposed_at=proposed_at)
        return fields

    def read_scheme(self, node_id: str, kind: str) -> None:
        where = self.where[node_id]
        premises = self.of_type(self.incoming[node_id], "atom")
        conclusions = self.of_type(self.outgoing[node_id], "atom")
        targets = self.of_type(self.outgoing[node_id], "scheme")
        chained = self.of_type(self.incoming[node_id], "scheme")
        chained = [s for s in chained if self.kinds.get(s) != "objection"]
        if kind != "objection":
            chained += targets
        if chained:
            self.warn(
                f"{where} is linked to scheme(s) {', '.join(chained)}; chains of schemes are "
                "not modelled and those links were left out."
            )
        if not premises:
            self.warn(f"{where} has no premise (no atom points to it) and was left out.")
            return
        if not conclusions:
            if not (kind == "objection" and targets):
                self.warn(f"{where} has no conclusion (it points to no atom); left out.")
            return
        if len(conclusions) > 1:
            self.warn(
                f"{where} has {len(conclusions)} conclusions ({', '.join(conclusions)}); each "
                "premise was linked to each of them."
            )
        layer = self.layer(node_id)
        if layer is None:
            return
        marks = _marks(self.nodes[node_id])
        pairs = [(p, c) for c in conclusions for p in premises]
        for number, (premise, conclusion) in enumerate(pairs, 1):
            if premise == conclusion:
                self.warn(f"{where} makes atom {premise} bear on itself; left out.")
                continue
            ends = (self.claims[premise].key, self.claims[conclusion].key, kind)
            if ends in self.relation_ends:
                self.warn(
                    f"{where} repeats the {kind} from atom {premise} to atom {conclusion}; "
                    "the two were merged."
                )
                self.yielded.setdefault(node_id, []).append(self.relation_ends[ends])
                continue
            key = _text(marks.get("key")) if len(pairs) == 1 else ""
            if not key or key in self.relation_keys:
                key = f"sadface-{node_id}" if len(pairs) == 1 else f"sadface-{node_id}-{number}"
            self.relation_keys.add(key)
            self.relation_ends[ends] = key
            relation = Relation(key, *ends, **layer)
            relation.argument = self.argument(node_id, kind)
            relation.hidden_at = _timestamp(marks.get("hidden_at"))
            if relation.hidden_at:
                relation.hidden_reason = _text(marks.get("hidden_reason"))
            self.document.relations.append(relation)
            self.yielded.setdefault(node_id, []).append(key)

    def argument(self, node_id: str, kind: str) -> str:
        """The key of the argument whose inference the scheme's support is, from our
        namespace: "" (with a warning) unless it names an atom of kind argument."""
        key = _text(_marks(self.nodes[node_id]).get("argument"))
        if not key:
            return ""
        arguments = {c.key for c in self.claims.values() if c.kind == "argument"}
        if kind != "support" or key not in arguments:
            self.warn(
                f"{self.where[node_id]}: argument {key!r} is not an argument atom of the map "
                "whose inference a support can be; left out."
            )
            return ""
        return key

    def read_undercuts(self, node_id: str) -> None:
        """A conflict scheme pointing at another scheme objects to the inference of the
        relations that scheme gives."""
        where = self.where[node_id]
        premises = self.of_type(self.incoming[node_id], "atom")
        targets = self.of_type(self.outgoing[node_id], "scheme")
        if not premises or not targets:
            return
        pairs = []
        for target in targets:
            relations = self.yielded.get(target, [])
            if not relations:
                self.warn(
                    f"{where} attacks scheme {target}, which gives no relation; that undercut "
                    "was left out."
                )
            pairs += [(premise, relation) for relation in relations for premise in premises]
        if not pairs:
            return
        layer = self.layer(node_id)
        if layer is None:
            return
        if layer["layer"] == READERS:
            self.warn(f"{where}: readers propose relations, not undercuts; left out.")
            return
        marks = _marks(self.nodes[node_id])
        for number, (premise, relation) in enumerate(pairs, 1):
            if (premise, relation) in self.undercut_pairs:
                self.warn(f"{where} repeats an undercut of {relation}; merged.")
                continue
            self.undercut_pairs.add((premise, relation))
            key = _text(marks.get("undercut_key")) if len(pairs) == 1 else ""
            if not key or key in self.undercut_keys:
                key = f"sadface-{node_id}" if len(pairs) == 1 else f"sadface-{node_id}-{number}"
            self.undercut_keys.add(key)
            self.document.undercuts.append(
                Undercut(key, self.claims[premise].key, relation, **layer)
            )

    def warn_about_isolated_atoms(self) -> None:
        linked = set()
        for relation in self.document.relations:
            linked.update((relation.from_claim, relation.to_claim, relation.argument))
        linked.update(undercut.from_claim for undercut in self.document.undercuts)
        isolated = [n for n, claim in self.claims.items() if claim.key not in linked]
        if isolated and self.document.relations:
            self.warn(
                f"Atoms {', '.join(isolated)} take part in no relation; they were kept as "
                "claims on their own."
            )


def parse_sadface(text: str | bytes, title: str = "Imported SADFace map") -> Document:
    """The Document a SADFace JSON file describes; ImportProblems when it cannot be read.

    Atoms become claims (their first source's text the quotation, its resource the source);
    schemes named support (or inference), conflict (or attack, disagree…) and rephrase
    between atoms become supports, objections and rephrases, one per premise; a conflict
    scheme pointing at another scheme undercuts the relations that scheme gives. Resources
    naming a title or an address become sources. Our namespace `controverse`, where a file
    has it, gives back layers, holders, participants and what else SADFace has no place for.
    Everything left out is named in the warnings."""
    data = read_json(text)
    problems = _check(data)
    if problems:
        raise ImportProblems(capped(problems))
    document = _Reader(data, title).read()
    if not document.claims:
        raise ImportProblems(["the file holds no atom: there is no statement to import"])
    return document.validated()


# --- writing ------------------------------------------------------------------------------


def _id(document: Document, what: str, key: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{document.slug}\x00{what}\x00{key}"))


def _latest(document: Document) -> datetime.datetime:
    """The latest moment the document records (a publication, a proposal, a comment): the
    file's created and edited times, so that the same document gives the same file."""
    moments = [
        datetime.datetime.combine(s.published, datetime.time(), datetime.UTC)
        for s in document.sources
        if s.published
    ]
    for item in [*document.claims, *document.relations, *document.annotations]:
        for name in ("proposed_at", "created_at", "edited_at"):
            moment = getattr(item, name, None)
            if moment is not None:
                moments.append(moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC))
    latest = max(moments, default=datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    return latest.astimezone(datetime.UTC)


def _kept(fields: dict) -> dict:
    """`fields` without the empty ones: a node says only what it has."""
    return {name: value for name, value in fields.items() if value not in ("", None, [], False)}


def to_sadface(document: Document) -> dict:
    """The document as SADFace JSON (version 0.2 layout), ids made from its keys.

    Each claim is an atom (its quotation a source in the resource of its text); each
    relation a scheme named support, attack or rephrase between two atoms; each undercut an
    attack scheme pointing at its relation's scheme; each source a resource whose core
    metadata gives its title and address. Layers, holders, English statements and the
    participants go in the `controverse` namespace of the nodes' and the map's metadata.
    Annotations are not written: SADFace has no place for readers' comments."""
    people = {p.key: p for p in document.participants}
    moment = _latest(document).strftime(TIMESTAMP_FORMAT)
    resources, nodes, edges = [], [], []
    resource_ids = {}
    for source in document.sources:
        resource_ids[source.key] = _id(document, "source", source.key)
        resources.append(
            {
                "id": resource_ids[source.key],
                "type": "text",
                "content": "",  # we keep the reference, not the text
                "metadata": {
                    "core": _kept(
                        {
                            "title": source.title,
                            "url": source.url,
                            "authors": [people[a].name for a in source.authors if a in people],
                            "date": _written_date(source),
                        }
                    ),
                    NAMESPACE: _kept(
                        {
                            "key": source.key,
                            "title": source.title,
                            "title_en": source.title_en,
                            "authors": source.authors,
                            "venue": source.venue,
                            "published": _written_date(source),
                            "date_precision": source.date_precision,
                            "date_qualifier": source.date_qualifier,
                            "url": source.url,
                            "language": source.language,
                        }
                    ),
                },
            }
        )

    def add_edge(start: str, end: str) -> None:
        edges.append(
            {"id": _id(document, "edge", f"{start}>{end}"), "source_id": start, "target_id": end}
        )

    claim_ids = {}
    for claim in document.claims:
        claim_ids[claim.key] = _id(document, "claim", claim.key)
        sources = []
        passage = claim.quotation or claim.excerpt
        if claim.source in resource_ids:
            # SADFace's offset is where the text sits in the resource: unknown here.
            sources.append(
                {
                    "resource_id": resource_ids[claim.source],
                    "text": passage,
                    "offset": None,
                    "length": len(passage),
                }
            )
        marks = {name: getattr(claim, name) for name in ("key", *CLAIM_FIELDS)}
        marks.update(
            kind=claim.kind if claim.kind != "statement" else "",
            excerpt=claim.excerpt,
            paragraph=claim.paragraph,
            proposed_by=claim.proposed_by,
            proposed_at=_written_moment(claim.proposed_at) if claim.proposed_at else "",
            hidden_at=_written_moment(claim.hidden_at) if claim.hidden_at else "",
        )
        if claim.quotation and claim.source not in resource_ids:
            marks["quotation"] = claim.quotation  # no resource to quote it from
        nodes.append(
            {
                "id": claim_ids[claim.key],
                "type": "atom",
                "text": claim.statement,
                "sources": sources,
                "metadata": {"core": {}, NAMESPACE: _kept(marks)},
            }
        )

    def layer_marks(item: Relation | Undercut, key_name: str) -> dict:
        marks = {key_name: item.key, "layer": item.layer if item.layer != "text" else ""}
        marks.update((name, getattr(item, name)) for name in LAYER_FIELDS[1:])
        if isinstance(item, Relation):
            marks.update(
                argument=item.argument,
                proposed_by=item.proposed_by,
                proposed_at=_written_moment(item.proposed_at) if item.proposed_at else "",
                hidden_at=_written_moment(item.hidden_at) if item.hidden_at else "",
                hidden_reason=item.hidden_reason,
            )
        return _kept(marks)

    relation_ids = {}
    for relation in document.relations:
        node_id = relation_ids[relation.key] = _id(document, "relation", relation.key)
        nodes.append(
            {
                "id": node_id,
                "type": "scheme",
                "name": SCHEME_OF_KIND[relation.kind],
                "metadata": {"core": {}, NAMESPACE: layer_marks(relation, "key")},
            }
        )
        add_edge(claim_ids[relation.from_claim], node_id)
        add_edge(node_id, claim_ids[relation.to_claim])
    for undercut in document.undercuts:
        node_id = _id(document, "undercut", undercut.key)
        nodes.append(
            {
                "id": node_id,
                "type": "scheme",
                "name": SCHEME_OF_KIND["objection"],
                "metadata": {"core": {}, NAMESPACE: layer_marks(undercut, "undercut_key")},
            }
        )
        add_edge(claim_ids[undercut.from_claim], node_id)
        add_edge(node_id, relation_ids[undercut.relation])
    participants = [
        _kept(
            {
                "key": p.key,
                "name": p.name,
                "kind": p.kind,
                "description": p.description,
                "description_en": p.description_en,
                "name_en": p.name_en,
            }
        )
        for p in document.participants
    ]
    return {
        "metadata": {
            "core": {
                # The analyst of the map: no one in particular (keys arguebuf needs).
                "analyst_email": "",
                "analyst_name": "",
                "created": moment,
                "edited": moment,
                "id": _id(document, "document", document.slug),
                "version": VERSION,
                "title": document.title,
                "description": document.description,
                "notes": "",
            },
            NAMESPACE: _kept(
                {
                    "slug": document.slug,
                    "title_en": document.title_en,
                    "description_en": document.description_en,
                    "participants": participants,
                }
            ),
        },
        "resources": resources,
        "nodes": nodes,
        "edges": edges,
    }
