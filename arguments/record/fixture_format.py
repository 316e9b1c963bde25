"""Read and validate a debate folder of YAML files (format: fixtures/README.md).

Pure: no database. `read_debate_folder` returns a `DebateDocument` or raises `FixtureError`
listing every problem found, each naming its file and entry.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from arguments.record.corrections_format import CorrectionData, cross_check, read_corrections
from arguments.record.dating import TextDate, came_out_before, public_from, written
from arguments.record.proposal_slugs import PROPOSAL_PREFIXES, is_proposal_slug
from arguments.record.questions_format import QuestionData, read_questions
from arguments.record.questions_format import cross_check as check_questions

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RELATION_KINDS = ("support", "objection", "rephrase")
EDITORS = "editors"  # `by: editors`: the map makers' own link, credited to no participant
PARTICIPANT_KINDS = ("person", "collective")
DATE_QUALIFIERS = ("exact", "circa", "after")
QUOTATION_MAX_LENGTH = 300
# A relation's passage may join verbatim parts of one text with " […] ", in their order: the
# words that make a link are not always adjacent.
PASSAGE_MAX_LENGTH = 400
ELISION = " […] "


class FixtureError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ParticipantData:
    slug: str
    name: str
    kind: str
    description: str
    description_en: str
    name_en: str = ""  # only where the name is a description of ours


@dataclass(frozen=True)
class SourceData:
    slug: str
    title: str
    authors: tuple[str, ...]
    venue: str
    published: datetime.date | None
    date_precision: str
    date_qualifier: str
    url: str
    language: str
    seed: str
    title_en: str = ""  # only where the title is a description of ours, in brackets
    # The seed text's SHA-256 (`manage.py seed_digests` writes it): its claims' quotations
    # carry the mark "checked against the seed", which CI verifies against the seeds.
    seed_sha256: str = ""


@dataclass(frozen=True)
class ClaimData:
    slug: str
    holder: str
    source: str
    via: str
    statement: str
    statement_en: str
    quotation: str
    section: str
    paragraph: int | None
    position: int
    file: str


@dataclass(frozen=True)
class RelationData:
    from_claim: str
    to_claim: str
    kind: str
    drawn_by: str
    source: str
    file: str
    layer: str = "text"  # text | editors
    passage: str = ""  # the text's words that make the relation
    justification: str = ""  # the editors' one line
    justification_en: str = ""


@dataclass(frozen=True)
class UndercutData:
    """A claim denying a relation's inference (granted A, it does not follow that A
    supports B), in the same layers as relations."""

    from_claim: str
    relation: tuple[str, str, str]  # the relation undercut: (from, to, kind)
    drawn_by: str
    source: str
    file: str
    layer: str = "text"
    passage: str = ""
    justification: str = ""
    justification_en: str = ""


@dataclass
class DebateDocument:
    slug: str
    title: str
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    participants: list[ParticipantData] = field(default_factory=list)
    sources: list[SourceData] = field(default_factory=list)
    claims: list[ClaimData] = field(default_factory=list)
    relations: list[RelationData] = field(default_factory=list)
    undercuts: list[UndercutData] = field(default_factory=list)
    corrections: list[CorrectionData] = field(default_factory=list)
    questions: list[QuestionData] = field(default_factory=list)


def is_bracketed(title: str) -> bool:
    """A title in brackets is our description of an untitled text, not the text's title."""
    return title.startswith("[") and title.endswith("]")


def parse_date(value: Any) -> tuple[datetime.date | None, str]:
    """A YAML date value (2025, "2025-08", 2025-08-01) as a date and its precision."""
    if value in (None, ""):
        return None, "day"
    if isinstance(value, datetime.date):
        return value, "day"
    text = str(value).strip()
    for pattern, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            return datetime.datetime.strptime(text, pattern).date(), precision
        except ValueError:
            continue
    raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


