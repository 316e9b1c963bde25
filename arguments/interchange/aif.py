"""AIF JSON (Argument Interchange Format, as AIFdb and OVA write it) to and from a Document."""

from __future__ import annotations

import datetime
import re

from arguments.record.files import ImportProblems, read_json

from .document import (
    CLAIM_KINDS,
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
    layer_problems,
)
from .node_ids import json_type as _json_type
from .node_ids import list_field_problems
from .node_ids import node_id as _node_id

# The S-node types we model, the relation kind each stands for, and what we write for it
# (text and scheme as AIFdb names its default schemes, with AIFdb's scheme ids).
KIND_OF_S_NODE = {"RA": "support", "CA": "objection", "MA": "rephrase"}
S_NODE_OF_KIND = {
    "support": ("RA", "Default Inference", "72"),
    "objection": ("CA", "Default Conflict", "71"),
    "rephrase": ("MA", "Default Rephrase", "144"),
}
S_NODE_TYPES = {"RA", "CA", "MA", "PA"}  # PA (preference) is an S-node we do not model
DEFAULT_SCHEMES = {"", "RA", "CA", "MA"} | {text for _, text, _ in S_NODE_OF_KIND.values()}
# OVA writes a node's scheme as AIFdb's scheme id ("72"), not its name.
DEFAULT_SCHEMES |= {scheme_id for _, _, scheme_id in S_NODE_OF_KIND.values()}
# Illocutions by which the speaker does not take the claim on (lower case, no spaces).
NOT_HOLDING = {"purequestioning", "purechallenging", "questioning", "challenging"}
GRAPH_FIELDS = {"nodes", "edges", "locutions", "participants", "title"}
ENVELOPE_FIELDS = {"AIF", "OVA", "text", "title"}
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
# An L-node's text as AIFdb ("Name : words") and OVA or DialAM ("Name: words") write it.
# A name holds no control character; it is at most 100 characters, so the match is bounded.
SPEAKER_PREFIX = re.compile(r"([^:\x00-\x1f\x7f]{1,100}?) ?: +(?=\S)")
# Lower-case words a person's name may hold between capitalised ones ("Simone de Beauvoir").
NAME_PARTICLES = {"de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "del"}
SHOWN_WORDS = 6  # words of a node's text quoted in a warning
NAMED_NODES = 20  # nodes a warning names, before saying how many more
# AIF has no layers: our extra key on an RA, CA or MA node says who draws the relation when
# it is not the text itself ({"layer": "editors", "justification": …}), and holds the text's
# passage that argues it. The node keeps AIFdb's default scheme, so that other tools still
# read a support or a conflict (arguebuf maps scheme names to its own kinds); they ignore
# the extra key, which we read back on import.
LAYER_KEY = "controverse"
LAYER_FIELDS = ("layer", "passage", "justification", "justification_en")
# Who draws a relation of the text's layer and in which text, by the participant's name and
# the source's address or title (as locutions give a source); when a reader proposed it.
CREDIT_FIELDS = ("drawn_by", "source")
PROPOSAL_FIELDS = ("proposed_by", "proposed_at")
# An RA node that is one argument's inference names the I-node of that argument; an undercut
# of one premise's support within it names that premise (AIF's CA attacks the whole node).
S_NODE_FIELDS = (*LAYER_FIELDS, *CREDIT_FIELDS, *PROPOSAL_FIELDS, "argument", "premise")
# On an I-node: an argument's kind, a title as written in the file it came from, and the
# imported excerpt (the L-node carries it too, as the words spoken, when there is no quotation).
I_NODE_FIELDS = ("kind", "title", "excerpt")


def _title_in(data) -> str:
    title = data.get("title") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) else ""


def _unwrap(data) -> tuple[dict, str, list[str]]:
    """The AIF graph inside the file, the title it gives, and warnings on the envelope."""
    if not isinstance(data, dict):
        kind = _json_type(data)
        raise ImportProblems([f"the file holds a JSON {kind}, not an object with nodes and edges"])
    warnings = []
    graph = data
    title = _title_in(data)
    if "AIF" in data:  # OVA's envelope: {"AIF": {...}, "OVA": {layout}, "text": analysed text}
        graph = data["AIF"]
        if not isinstance(graph, dict):
            raise ImportProblems([f"field AIF: expected an object, found a {_json_type(graph)}"])
        ova = data.get("OVA")
        title = title or _title_in(graph) or _title_in(ova)
        if ova:
            url = ova.get("url") if isinstance(ova, dict) else ""
            at = f" (it names the analysed text's address {url})" if url else ""
            warnings.append(f"Field OVA, the layout of the OVA map{at}, was not kept.")
        if data.get("text"):
            warnings.append("Field text, the text analysed in OVA, was not kept.")
        others = [key for key in data if key not in ENVELOPE_FIELDS and data[key]]
        if others:
            warnings.append(f"Fields {', '.join(others)} of the OVA file were not kept.")
    others = [key for key in graph if key not in GRAPH_FIELDS and graph[key]]
    if others:
        warnings.append(f"Fields {', '.join(others)} are not modelled and were left out.")
    return graph, title, warnings


