"""The debate as plain data: what importers produce and exporters read. No database.

Keys are the strings that tie things together inside one document: slugs for participants,
sources and claims; for relations, whatever key the format gives (or one we make up), used
by undercuts and annotations on relations.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from arguments.record.dating import TextDate, came_out_before, public_from
from arguments.record.files import ImportProblems
from arguments.record.fixture_format import PASSAGE_MAX_LENGTH
from arguments.record.text import clean_text

RELATION_KINDS = ("support", "objection", "rephrase")
# A statement, or a premise-conclusion argument (Argdown's <Argument>, AIF's RA node) whose
# inference is the supports that name it as their `argument`.
CLAIM_KINDS = ("statement", "argument")
TITLE_MAX_LENGTH = 400
PARTICIPANT_KINDS = ("person", "collective")
DATE_PRECISIONS = ("day", "month", "year")
DATE_QUALIFIERS = ("exact", "circa", "after")
STANCES = ("comment", "agree", "disagree", "question", "needs-source")
QUOTATION_MAX_LENGTH = 300
# Who draws a relation or an undercut: the text itself (its author, in its source), the
# editors (the map makers' own reading, always justified, credited to no participant), or a
# reader (a proposal; relations only).
LAYERS = ("text", "editors", "readers")
EDITORS = "editors"
READERS = "readers"
JUSTIFICATION_MAX_LENGTH = 300
# Control characters other than tab and line breaks: refused in passages and justifications
# (PostgreSQL cannot store NUL; the others are no one's words).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A file with this many problems is listed with the first ones only: a page of 100,000
# problems helps no one.
MAX_PROBLEMS = 50  # issue 21: the first 50, then the count
# Longer lines in a text format (Kialo, Argdown) are refused: no statement needs them, and
# every parser then works on bounded lines.
MAX_LINE_LENGTH = 50_000
# Addresses kept from a file: the web's. A javascript:, data: or vbscript: address (or any
# other) would become a link a reader clicks.
WEB_SCHEMES = ("http", "https")


@dataclass
class Participant:
    key: str
    name: str
    kind: str = "person"
    description: str = ""
    description_en: str = ""
    # Only where the name is a description of ours; exported files keep `name` as it is.
    name_en: str = ""


@dataclass
class Source:
    key: str
    title: str
    authors: list[str] = field(default_factory=list)  # participant keys
    venue: str = ""
    published: datetime.date | None = None
    date_precision: str = "day"
    date_qualifier: str = "exact"
    url: str = ""
    language: str = "fr"
    # Only where the title is a description of ours in brackets; `title` stays as it is.
    title_en: str = ""


@dataclass
class Claim:
    key: str
    statement: str
    statement_en: str = ""
    holder: str = ""  # participant key, "" when unknown
    source: str = ""  # source key, "" when unknown
    via: str = ""  # source key of the text reporting it
    quotation: str = ""
    section: str = ""
    paragraph: int | None = None
    imported: bool = True  # from another tool: may lack holder, source or quotation
    # The passage another tool's file gives, of any length; not a quotation of our record.
    excerpt: str = ""
    title: str = ""  # as written in the file it came from (Argdown's [Title], <Title>)
    kind: str = "statement"  # or "argument"
    proposed_by: str = ""  # username, for readers' proposals
    proposed_at: datetime.datetime | None = None
    hidden_at: datetime.datetime | None = None
    hidden_reason: str = ""


@dataclass
class Relation:
    """`from_claim` supports, objects to or restates `to_claim`."""

    key: str
    from_claim: str
    to_claim: str
    kind: str
    drawn_by: str = ""  # participant key
    source: str = ""  # source key
    proposed_by: str = ""
    proposed_at: datetime.datetime | None = None
    hidden_at: datetime.datetime | None = None
    hidden_reason: str = ""
    layer: str = "text"  # text | editors | readers (a proposal)
    passage: str = ""  # the text's words that make the relation
    justification: str = ""  # the editors' one line
    justification_en: str = ""
    # Key of the argument (a claim of kind "argument") whose inference this support is.
    argument: str = ""


@dataclass
class Undercut:
    """`from_claim` objects to the inference of relation `relation` (a support, usually)."""

    key: str
    from_claim: str
    relation: str  # relation key
    drawn_by: str = ""
    source: str = ""
    layer: str = "text"  # text | editors
    passage: str = ""
    justification: str = ""
    justification_en: str = ""


@dataclass
class Annotation:
    """A site user's comment on a claim or a relation (exactly one of the two)."""

    key: str
    author: str  # username
    body: str
    claim: str = ""
    relation: str = ""
    parent: str = ""  # annotation key
    stance: str = "comment"
    tags: list[str] = field(default_factory=list)
    created_at: datetime.datetime | None = None
    edited_at: datetime.datetime | None = None
    deleted_at: datetime.datetime | None = None
    hidden_at: datetime.datetime | None = None
    hidden_reason: str = ""