class _Reader:
    """Collects problems while reading, so one run reports all of them."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def load_yaml(self, path: Path) -> Any:
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            self.problems.append(f"{path.name}: cannot read YAML: {error}")
            return None

    def entry(
        self, where: str, data: Any, required: set[str], optional: set[str]
    ) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.problems.append(f"{where}: expected a mapping, got {type(data).__name__}")
            return None
        unknown = set(data) - required - optional
        missing = {key for key in required if data.get(key) in (None, "")}
        if unknown:
            self.problems.append(f"{where}: unknown keys {sorted(unknown)}")
        if missing:
            self.problems.append(f"{where}: missing {sorted(missing)}")
        if unknown or missing:
            return None
        return data

    def text(self, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        return "" if value is None else str(value).strip()

    def slug(self, where: str, value: Any) -> str:
        text = "" if value is None else str(value)
        if not SLUG.match(text):
            self.problems.append(f"{where}: {text!r} is not a slug (a-z, 0-9, hyphens)")
        return text

    def participant(self, where: str, data: Any) -> ParticipantData | None:
        data = self.entry(
            where, data, {"slug", "name"}, {"name_en", "kind", "description", "description_en"}
        )
        if data is None:
            return None
        kind = self.text(data, "kind") or "person"
        if kind not in PARTICIPANT_KINDS:
            self.problems.append(f"{where}: kind {kind!r} is not one of {PARTICIPANT_KINDS}")
        return ParticipantData(
            slug=self.slug(where, data["slug"]),
            name=self.text(data, "name"),
            name_en=self.text(data, "name_en"),
            kind=kind,
            description=self.text(data, "description"),
            description_en=self.text(data, "description_en"),
        )

    def source(self, where: str, data: Any) -> SourceData | None:
        data = self.entry(
            where,
            data,
            {"slug", "title"},
            {
                "title_en",
                "authors",
                "venue",
                "date",
                "date_qualifier",
                "url",
                "language",
                "seed",
                "seed_sha256",
            },
        )
        if data is None:
            return None
        try:
            published, precision = parse_date(data.get("date"))
        except ValueError as error:
            self.problems.append(f"{where}: {error}")
            published, precision = None, "day"
        qualifier = self.text(data, "date_qualifier") or ("exact" if published else "")
        if published is None and qualifier:
            self.problems.append(f"{where}: date_qualifier {qualifier!r} but no date to qualify")
        elif published and qualifier not in DATE_QUALIFIERS:
            self.problems.append(f"{where}: date_qualifier {qualifier!r} not in {DATE_QUALIFIERS}")
        authors = data.get("authors") or []
        if not isinstance(authors, list):
            self.problems.append(f"{where}: authors must be a list of participant slugs")
            authors = []
        title, title_en = self.text(data, "title"), self.text(data, "title_en")
        if title_en and not (is_bracketed(title) and is_bracketed(title_en)):
            self.problems.append(
                f"{where}: title_en is only for a description of ours in brackets, "
                "translated in brackets: a real title stays as it is"
            )
        seed_sha256 = self.text(data, "seed_sha256")
        if seed_sha256 and not (re.fullmatch(r"[0-9a-f]{64}", seed_sha256) and data.get("seed")):
            self.problems.append(f"{where}: seed_sha256 must be 64 hex digits, with a seed")
        url = self.text(data, "url")
        if url and not re.match(r"^https?://", url):
            self.problems.append(f"{where}: url {url!r} must start with http:// or https://")
        return SourceData(
            slug=self.slug(where, data["slug"]),
            title=title,
            title_en=title_en,
            authors=tuple(str(author) for author in authors),
            venue=self.text(data, "venue"),
            published=published,
            date_precision=precision,
            date_qualifier=qualifier,
            url=url,
            language=self.text(data, "language") or "fr",
            seed=self.text(data, "seed"),
            seed_sha256=seed_sha256,
        )

    def claim(self, where: str, data: Any, default_source: str, position: int, file: str):
        data = self.entry(
            where,
            data,
            {"slug", "holder", "statement", "quotation"},
            {"statement_en", "source", "via", "section", "paragraph"},
        )
        if data is None:
            return None
        quotation = " ".join(self.text(data, "quotation").split())
        if len(quotation) > QUOTATION_MAX_LENGTH:
            self.problems.append(
                f"{where}: quotation is {len(quotation)} characters, at most {QUOTATION_MAX_LENGTH}"
            )
        paragraph = data.get("paragraph")
        if paragraph is not None and (not isinstance(paragraph, int) or paragraph < 1):
            self.problems.append(f"{where}: paragraph must be a positive whole number")
            paragraph = None
        source = self.text(data, "source") or default_source
        if not source:
            self.problems.append(f"{where}: no source (neither on the claim nor the file)")
        if is_proposal_slug(str(data["slug"])):
            self.problems.append(
                f"{where}: {data['slug']!r} starts as readers' proposals' addresses do "
                f"({', '.join(PROPOSAL_PREFIXES)}): choose another slug"
            )
        return ClaimData(
            slug=self.slug(where, data["slug"]),
            holder=self.text(data, "holder"),
            source=source,
            via=self.text(data, "via"),
            statement=self.text(data, "statement"),
            statement_en=self.text(data, "statement_en"),
            quotation=quotation,
            section=self.text(data, "section"),
            paragraph=paragraph,
            position=position,
            file=file,
        )

    def relation(self, where: str, data: Any, default_source: str, file: str):
        data = self.entry(
            where,
            data,
            {"from", "to", "kind"},
            {"by", "source", "passage", "justification", "justification_en"},
        )
        if data is None:
            return None
        kind = self.text(data, "kind")
        if kind not in RELATION_KINDS:
            self.problems.append(f"{where}: kind {kind!r} is not one of {RELATION_KINDS}")
        common = {"from_claim": self.text(data, "from"), "to_claim": self.text(data, "to")}
        common |= {"kind": kind, "file": file}
        if self.text(data, "by") == EDITORS:
            if not self.text(data, "justification"):
                self.problems.append(f"{where}: an editors' link needs its justification")
            if data.get("source") or data.get("passage"):
                self.problems.append(
                    f"{where}: an editors' link is drawn in no text: no source, no passage"
                )
            return RelationData(
                **common,
                drawn_by="",
                source="",
                layer=EDITORS,
                justification=self.text(data, "justification"),
                justification_en=self.text(data, "justification_en"),
            )
        if data.get("justification") or data.get("justification_en"):
            self.problems.append(f"{where}: only an editors' link (by: editors) is justified")
        passage = " ".join(self.text(data, "passage").split())
        if len(passage) > PASSAGE_MAX_LENGTH:
            self.problems.append(
                f"{where}: passage is {len(passage)} characters, at most {PASSAGE_MAX_LENGTH}"
            )
        return RelationData(
            **common,
            drawn_by=self.text(data, "by"),
            source=self.text(data, "source") or default_source,
            passage=passage,
        )

    def undercut(self, where: str, data: Any, default_source: str, file: str):
        """Read as a relation whose `to` is the relation undercut ({from, to, kind})."""
        if not isinstance(data, dict):
            self.problems.append(f"{where}: expected a mapping, got {type(data).__name__}")
            return None
        target = data.get("relation")
        target = self.entry(f"{where}: relation", target, {"from", "to", "kind"}, set())
        if target is None:
            return None
        as_relation = {key: value for key, value in data.items() if key != "relation"}
        read = self.relation(
            where, as_relation | {"to": "-", "kind": "objection"}, default_source, file
        )
        if read is None:
            return None
        return UndercutData(
            from_claim=read.from_claim,
            relation=tuple(self.text(target, key) for key in ("from", "to", "kind")),
            drawn_by=read.drawn_by,
            source=read.source,
            file=file,
            layer=read.layer,
            passage=read.passage,
            justification=read.justification,
            justification_en=read.justification_en,
        )

    def listing(self, path_name: str, key: str, data: Any) -> list[Any]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.problems.append(f"{path_name}: {key} must be a list")
            return []
        return data


def _label(kind: str, index: int, data: Any) -> str:
    slug = data.get("slug") if isinstance(data, dict) else None
    return f"{kind} {index + 1}" + (f" ({slug})" if slug else "")


def read_debate_folder(folder: Path | str) -> DebateDocument:
    folder = Path(folder)
    reader = _Reader()
    if not (folder / "debate.yaml").is_file():
        raise FixtureError([f"{folder}: no debate.yaml in this folder"])
    head = reader.entry(
        "debate.yaml",
        reader.load_yaml(folder / "debate.yaml"),
        {"slug", "title"},
        {"title_en", "description", "description_en"},
    )
    if head is None:
        raise FixtureError(reader.problems)
    document = DebateDocument(
        slug=reader.slug("debate.yaml", head["slug"]),
        title=reader.text(head, "title"),
        title_en=reader.text(head, "title_en"),
        description=reader.text(head, "description"),
        description_en=reader.text(head, "description_en"),
    )

    def add_people_and_texts(file: str, participants: Any, sources: Any) -> None:
        for index, item in enumerate(reader.listing(file, "participants", participants)):
            where = f"{file}: {_label('participant', index, item)}"
            if (participant := reader.participant(where, item)) is not None:
                document.participants.append(participant)
        for index, item in enumerate(reader.listing(file, "sources", sources)):
            where = f"{file}: {_label('source', index, item)}"
            if (source := reader.source(where, item)) is not None:
                document.sources.append(source)

    if (folder / "participants.yaml").is_file():
        add_people_and_texts(
            "participants.yaml", reader.load_yaml(folder / "participants.yaml"), None
        )
    if (folder / "sources.yaml").is_file():
        add_people_and_texts("sources.yaml", None, reader.load_yaml(folder / "sources.yaml"))

    position = 0
    for path in sorted((folder / "claims").glob("*.yaml")):
        file = f"claims/{path.name}"
        data = reader.load_yaml(path)
        if data is None:
            continue
        data = reader.entry(
            file,
            data,
            set(),
            {"source", "claims", "relations", "undercuts", "participants", "sources"},
        )
        if data is None:
            continue
        add_people_and_texts(file, data.get("participants"), data.get("sources"))
        default_source = reader.text(data, "source")
        for index, item in enumerate(reader.listing(file, "claims", data.get("claims"))):
            position += 1
            where = f"{file}: {_label('claim', index, item)}"
            claim = reader.claim(where, item, default_source, position, file)
            if claim is not None:
                document.claims.append(claim)
        for index, item in enumerate(reader.listing(file, "relations", data.get("relations"))):
            where = f"{file}: relation {index + 1}"
            relation = reader.relation(where, item, default_source, file)
            if relation is not None:
                document.relations.append(relation)
        for index, item in enumerate(reader.listing(file, "undercuts", data.get("undercuts"))):
            where = f"{file}: undercut {index + 1}"
            undercut = reader.undercut(where, item, default_source, file)
            if undercut is not None:
                document.undercuts.append(undercut)

    if (folder / "corrections.yaml").is_file():
        corrections = reader.load_yaml(folder / "corrections.yaml")
        document.corrections = read_corrections(corrections, reader.problems)
    if (folder / "questions.yaml").is_file():
        questions = reader.load_yaml(folder / "questions.yaml")
        document.questions = read_questions(questions, reader.problems)
    reader.problems.extend(cross_reference_problems(document))
    reader.problems.extend(check_questions(document.questions, {c.slug for c in document.claims}))
    reader.problems.extend(
        cross_check(
            document.corrections,
            {c.slug for c in document.claims},
            {(r.from_claim, r.to_claim, r.kind) for r in document.relations},
            {s.slug for s in document.sources},
            {p.slug for p in document.participants},
        )
    )
    if reader.problems:
        raise FixtureError(reader.problems)
    return document


def _duplicates(kind: str, slugs: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for slug in slugs:
        if slug in seen:
            problems.append(f"{kind} {slug!r} is defined more than once")
        seen.add(slug)
    return problems


def cross_reference_problems(document: DebateDocument) -> list[str]:
    """Dangling slugs, duplicates and self-relations, across all files."""
    problems = _duplicates("participant", [p.slug for p in document.participants])
    problems += _duplicates("source", [s.slug for s in document.sources])
    problems += _duplicates("claim", [c.slug for c in document.claims])
    participants = {p.slug for p in document.participants}
    sources = {s.slug: s for s in document.sources}
    claims = {c.slug: c for c in document.claims}
    for source in document.sources:
        for author in source.authors:
            if author not in participants:
                problems.append(f"source {source.slug}: unknown author {author!r}")
    for claim in document.claims:
        where = f"{claim.file}: claim {claim.slug}"
        if claim.holder not in participants:
            problems.append(f"{where}: unknown holder {claim.holder!r}")
        if claim.source not in sources:
            problems.append(f"{where}: unknown source {claim.source!r}")
        if claim.via and claim.via not in sources:
            problems.append(f"{where}: unknown via {claim.via!r}")
        if claim.via and claim.via == claim.source:
            problems.append(f"{where}: via is the same as source")
    seen: set[tuple[str, str, str]] = set()
    for relation in document.relations:
        where = f"{relation.file}: relation {relation.from_claim} -> {relation.to_claim}"
        for end in (relation.from_claim, relation.to_claim):
            if end not in claims:
                problems.append(f"{where}: unknown claim {end!r}")
        if relation.from_claim == relation.to_claim:
            problems.append(f"{where}: a claim cannot bear on itself")
        if relation.drawn_by and relation.drawn_by not in participants:
            problems.append(f"{where}: unknown participant {relation.drawn_by!r}")
        if relation.source and relation.source not in sources:
            problems.append(f"{where}: unknown source {relation.source!r}")
        elif (
            relation.source
            and relation.drawn_by
            and relation.drawn_by not in sources[relation.source].authors
        ):
            problems.append(
                f"{where}: {relation.drawn_by!r} is not an author of {relation.source!r}"
            )
        problems += _dating_problems(where, relation, sources, claims)
        key = (relation.from_claim, relation.to_claim, relation.kind)
        if key in seen:
            problems.append(f"{where}: the same {relation.kind} is listed twice")
        seen.add(key)
    return problems + _undercut_problems(document, seen)


def _undercut_problems(document: DebateDocument, relations: set) -> list[str]:
    """An undercut names a claim and a relation of the files, and is credited and dated as
    a relation is: against the undercutting claim and both claims of the relation."""
    problems = []
    participants = {p.slug for p in document.participants}
    sources = {s.slug: s for s in document.sources}
    claims = {c.slug: c for c in document.claims}
    seen: set = set()
    for undercut in document.undercuts:
        target = " ".join(undercut.relation)
        where = f"{undercut.file}: undercut {undercut.from_claim} -> ({target})"
        if undercut.from_claim not in claims:
            problems.append(f"{where}: unknown claim {undercut.from_claim!r}")
        if undercut.relation not in relations:
            problems.append(f"{where}: no such relation in the files")
        if undercut.drawn_by and undercut.drawn_by not in participants:
            problems.append(f"{where}: unknown participant {undercut.drawn_by!r}")
        if undercut.source and undercut.source not in sources:
            problems.append(f"{where}: unknown source {undercut.source!r}")
        elif undercut.source and undercut.drawn_by not in {"", *sources[undercut.source].authors}:
            problems.append(
                f"{where}: {undercut.drawn_by!r} is not an author of {undercut.source!r}"
            )
        for end in (undercut.relation[0], undercut.relation[1]):
            as_relation = RelationData(
                undercut.from_claim, end, "objection", undercut.drawn_by, undercut.source, ""
            )
            problems += _dating_problems(where, as_relation, sources, claims)
        key = (undercut.from_claim, undercut.relation)
        if key in seen:
            problems.append(f"{where}: the same undercut is listed twice")
        seen.add(key)
    return list(dict.fromkeys(problems))


def _text_date(source: SourceData) -> TextDate:
    return TextDate(source.published, source.date_precision, source.date_qualifier)


def _dating_problems(
    where: str, relation: RelationData, sources: dict[str, SourceData], claims: dict
) -> list[str]:
    """A relation credited to a text that came out before a claim it joins was public."""
    text = sources.get(relation.source)
    if text is None:
        return []
    problems = []
    for end in (relation.from_claim, relation.to_claim):
        claim = claims.get(end)
        if claim is None or claim.source not in sources:
            return problems
        quoting = sources.get(claim.via)
        start = public_from(
            _text_date(sources[claim.source]), _text_date(quoting) if quoting else None
        )
        if came_out_before(_text_date(text), start):
            problems.append(
                f"{where}: credited to {relation.source!r} ({written(_text_date(text))}), "
                f"which came out before {end!r} was public ({start}): "
                "make it an editors' link or remove it"
            )
    return problems