def _check(graph: dict) -> list[str]:
    """Everything that keeps the graph from being read, each naming its field or node."""
    if graph.get("nodes") is None:
        return ["field nodes is missing: an AIF map lists its nodes"]
    problems = list_field_problems(graph, ("nodes", "edges", "locutions", "participants"))
    if problems:
        return problems
    first_index: dict[str, int] = {}
    for index, node in enumerate(graph["nodes"]):
        where = f"nodes[{index}]"
        if not isinstance(node, dict):
            problems.append(f"{where}: expected an object, found a {_json_type(node)}")
            continue
        node_id = _node_id(node.get("nodeID"))
        if node_id is None:
            problems.append(f"{where}: no nodeID (a string or an integer)")
            continue
        where = f"node {node_id} ({where})"
        if node_id in first_index:
            problems.append(f"{where}: nodeID already used by nodes[{first_index[node_id]}]")
        else:
            first_index[node_id] = index
        node_type = node.get("type")
        text = node.get("text")
        if not isinstance(node_type, str) or not node_type.strip():
            problems.append(f"{where}: no type")
        if text is not None and not isinstance(text, str):
            problems.append(f"{where}: text is a {_json_type(text)}, not a string")
        elif str(node_type).strip().upper() == "I" and not (text or "").strip():
            problems.append(f"{where}: I-node without text")
    for index, edge in enumerate(graph.get("edges") or []):
        if not isinstance(edge, dict):
            problems.append(f"edges[{index}]: expected an object, found a {_json_type(edge)}")
            continue
        edge_id = _node_id(edge.get("edgeID"))
        where = f"edge {edge_id} (edges[{index}])" if edge_id else f"edges[{index}]"
        for end in ("fromID", "toID"):
            value = _node_id(edge.get(end))
            if value is None:
                problems.append(f"{where}: no {end}")
            elif value not in first_index:
                problems.append(f"{where}: {end} {value!r} names no node")
    for index, locution in enumerate(graph.get("locutions") or []):
        where = f"locutions[{index}]"
        if not isinstance(locution, dict):
            problems.append(f"{where}: expected an object, found a {_json_type(locution)}")
            continue
        node_id = _node_id(locution.get("nodeID"))
        if node_id is None:
            problems.append(f"{where}: no nodeID")
        elif node_id not in first_index:
            problems.append(f"{where}: nodeID {node_id!r} names no node")
        person = locution.get("personID")
        if person is not None and _node_id(person) is None:
            problems.append(f"{where}: personID is a {_json_type(person)}, not an id")
    seen_people = set()
    for index, participant in enumerate(graph.get("participants") or []):
        where = f"participants[{index}]"
        if not isinstance(participant, dict):
            problems.append(f"{where}: expected an object, found a {_json_type(participant)}")
            continue
        person = _node_id(participant.get("participantID"))
        if person is None:
            problems.append(f"{where}: no participantID")
        elif person in seen_people:
            problems.append(f"{where}: participantID {person!r} is listed twice")
        seen_people.add(person)
        for name in ("firstname", "surname"):
            value = participant.get(name)
            if value is not None and not isinstance(value, str):
                problems.append(f"{where}: {name} is a {_json_type(value)}, not a string")
    return problems


def _parse_date(text: str) -> tuple[datetime.date, str] | None:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD (a time after it is ignored)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[ T][\d:.]+)?)?)?", text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date, "day" if day else "month" if month else "year"


def _ids_text(ids: list[str]) -> str:
    return ", ".join(ids)


def _few_words(text: str) -> str:
    """The first words of a node's text, to name it in a warning beside its id."""
    words = text.split()
    shown = " ".join(words[:SHOWN_WORDS])
    if len(shown) > 60:
        shown = shown[:57].rstrip()
    return shown + ("…" if shown != " ".join(words) else "")


def _looks_like_a_name(prefix: str) -> bool:
    """OVA's "Firstname Surname:" pattern: two to five words, each capitalised (or a number,
    as in "Speaker 2"), but for particles such as "de". "Note" or "In short" are not names."""
    words = prefix.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(
        word[0].isupper()
        or word[0].isdigit()
        or (0 < place < len(words) - 1 and word in NAME_PARTICLES)
        for place, word in enumerate(words)
    )