@dataclass
class Document:
    slug: str
    title: str
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    participants: list[Participant] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    undercuts: list[Undercut] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    # What the importer kept in another form or left out, in words naming the line or node.
    warnings: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Dangling keys, duplicates, unknown kinds and self-relations: what an importer
        must not hand on. Empty when the document is consistent."""
        problems = []
        for kind, items in (
            ("participant", self.participants),
            ("source", self.sources),
            ("claim", self.claims),
            ("relation", self.relations),
            ("undercut", self.undercuts),
            ("annotation", self.annotations),
        ):
            seen = set()
            for item in items:
                if item.key in seen:
                    problems.append(f"{kind} {item.key!r} is defined more than once")
                seen.add(item.key)
        participants = {p.key for p in self.participants}
        sources = {s.key for s in self.sources}
        claims = {c.key for c in self.claims}
        relations = {r.key for r in self.relations}
        annotations = {a.key for a in self.annotations}
        by_key = {a.key: a for a in self.annotations}
        claims_by_key = {c.key: c for c in self.claims}

        def check(where: str, value: str, known: set[str], what: str) -> None:
            if value and value not in known:
                problems.append(f"{where}: unknown {what} {value!r}")

        for participant in self.participants:
            if participant.kind not in PARTICIPANT_KINDS:
                problems.append(f"participant {participant.key!r}: kind {participant.kind!r}")
        for source in self.sources:
            for author in source.authors:
                check(f"source {source.key!r}", author, participants, "author")
            if source.date_precision not in DATE_PRECISIONS:
                problems.append(f"source {source.key!r}: date precision {source.date_precision!r}")
            undated = source.published is None and source.date_qualifier == ""
            if source.date_qualifier not in DATE_QUALIFIERS and not undated:
                problems.append(f"source {source.key!r}: date qualifier {source.date_qualifier!r}")
        for claim in self.claims:
            where = f"claim {claim.key!r}"
            # As stored: control characters alone are cleaned away to nothing.
            if not clean_text(claim.statement, multiline=True).strip():
                problems.append(f"{where}: empty statement")
            if claim.kind not in CLAIM_KINDS:
                problems.append(f"{where}: kind {claim.kind!r} is not one of {CLAIM_KINDS}")
            # Our record's quotations are short; an imported claim's longer passage is kept
            # whole as its excerpt when stored (store.fit_long_fields), never refused.
            if len(claim.quotation) > QUOTATION_MAX_LENGTH and not claim.imported:
                problems.append(
                    f"{where}: quotation of {len(claim.quotation)} characters, "
                    f"at most {QUOTATION_MAX_LENGTH}"
                )
            if claim.via and claim.via == claim.source:
                problems.append(f"{where}: via is the same as source")
            if not (claim.imported or claim.proposed_at) and not (
                claim.holder and claim.source and claim.quotation
            ):
                problems.append(
                    f"{where}: a claim of the record needs a holder, a source and a quotation "
                    "(mark it imported otherwise)"
                )
            check(where, claim.holder, participants, "holder")
            check(where, claim.source, sources, "source")
            check(where, claim.via, sources, "via")
        seen_ends = set()
        for relation in self.relations:
            where = f"relation {relation.key!r}"
            if relation.kind not in RELATION_KINDS:
                problems.append(f"{where}: kind {relation.kind!r} is not one of {RELATION_KINDS}")
            check(where, relation.from_claim, claims, "claim")
            check(where, relation.to_claim, claims, "claim")
            if relation.from_claim == relation.to_claim:
                problems.append(f"{where}: a claim cannot bear on itself")
            check(where, relation.drawn_by, participants, "participant")
            check(where, relation.source, sources, "source")
            ends = (relation.from_claim, relation.to_claim, relation.kind)
            if ends in seen_ends:
                problems.append(f"{where}: the same {relation.kind} is listed twice")
            seen_ends.add(ends)
            problems += layer_problems(where, relation)
            if relation.argument:
                argument = claims_by_key.get(relation.argument)
                if argument is None:
                    problems.append(f"{where}: unknown argument {relation.argument!r}")
                elif argument.kind != "argument":
                    problems.append(
                        f"{where}: its argument {relation.argument!r} is a claim of kind "
                        f"{argument.kind!r}, not an argument"
                    )
                if relation.kind != "support":
                    problems.append(f"{where}: an argument's inference is a support")
            if relation.layer == READERS and relation.proposed_at is None:
                problems.append(f"{where}: a reader's proposal (layer readers) needs proposed_at")
            if relation.layer != READERS and relation.proposed_at is not None:
                problems.append(
                    f"{where}: proposed_at is set, so it is a reader's proposal: layer readers"
                )
        for undercut in self.undercuts:
            where = f"undercut {undercut.key!r}"
            check(where, undercut.from_claim, claims, "claim")
            check(where, undercut.relation, relations, "relation")
            check(where, undercut.drawn_by, participants, "participant")
            check(where, undercut.source, sources, "source")
            problems += layer_problems(where, undercut)
            if undercut.layer == READERS:
                problems.append(f"{where}: readers propose relations, not undercuts")
        for annotation in self.annotations:
            where = f"annotation {annotation.key!r}"
            if bool(annotation.claim) == bool(annotation.relation):
                problems.append(f"{where}: needs exactly one of claim and relation")
            check(where, annotation.claim, claims, "claim")
            check(where, annotation.relation, relations, "relation")
            check(where, annotation.parent, annotations, "parent annotation")
            parent = by_key.get(annotation.parent)
            if parent and (parent.claim, parent.relation) != (
                annotation.claim,
                annotation.relation,
            ):
                problems.append(f"{where}: a reply must be on what its parent annotation is on")
            if annotation.stance not in STANCES:
                problems.append(f"{where}: stance {annotation.stance!r}")
        return problems

    def validated(self) -> Document:
        """This document, or ImportProblems listing everything wrong with it."""
        problems = self.problems()
        if problems:
            raise ImportProblems(capped(problems))
        return self


def capped(problems: list[str], noun: str = "problems") -> list[str]:
    """The first MAX_PROBLEMS problems (or warnings), and how many more there are: a file
    with thousands of them gets a readable answer, not a page of 800 KB."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], f"... and {len(problems) - MAX_PROBLEMS} more {noun}"]


