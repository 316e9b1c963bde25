"""The debate as plain data: what importers produce and exporters read. No database.

Keys are the strings that tie things together inside one document: slugs for participants,
sources and claims; for relations, whatever key the format gives (or one we make up), used
by undercuts and annotations on relations.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from arguments.record.files import ImportProblems

RELATION_KINDS = ("support", "objection", "rephrase")
PARTICIPANT_KINDS = ("person", "collective")
DATE_PRECISIONS = ("day", "month", "year")
DATE_QUALIFIERS = ("exact", "circa", "after")
STANCES = ("comment", "agree", "disagree", "question", "needs-source")
QUOTATION_MAX_LENGTH = 300


@dataclass
class Participant:
    key: str
    name: str
    kind: str = "person"
    description: str = ""
    description_en: str = ""


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


@dataclass
class Undercut:
    """`from_claim` objects to the inference of relation `relation` (a support, usually)."""

    key: str
    from_claim: str
    relation: str  # relation key
    drawn_by: str = ""
    source: str = ""


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
            if source.date_qualifier not in DATE_QUALIFIERS:
                problems.append(f"source {source.key!r}: date qualifier {source.date_qualifier!r}")
        for claim in self.claims:
            where = f"claim {claim.key!r}"
            if not claim.statement.strip():
                problems.append(f"{where}: empty statement")
            if len(claim.quotation) > QUOTATION_MAX_LENGTH:
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
        for undercut in self.undercuts:
            where = f"undercut {undercut.key!r}"
            check(where, undercut.from_claim, claims, "claim")
            check(where, undercut.relation, relations, "relation")
            check(where, undercut.drawn_by, participants, "participant")
            check(where, undercut.source, sources, "source")
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
            raise ImportProblems(problems)
        return self