class _Reader:
    """Turns a checked AIF graph into a Document."""

    def __init__(self, graph: dict, document: Document):
        self.document = document
        self.warn = document.warnings.append
        self.nodes: dict[str, dict] = {}
        self.types: dict[str, str] = {}
        for node in graph["nodes"]:
            node_id = _node_id(node["nodeID"])
            self.nodes[node_id] = node
            self.types[node_id] = node["type"].strip().upper()
        self.incoming: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        self.outgoing: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        self.edge_ids: dict[tuple[str, str], str] = {}
        for index, edge in enumerate(graph.get("edges") or []):
            start, end = _node_id(edge["fromID"]), _node_id(edge["toID"])
            if end not in self.outgoing[start]:  # the same edge twice says nothing more
                self.outgoing[start].append(end)
                self.incoming[end].append(start)
                self.edge_ids[start, end] = _node_id(edge.get("edgeID")) or f"edges[{index}]"
        self.locutions: dict[str, list[tuple[int, dict]]] = {}
        for index, locution in enumerate(graph.get("locutions") or []):
            self.locutions.setdefault(_node_id(locution["nodeID"]), []).append((index, locution))
        self.listed_people = graph.get("participants") or []
        # How many L-nodes open with each prefix: one used on several is a speaker's name.
        self.prefixes: dict[str, int] = {}
        for node_id in self.of_type(self.nodes, "L"):
            match = SPEAKER_PREFIX.match(self.text(node_id))
            if match:
                prefix = match.group(1).strip()
                self.prefixes[prefix] = self.prefixes.get(prefix, 0) + 1
        self.claims: dict[str, Claim] = {}
        self.relation_keys: dict[tuple[str, str, str], str] = {}
        self.yielded: dict[str, list[str]] = {}  # S-node id -> keys of the relations it gives
        self.participant_keys: dict[str, str] = {}  # person id or "name:" + name -> key
        self.names: dict[str, str] = {}  # person id -> name from the participants list
        self.sources: dict[tuple, str] = {}
        self.voices: dict[str, tuple[str, str, str]] = {}
        self.from_claims: dict[str, str] = {}  # relation key -> its premise's claim key
        self.arguments: dict[str, str] = {}  # RA node id -> key of the argument it is
        self.layers: dict[str, dict | None] = {}

    def of_type(self, node_ids, *types: str) -> list[str]:
        return [node_id for node_id in node_ids if self.types[node_id] in types]

    def text(self, node_id: str) -> str:
        return (self.nodes[node_id].get("text") or "").strip()

    def named(self, node_id: str) -> str:
        """A node's id and its first words, as warnings name it."""
        text = self.text(node_id)
        return f"{node_id} (“{_few_words(text)}”)" if text else node_id

    def named_list(self, node_ids) -> str:
        """Nodes as warnings name them, the first NAMED_NODES of them and how many more: a
        file of 100,000 nodes gets a sentence one can read, not a page."""
        node_ids = list(node_ids)
        shown = ", ".join(self.named(node_id) for node_id in node_ids[:NAMED_NODES])
        more = len(node_ids) - NAMED_NODES
        return f"{shown} and {more:,} more" if more > 0 else shown

    def read(self) -> Document:
        for node_id, node_type in self.types.items():
            if node_type == "I":
                claim = Claim(key=f"aif-{node_id}", statement=self.text(node_id))
                marks = self.marks(node_id, I_NODE_FIELDS)
                if marks.get("kind", "statement") in CLAIM_KINDS:
                    claim.kind = marks.get("kind", "statement")
                else:
                    self.warn(
                        f"I-node {self.named(node_id)}: kind {marks['kind'][:40]!r} is not one "
                        f"of {', '.join(CLAIM_KINDS)}; read as a statement."
                    )
                claim.title, claim.excerpt = marks.get("title", ""), marks.get("excerpt", "")
                self.claims[node_id] = claim
                self.document.claims.append(claim)
        self.read_people()
        self.read_relations()
        self.read_undercuts()
        self.read_voices()
        self.warn_about_leftovers()
        return self.document

    def read_relations(self) -> None:
        schemes = []
        for node_id, node_type in self.types.items():
            if node_type not in KIND_OF_S_NODE:
                continue
            scheme = self.nodes[node_id].get("scheme") or self.text(node_id)
            if isinstance(scheme, str) and scheme.strip() not in DEFAULT_SCHEMES:
                schemes.append(f"{node_type} node {node_id} ({scheme.strip()})")
            self.argument_of(node_id)  # named now if it marks what is no argument's inference
            premises = self.of_type(self.incoming[node_id], "I")
            conclusions = self.of_type(self.outgoing[node_id], "I")
            # A CA pointing at an RA, CA or MA node undercuts the relations that node gives.
            undercut = node_type == "CA" and self.of_type(self.outgoing[node_id], *KIND_OF_S_NODE)
            # A CA pointing here is an undercut of this node, not a chain.
            chained = self.of_type(self.incoming[node_id], "RA", "MA", "PA") + [
                target
                for target in self.of_type(self.outgoing[node_id], *S_NODE_TYPES)
                if not (undercut and target in undercut)
            ]
            where = f"{node_type} node {self.named(node_id)}"
            if chained:
                self.warn(
                    f"{where} is linked to S-node(s) {self.named_list(chained)}; chains of S-nodes "
                    "are not modelled and those links were left out."
                )
            if not premises:
                self.warn(f"{where} has no premise (no I-node points to it) and was left out.")
                continue
            if not conclusions:
                if not undercut:
                    self.warn(f"{where} has no conclusion (it points to no I-node); left out.")
                continue
            if len(conclusions) > 1:
                self.warn(
                    f"{where} has {len(conclusions)} conclusions ({self.named_list(conclusions)}); "
                    "each premise was linked to each of them."
                )
            if node_type == "RA" and len(premises) > 1 and not self.argument_of(node_id):
                # A linked argument from another tool: its RA node has no title nor
                # description of its own (its text is a scheme's name), so it is not made an
                # argument claim; each premise supports the conclusion on its own.
                self.warn(
                    f"{where} joins {len(premises)} premises ({self.named_list(premises)}) in "
                    "one inference; each became a support of its own."
                )
            pairs = [(premise, conclusion) for conclusion in conclusions for premise in premises]
            for number, (premise, conclusion) in enumerate(pairs, 1):
                key = f"aif-{node_id}" if len(pairs) == 1 else f"aif-{node_id}-{number}"
                self.add_relation(node_id, key, premise, conclusion, KIND_OF_S_NODE[node_type])
        if schemes:
            self.warn(f"Argumentation schemes were not kept: {'; '.join(schemes)}.")

    def add_relation(self, node_id: str, key: str, premise: str, conclusion: str, kind: str):
        where = f"{self.types[node_id]} node {self.named(node_id)}"
        if premise == conclusion:
            self.warn(f"{where} makes I-node {self.named(premise)} bear on itself; left out.")
            return
        ends = (f"aif-{premise}", f"aif-{conclusion}", kind)
        if ends in self.relation_keys:
            self.warn(
                f"{where} repeats the {kind} from I-node {self.named(premise)} to I-node "
                f"{self.named(conclusion)}; "
                "the two were merged."
            )
        else:
            layer = self.layer(node_id)
            if layer is None:
                return
            self.relation_keys[ends] = key
            self.from_claims[key] = ends[0]
            argument = self.argument_of(node_id) if kind == "support" else ""
            relation = Relation(key, ends[0], ends[1], kind, argument=argument, **layer)
            self.document.relations.append(relation)
        self.yielded.setdefault(node_id, []).append(self.relation_keys[ends])

    def argument_of(self, node_id: str) -> str:
        """The key of the argument whose inference an RA node of ours is, or ""."""
        if node_id in self.arguments:
            return self.arguments[node_id]
        marks = self.nodes[node_id].get(LAYER_KEY)
        named = marks.get("argument") if isinstance(marks, dict) else None
        key = ""
        if named is not None:
            claim = self.claims.get(_node_id(named) or "")
            where = f"{self.types[node_id]} node {self.named(node_id)}"
            if self.types[node_id] != "RA":
                self.warn(f"{where}: only an RA node is an argument's inference; not kept.")
            elif claim is None or claim.kind != "argument":
                self.warn(f"{where}: argument {str(named)[:40]!r} names no argument's I-node.")
            else:
                key = claim.key
        self.arguments[node_id] = key
        return key

    def marks(self, node_id: str, known: tuple[str, ...]) -> dict[str, str]:
        """Our extra key on a node, {} when there is none; named in a warning when it is
        not an object of strings or holds fields we do not know."""
        where = f"{self.types[node_id]} node {self.named(node_id)}"
        marks = self.nodes[node_id].get(LAYER_KEY)
        if marks is None:
            return {}
        if not isinstance(marks, dict) or not all(isinstance(v, str) for v in marks.values()):
            self.warn(f"{where}: field {LAYER_KEY} is not an object of strings; not kept.")
            return {}
        others = sorted(set(marks) - set(known))
        if others:
            self.warn(f"{where}: fields {', '.join(others)} of {LAYER_KEY} were not kept.")
        return {name: marks[name] for name in known if name in marks}

    def layer(self, node_id: str, undercut: bool = False) -> dict | None:
        if node_id not in self.layers:  # an RA node with several premises gives several
            self.layers[node_id] = self.read_layer(node_id, undercut)
        return self.layers[node_id]

    def read_layer(self, node_id: str, undercut: bool) -> dict | None:
        """The layer our extra key gives an S-node (the text's when there is none), with
        who draws it and in which text, or a reader's proposal with its reader and date;
        None when it cannot be kept (named in a warning). Marks that break the layers' rules
        are named and dropped, the relation kept: one odd field never refuses the file."""
        if LAYER_KEY not in self.nodes[node_id]:
            return {}  # plain AIF, as every other tool writes it: the text's own argument
        where = f"{self.types[node_id]} node {self.named(node_id)}"
        marks = self.marks(node_id, S_NODE_FIELDS)
        fields = {name: marks[name] for name in LAYER_FIELDS if marks.get(name)}
        if marks.get("drawn_by"):
            fields["drawn_by"] = self.participant("", marks["drawn_by"].strip())
        if marks.get("source"):
            fields["source"] = self.source(marks["source"], where)
        if fields.get("layer") == READERS:
            if undercut:
                self.warn(f"{where}: readers propose relations, not undercuts; left out.")
                return None
            try:
                proposed_at = datetime.datetime.fromisoformat(marks.get("proposed_at", ""))
            except ValueError:
                self.warn(f"{where} is a reader's proposal without its date; left out.")
                return None
            if proposed_at.tzinfo is None:
                proposed_at = proposed_at.replace(tzinfo=datetime.UTC)
            fields.update(proposed_by=marks.get("proposed_by", ""), proposed_at=proposed_at)
        problems = layer_problems("", Relation("", "", "", "support", **fields))
        if problems:
            why = "; ".join(problem.removeprefix(": ") for problem in problems)
            self.warn(f"{where}: {why}; its {LAYER_KEY} marks were not kept.")
            return {}
        return fields

    def read_undercuts(self) -> None:
        seen = set()
        for node_id in self.of_type(self.types, "CA"):
            premises = self.of_type(self.incoming[node_id], "I")
            if not premises:
                continue  # already warned about
            pairs = []
            for target in self.of_type(self.outgoing[node_id], *KIND_OF_S_NODE):
                relations = self.yielded.get(target, [])
                if not relations:
                    self.warn(
                        f"CA node {self.named(node_id)} attacks {self.types[target]} node "
                        f"{self.named(target)}, which "
                        "gives no relation; that undercut was left out."
                    )
                marks = self.nodes[node_id].get(LAYER_KEY)
                only = _node_id(marks.get("premise")) if isinstance(marks, dict) else None
                if only and relations:  # ours: one premise's support in an argument's node
                    relations = [r for r in relations if self.from_claims[r] == f"aif-{only}"]
                    if not relations:
                        self.warn(
                            f"CA node {self.named(node_id)}: premise {only[:40]!r} gives no "
                            f"support in node {self.named(target)}; that undercut was left out."
                        )
                pairs += [(premise, relation) for relation in relations for premise in premises]
            for number, (premise, relation) in enumerate(pairs, 1):
                if (premise, relation) in seen:
                    self.warn(
                        f"CA node {self.named(node_id)} repeats an undercut of {relation}; merged."
                    )
                    continue
                seen.add((premise, relation))
                layer = self.layer(node_id, undercut=True)
                if layer is None:
                    continue
                key = f"aif-{node_id}" if len(pairs) == 1 else f"aif-{node_id}-{number}"
                self.document.undercuts.append(Undercut(key, f"aif-{premise}", relation, **layer))

    def read_people(self) -> None:
        """Participants listed in the file (kept even when they voice nothing)."""
        for index, person in enumerate(self.listed_people):
            person_id = _node_id(person["participantID"])
            parts = (person.get("firstname") or "", person.get("surname") or "")
            name = " ".join(part.strip() for part in parts if part.strip())
            if name:
                self.names[person_id] = name
                self.participant(person_id, name)
            else:
                self.warn(f"participants[{index}] (participantID {person_id}) has no name.")

    def participant(self, person_id: str, name: str) -> str:
        """The key of the participant with this person id, or else of this name: the same
        name is the same participant, whether a locution or the prefix of an L-node gives it."""
        by_name = f"name:{name}"
        if person_id in self.participant_keys:
            return self.participant_keys[person_id]
        if by_name not in self.participant_keys:
            key = f"aif-person-{person_id}" if person_id else f"aif-speaker-{name}"
            self.participant_keys[by_name] = key
            self.document.participants.append(Participant(key=key, name=name))
        if person_id:
            self.participant_keys[person_id] = self.participant_keys[by_name]
        return self.participant_keys[by_name]

    def voice(self, l_node: str) -> tuple[str, str, str]:
        """Who speaks in an L-node, their words (speaker prefix removed), and the source key."""
        if l_node in self.voices:
            return self.voices[l_node]
        entries = self.locutions.get(l_node, [])
        person_ids = []
        for _, locution in entries:
            person_id = _node_id(locution.get("personID"))
            if person_id and person_id not in person_ids:
                person_ids.append(person_id)
        if len(person_ids) > 1:
            self.warn(
                f"L-node {self.named(l_node)} is given to several persons "
                f"({_ids_text(person_ids)}) in "
                f"locutions; only person {person_ids[0]} was kept."
            )
        person_id = person_ids[0] if person_ids else ""
        listed = self.names.get(person_id, "")
        speaker, words = self.split_speaker(self.text(l_node), listed, bool(person_id))
        name = listed or speaker
        key = ""
        if name:
            key = self.participant(person_id, name)
        elif person_id:
            self.warn(
                f"L-node {self.named(l_node)}: person {person_id} has no name; holder left empty."
            )
        source = ""
        for index, locution in entries:
            if locution.get("source"):
                source = self.source(locution["source"], f"locutions[{index}]")
                break
        self.voices[l_node] = (key, words, source)
        return self.voices[l_node]

    def split_speaker(self, text: str, listed: str = "", spoken: bool = False) -> tuple[str, str]:
        """The speaker an L-node's text opens with, and the words after: AIFdb writes
        "Name : words", OVA and DialAM "Name: words". A prefix is a speaker's name only when
        it is the name the locution gives (`listed`) or a listed participant's, when a
        locution gives the L-node a person the file does not name (`spoken`), when several
        L-nodes open with it, or when it looks like a person's name: "Note: ..." is words."""
        for separator in (" : ", ": "):
            if listed and text.startswith(listed + separator):  # even a name with a colon
                return listed, text[len(listed) + len(separator) :].strip()
        match = SPEAKER_PREFIX.match(text)
        if match:
            prefix = match.group(1).strip()
            if prefix and (
                prefix in self.names.values()
                or spoken
                or self.prefixes.get(prefix, 0) > 1
                or _looks_like_a_name(prefix)
            ):
                return prefix, text[match.end() :].strip()
        return "", text

    def source(self, value, where: str) -> str:
        """The key of the Source a locution's source field describes ("" when unusable)."""
        if isinstance(value, str):  # AIFdb writes a bare string
            text = value.strip()
            value = {"url": text} if re.fullmatch(r"https?://\S+", text) else {"title": text}
        if not isinstance(value, dict):
            self.warn(f"{where}: source is a {_json_type(value)}, not text; it was left out.")
            return ""
        fields = {
            name: value.get(name).strip() if isinstance(value.get(name), str) else ""
            for name in ("title", "url", "venue", "date", "language")
        }
        fields["url"] = kept_url(fields["url"], where, self.document.warnings)
        title = fields["title"] or fields["url"]
        if not title:
            self.warn(f"{where}: source has neither title nor url; it was left out.")
            return ""
        published, precision = None, "day"
        if fields["date"]:
            parsed = _parse_date(fields["date"])
            if parsed:
                published, precision = parsed
            else:
                self.warn(f"{where}: source date {fields['date']!r} is not YYYY-MM-DD; left out.")
        identity = (title, fields["url"], fields["venue"], published, precision)
        if identity not in self.sources:
            key = f"aif-source-{len(self.sources) + 1}"
            self.sources[identity] = key
            source = Source(key=key, title=title, url=fields["url"], venue=fields["venue"])
            source.published, source.date_precision = published, precision
            if fields["language"]:
                source.language = fields["language"]
            self.document.sources.append(source)
        return self.sources[identity]

    def read_voices(self) -> None:
        """Holders, quotations and sources of claims, from L-nodes anchored by YA nodes."""
        for node_id, claim in self.claims.items():
            chosen = ""
            for ya_node in self.of_type(self.incoming[node_id], "YA"):
                illocution = self.nodes[ya_node].get("scheme") or self.text(ya_node)
                for l_node in self.of_type(self.incoming[ya_node], "L"):
                    if str(illocution).replace(" ", "").lower() in NOT_HOLDING:
                        self.warn(
                            f"YA node {ya_node} ({illocution}): L-node {self.named(l_node)} does "
                            f"not assert I-node {self.named(node_id)}, so gives it neither holder "
                            "nor quotation."
                        )
                        continue
                    if chosen:
                        self.warn(
                            f"L-node {self.named(l_node)} also voices I-node "
                            f"{self.named(node_id)}; only L-node {chosen} gave its holder and "
                            "quotation."
                        )
                        continue
                    chosen = l_node
                    holder, words, source = self.voice(l_node)
                    claim.holder, claim.source = holder, source
                    if words in (claim.statement, claim.excerpt):
                        continue  # we export a claim without quotation so: nothing more to keep
                    if len(words) <= QUOTATION_MAX_LENGTH:
                        claim.quotation = words
                    elif not claim.excerpt:
                        # Our quotations are short; another tool's passage is kept whole.
                        claim.excerpt = words
                        self.warn(
                            f"L-node {self.named(l_node)}: its {len(words):,} characters are "
                            f"kept whole as the excerpt of I-node {self.named(node_id)} (our "
                            f"quotations are at most {QUOTATION_MAX_LENGTH})."
                        )

    def warn_about_leftovers(self) -> None:
        """One sentence per kind of node we read nothing from."""
        anchored_l_nodes, anchoring_ya_nodes = set(), set()
        for node_id in self.claims:
            for ya_node in self.of_type(self.incoming[node_id], "YA"):
                l_nodes = self.of_type(self.incoming[ya_node], "L")
                anchored_l_nodes.update(l_nodes)
                if l_nodes:
                    anchoring_ya_nodes.add(ya_node)
        in_relations = set()
        for relation in self.document.relations:
            in_relations.update((relation.from_claim, relation.to_claim))
        in_relations.update(undercut.from_claim for undercut in self.document.undercuts)
        in_relations.update(relation.argument for relation in self.document.relations)
        isolated = [node_id for node_id, c in self.claims.items() if c.key not in in_relations]
        if isolated:
            self.warn(
                f"I-nodes {self.named_list(isolated)} take part in no relation; they were kept as "
                "claims on their own."
            )
        direct = [
            f"{self.edge_ids[start, end]} (from {self.named(start)} to {self.named(end)})"
            for start in self.claims
            for end in self.of_type(self.outgoing[start], "I")
        ]
        if direct:
            self.warn(
                f"Edges {_ids_text(direct)} link two I-nodes without an RA, CA or MA node "
                "between them; they were left out."
            )
        ya_left = [n for n in self.of_type(self.types, "YA") if n not in anchoring_ya_nodes]
        if ya_left:
            self.warn(
                f"YA nodes {self.named_list(ya_left)} do not anchor an L-node to an I-node "
                "and were left out."
            )
        l_left = [n for n in self.of_type(self.types, "L") if n not in anchored_l_nodes]
        if l_left:
            self.warn(f"L-nodes {self.named_list(l_left)} voice no claim and were left out.")
        ta_nodes = self.of_type(self.types, "TA")
        if ta_nodes:
            self.warn(f"TA nodes (dialogue transitions) {self.named_list(ta_nodes)} were left out.")
        modelled = {"I", "L", "YA", "TA", *KIND_OF_S_NODE}
        other_types = sorted({t for t in self.types.values() if t not in modelled})
        for node_type in other_types:
            ids = self.of_type(self.types, node_type)
            self.warn(
                f"{node_type} nodes {self.named_list(ids)} are not modelled and were left out."
            )
        wrong = [n for n in self.locutions if self.types[n] != "L"]
        if wrong:
            self.warn(f"Locutions on nodes {self.named_list(wrong)}, not L-nodes, were left out.")