def long_lines(lines: list[str]) -> list[str]:
    """A problem for each line longer than MAX_LINE_LENGTH characters."""
    return [
        f"line {number}: {len(line):,} characters long; at most {MAX_LINE_LENGTH:,} are read"
        for number, line in enumerate(lines, 1)
        if len(line) > MAX_LINE_LENGTH
    ]


def web_url(url: str) -> bool:
    """Whether `url` is an http or https address with a host, the only links kept."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[" and the like
        return False
    return (
        parts.scheme.lower() in WEB_SCHEMES
        and bool(parts.netloc)
        and not any(char.isspace() or CONTROL.match(char) for char in url.strip())
    )


def kept_url(url: str, where: str, warnings: list[str]) -> str:
    """`url` when it is a web address; else "" and a warning naming `where`."""
    if not url or web_url(url):
        return url
    shown = url if len(url) <= 60 else url[:57] + "..."
    warnings.append(f"{where}: the address {shown!r} is not an http(s) address; left out")
    return ""


def _ends(relation: Relation | None) -> tuple[str, ...]:
    return (relation.from_claim, relation.to_claim) if relation else ()


def _dated(source: Source) -> TextDate:
    return TextDate(source.published, source.date_precision, source.date_qualifier)


def layer_problems(where: str, item: Relation | Undercut) -> list[str]:
    """What keeps a relation's or undercut's layer from holding: an editors' link credited
    to a participant or a text, or without its justification; a justification on what the
    editors did not draw; a passage or justification too long or holding control
    characters."""
    problems = []
    if item.layer not in LAYERS:
        return [f"{where}: layer {item.layer!r} is not one of {LAYERS}"]
    if item.layer == EDITORS:
        if item.drawn_by or item.source or item.passage:
            problems.append(
                f"{where}: an editors' link is credited to the editors only: "
                "no drawn_by, no source, no passage"
            )
        if not item.justification.strip():
            problems.append(
                f"{where}: an editors' link needs its justification (why the editors draw it)"
            )
    elif item.justification or item.justification_en:
        problems.append(f"{where}: only an editors' link (layer editors) has a justification")
    for name, limit in (
        ("passage", PASSAGE_MAX_LENGTH),
        ("justification", JUSTIFICATION_MAX_LENGTH),
        ("justification_en", JUSTIFICATION_MAX_LENGTH),
    ):
        value = getattr(item, name)
        if len(value) > limit:
            problems.append(f"{where}: {name} is {len(value)} characters, at most {limit}")
        if CONTROL.search(value):
            problems.append(f"{where}: {name} holds control characters")
    return problems


def dating_warnings(document: Document) -> list[str]:
    """Relations and undercuts credited to a text that surely came out before a claim
    they join was public, one sentence each naming it. The fixtures refuse them; a file
    from another tool only warns, its dates often being those of the analysis."""
    sources = {s.key: s for s in document.sources}
    claims = {c.key: c for c in document.claims}
    relations = {r.key: r for r in document.relations}
    warnings = []
    for what, item, ends in [
        *(("relation", r, (r.from_claim, r.to_claim)) for r in document.relations),
        *(
            ("undercut", u, (u.from_claim, *_ends(relations.get(u.relation))))
            for u in document.undercuts
        ),
    ]:
        text = sources.get(item.source) if item.layer == "text" else None
        if text is None:
            continue
        for end in dict.fromkeys(ends):
            claim = claims.get(end)
            original = sources.get(claim.source) if claim else None
            if original is None:
                continue
            quoting = sources.get(claim.via)
            start = public_from(_dated(original), _dated(quoting) if quoting else None)
            if came_out_before(_dated(text), start):
                warnings.append(
                    f"{what} {item.key!r}: credited to {text.key!r} "
                    f"({text.published.isoformat()}), which came out before claim "
                    f"{end!r} was public ({start.isoformat()}); imported as it is"
                )
    return warnings