def parse_aif(text: str | bytes, title: str = "Imported AIF map") -> Document:
    """The Document an AIF JSON file describes; ImportProblems when it cannot be read.

    I-nodes become claims; RA, CA and MA nodes between I-nodes become supports, objections
    and rephrases (one relation per premise); a CA node pointing at an RA, CA or MA node
    undercuts the relations that node gives. L-nodes anchored to I-nodes by YA nodes give
    holders (from locutions and participants, else the "Speaker :" or "Speaker:" prefix),
    quotations (an excerpt when longer than ours) and sources. Our extra key gives back
    layers, arguments, titles and excerpts. Everything else is named in the warnings, each
    naming its nodes by id and first words."""
    data = read_json(text)
    graph, found_title, warnings = _unwrap(data)
    problems = _check(graph)
    if problems:
        raise ImportProblems(capped(problems))
    document = Document(slug="", title=found_title or title, warnings=warnings)
    return _Reader(graph, document).read().validated()


def _split_name(participant: Participant) -> tuple[str, str]:
    """firstname and surname for AIF: a person's first word, then the rest (so "Simone de
    Beauvoir" is Simone / de Beauvoir); a collective's or a one-word name whole as surname."""
    name = participant.name.strip()
    first, _, rest = name.partition(" ")
    if participant.kind == "collective" or not rest.strip():
        return "", name
    return first, rest.strip()


def _layer_marks(item: Relation | Undercut, names: dict, sources: dict) -> dict[str, str]:
    """Our extra key's content for a relation's or undercut's S-node: empty for the text's
    own argument credited to no one, so that such a node is plain AIF."""
    marks = {"layer": item.layer} if item.layer != "text" else {}
    marks.update((name, getattr(item, name)) for name in LAYER_FIELDS[1:] if getattr(item, name))
    if item.drawn_by:
        marks["drawn_by"] = names[item.drawn_by]
    if item.source:
        marks["source"] = sources[item.source].url or sources[item.source].title
    if isinstance(item, Relation) and item.layer == READERS:
        marks["proposed_by"] = item.proposed_by
        if item.proposed_at is not None:
            marks["proposed_at"] = item.proposed_at.isoformat()
    return marks


def _claim_marks(claim: Claim) -> dict[str, str]:
    marks = {"kind": claim.kind} if claim.kind != "statement" else {}
    marks.update(
        (name, getattr(claim, name)) for name in ("title", "excerpt") if getattr(claim, name)
    )
    return marks


def _inferences(document: Document) -> tuple[dict[str, list[Relation]], list[Relation]]:
    """Supports grouped by the argument whose inference they are (and their conclusion and
    marks, which one node shares), and the relations that stand alone, in document order."""
    groups: dict[tuple, list[Relation]] = {}
    alone = []
    for relation in document.relations:
        if not relation.argument:
            alone.append(relation)
            continue
        shared = (relation.layer, relation.passage, relation.justification, relation.drawn_by)
        shared += (relation.source, relation.justification_en, relation.proposed_by)
        groups.setdefault((relation.argument, relation.to_claim, shared), []).append(relation)
    return groups, alone


def to_aif(document: Document) -> dict:
    """The document as AIF JSON (nodes, edges, locutions, participants), ids numbered in
    document order so the same document always gives the same file.

    Each claim is an I-node; each relation one RA, CA or MA node; each undercut a CA node
    pointing at its relation's node; a relation or undercut that is not the text's own
    argument, or that has a passage, says so in the node's extra key `controverse`
    (layer, passage, justification). A claim with a holder also gets an L-node
    ("Name : quotation", or the statement without one), a YA "Asserting" node from the L-node
    to the claim, and a locution naming the holder and the claim's source.

    An argument (a claim of kind "argument") is an I-node holding its description, marked
    kind "argument" (and its title) in the extra key, so that relations to and from it, or an
    argument without premises, stay plain AIF relations between I-nodes; the supports that
    are its inference become ONE RA node, premises to conclusion as AIF draws an argument,
    whose text is the argument's title (or description) and whose extra key names the
    argument's I-node. Other tools see a linked argument and one more I-node."""
    nodes, edges, locutions = [], [], []

    def add_node(
        node_type: str, text: str, timestamp: str = "", scheme: tuple = (), layered=None, **marks
    ) -> str:
        node = {"nodeID": str(len(nodes) + 1), "text": text, "type": node_type}
        if timestamp:
            node["timestamp"] = timestamp
        if scheme:
            node["scheme"], node["schemeID"] = scheme
        if layered is not None:
            marks = _layer_marks(layered, names, sources) | marks
        if marks:
            node[LAYER_KEY] = marks
        nodes.append(node)
        return node["nodeID"]

    def add_edge(start: str, end: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": start, "toID": end})

    people = {participant.key: participant for participant in document.participants}
    names = {participant.key: participant.name for participant in document.participants}
    person_ids = {participant.key: str(n) for n, participant in enumerate(document.participants, 1)}
    sources = {source.key: source for source in document.sources}
    claims = {claim.key: claim for claim in document.claims}

    def timestamp(claim: Claim) -> str:
        source = sources.get(claim.source)
        if source is None or source.published is None:
            return ""
        return datetime.datetime.combine(source.published, datetime.time()).strftime(
            TIMESTAMP_FORMAT
        )

    claim_nodes = {
        claim.key: add_node("I", claim.statement, timestamp(claim), **_claim_marks(claim))
        for claim in document.claims
    }
    relation_nodes = {}
    groups, alone = _inferences(document)
    shared_nodes = set()
    for (argument_key, conclusion, _), supports in groups.items():
        argument = claims[argument_key]
        node_type, default_text, scheme_id = S_NODE_OF_KIND["support"]
        node_id = add_node(
            node_type,
            argument.title or argument.statement,
            scheme=(default_text, scheme_id),
            layered=supports[0],
            argument=claim_nodes[argument_key],
        )
        for support in supports:
            add_edge(claim_nodes[support.from_claim], node_id)
            relation_nodes[support.key] = node_id
        add_edge(node_id, claim_nodes[conclusion])
        if len(supports) > 1:
            shared_nodes.add(node_id)
    for relation in alone:
        node_type, text, scheme_id = S_NODE_OF_KIND[relation.kind]
        node_id = add_node(node_type, text, scheme=(text, scheme_id), layered=relation)
        add_edge(claim_nodes[relation.from_claim], node_id)
        add_edge(node_id, claim_nodes[relation.to_claim])
        relation_nodes[relation.key] = node_id
    relations = {relation.key: relation for relation in document.relations}
    for undercut in document.undercuts:
        node_type, text, scheme_id = S_NODE_OF_KIND["objection"]
        target = relation_nodes[undercut.relation]
        premise = {}
        if target in shared_nodes:
            premise["premise"] = claim_nodes[relations[undercut.relation].from_claim]
        node_id = add_node(node_type, text, scheme=(text, scheme_id), layered=undercut, **premise)
        add_edge(claim_nodes[undercut.from_claim], node_id)
        add_edge(node_id, target)
    for claim in document.claims:
        if not claim.holder:
            continue
        when = timestamp(claim)
        words = claim.quotation or claim.excerpt or claim.statement
        l_node = add_node("L", f"{people[claim.holder].name} : {words}", when)
        ya_node = add_node("YA", "Asserting", when, scheme=("Asserting", "74"))
        add_edge(l_node, ya_node)
        add_edge(ya_node, claim_nodes[claim.key])
        locution = {"nodeID": l_node, "personID": person_ids[claim.holder]}
        if when:
            locution["timestamp"] = when
        locution.update(start=None, end=None, source=None)
        source = sources.get(claim.source)
        if source is not None:
            # AIFdb stores a locution's source as text: the address, or else the title.
            locution["source"] = source.url or source.title
        locutions.append(locution)
    participants = []
    for participant in document.participants:
        firstname, surname = _split_name(participant)
        participants.append(
            {
                "participantID": person_ids[participant.key],
                "firstname": firstname,
                "surname": surname,
            }
        )
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}
