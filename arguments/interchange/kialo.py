"""Kialo's text exports read into a Document, and a Document written as one.

Two export formats are read (both seen in real exports: the classic one in
edoguido/Kialo-Parser and franznowak/kialoparser, the newer one in samvalli/debate-analysis
and AngeloSunn/Kialo-Dialogue-Parser; recap-utr/arguebuf-python reads the classic one the
same way):

- classic: `Discussion Title: …`, then one claim per numbered line, `1. Thesis`,
  `1.1. Pro: text`, `1.1.2. Con: text`; lines without a number continue the claim above;
  references are Markdown links, `[text](https://…)`; Markdown punctuation is escaped, `\\(`.
- newer: `Discussion Name:` with the title on the next line, `1. Thesis:` / `1.1. Pro:` on
  their own (indented) line with the text on the lines after, references as footnote marks,
  `[3]`, and a closing `Sources:` section, `[3] https://…` followed by a quoted excerpt.

Both may link a claim that stands in two places: `1.3. Con: -> See 1.1.2.`; the claim is
read once and the link becomes one more relation. A multi-thesis discussion starts with the
question, `1. Question` (or `1. Question:`), whose children are the theses (no Pro or Con):
the question is not a claim and becomes the description when it differs from the title.

Pro is a support of the parent claim, Con an objection. Kialo has no holders or dates:
claims come without holder. A reference becomes a Source titled with the reference as
written (its url when it is one; a title followed by an address, as our export writes a
source with both, is read as the two), and the claim's source when the claim cites exactly
one; the excerpt of a footnote becomes what that claim quotes when it cites that footnote
alone: its quotation up to 300 characters, its excerpt (an imported passage, kept whole)
beyond. No field's length refuses a file; only lines over 50,000 characters do. The marks
and links are taken out of the statement (a link keeps its text). A top number out of
sequence ("1990." after "1.") is read as text going on, not as a new thesis.

`to_kialo` writes the newer layout, as Kialo exports today: theses are the claims that
support or object to nothing, children are their Pros and Cons, a claim reached twice is
written once and linked with `-> See`; a claim with a source cites it with a footnote mark,
and the `Sources:` section lists, for each mark, the source's title and address and the
claim's excerpt or quotation, then every source no claim cites. Kept: statements, supports,
objections and their ends, sources (title and address), which claim cites which source and
what it quotes. Lost: holders, vias, sections, source dates, authors and venues,
translations, rephrasings, undercuts, annotations, the description, the line breaks of the
title and the spaces around each line of a statement or excerpt; who draws a relation: the
texts' own arguments and the editors' links are both written as Pro and Con (Kialo has no
place for the layer, nor for a relation's passage or justification), and readers' proposals
are left out, claims and relations, since they would come back as the texts' own arguments.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from arguments.record.files import ImportProblems

from .document import (
    QUOTATION_MAX_LENGTH,
    READERS,
    Claim,
    Document,
    Relation,
    Source,
    capped,
    long_lines,
    web_url,
)

# Every pattern here runs in time linear in the line: no quantifier inside another, and a
# pattern tried at each "[" stops at the next "[" or line break (so 200,000 "[" cost
# 200,000 steps, not 200,000 squared). Numbers "1.2.3." are read as digits and dots, then
# checked for ".." (see _number).
TITLE_LINE = re.compile(r"Discussion Title:\s*(.*)")
NAME_LINE = re.compile(r"Discussion Name:\s*(.*)")
ENTRY_LINE = re.compile(r"\s*(\d[\d.]*\.)(?:\s+|$)(?:(Pro|Con|Thesis|Question):)?\s*(.*)")
SOURCES_LINE = re.compile(r"\s*Sources:\s*")
REFERENCE_LINE = re.compile(r"\[(\d+)\]\s*(.*)")
LINK_TEXT = re.compile(r"->\s*See\s+(\d[\d.]*\.)\s*")
# [text](url); Kialo escapes brackets and parentheses inside both parts with a backslash.
MARKDOWN_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\[\]\\\n])*)\]\(((?:\\.|[^()\[\\\s])+)\)")
FOOTNOTE_MARK = re.compile(r" ?(?<!\\)\[(\d+)\]")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # Markdown: a backslash before ASCII punctuation
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # an address's "https:", "javascript:"…
KINDS = {"Pro": "support", "Con": "objection"}


@dataclass
class _Entry:
    number: str  # "1.2.3."
    label: str  # "Pro", "Con", "Thesis", "Question" or ""
    line: int
    text_lines: list[str] = field(default_factory=list)

    @property
    def parent(self) -> str:
        return self.number[: self.number[:-1].rfind(".") + 1]

    @property
    def text(self) -> str:
        return "\n".join(self.text_lines).strip("\n")


@dataclass
class _Reference:
    number: str
    text: str
    line: int
    excerpt_lines: list[str] = field(default_factory=list)

    @property
    def excerpt(self) -> str:
        excerpt = "\n".join(self.excerpt_lines).strip()
        if len(excerpt) >= 2 and excerpt[0] == excerpt[-1] == '"':
            excerpt = excerpt[1:-1]  # the export wraps excerpts in quotes
        return excerpt


def parse_kialo(text: str) -> Document:
    """The discussion in a Kialo text export, classic or newer, or ImportProblems."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ImportProblems(["the file is empty"])
    if problems := long_lines(lines):
        raise ImportProblems(capped(problems))
    title, body_start = _read_title(lines)
    problems: list[str] = []
    entries, sources_start = _read_entries(lines, body_start, problems)
    references = (
        _read_references(lines, sources_start, problems) if sources_start is not None else {}
    )
    if not entries and not problems:
        problems.append(f"line {body_start + 1}: no numbered claim follows the title")
    reader = _Reader(title, entries, references, problems)
    document = reader.document()
    if problems:
        raise ImportProblems(capped(problems))
    return document.validated()


def _read_title(lines: list[str]) -> tuple[str, int]:
    """The discussion's title and the index of the line after it."""
    first = next(i for i, line in enumerate(lines) if line.strip())
    header = lines[first].strip()
    if match := TITLE_LINE.fullmatch(header):
        title = match[1].strip()
        body_start = first + 1
    elif match := NAME_LINE.fullmatch(header):
        title = match[1].strip()
        body_start = first + 1
        if not title:  # newer exports put the title on the next line
            following = [i for i in range(first + 1, len(lines)) if lines[i].strip()]
            if following:
                title = lines[following[0]].strip()
                body_start = following[0] + 1
    else:
        raise ImportProblems(
            [
                f"line {first + 1}: expected 'Discussion Title: …' (or 'Discussion Name:'), "
                f"found {_excerpt(header)}"
            ]
        )
    if not title:
        raise ImportProblems([f"line {first + 1}: the discussion has no title"])
    return title, body_start


def _read_entries(
    lines: list[str], start: int, problems: list[str]
) -> tuple[list[_Entry], int | None]:
    """The numbered claims, and the index of the `Sources:` line if there is one."""
    entries: list[_Entry] = []
    theses = 0  # top numbers seen: "1.", "2.", …
    for index in range(start, len(lines)):
        line = lines[index]
        if SOURCES_LINE.fullmatch(line):
            return entries, index
        match = ENTRY_LINE.fullmatch(line)
        if match and not _number(match[1]):
            match = None
        # A claim's text may go on with a line like "1990. The year…": a top number out of
        # sequence continues the claim above.
        if match and entries and match[1].count(".") == 1 and match[1] != f"{theses + 1}.":
            match = None
        if match:
            number, label, rest = match[1], match[2] or "", match[3].strip()
            if number.count(".") == 1:
                theses += 1
            entries.append(_Entry(number, label, index + 1, [rest] if rest else []))
        elif entries:
            entries[-1].text_lines.append(line.strip())
        elif line.strip():
            problems.append(
                f"line {index + 1}: neither a numbered claim nor part of one: {_excerpt(line)}"
            )
    return entries, None


def _read_references(
    lines: list[str], sources_start: int, problems: list[str]
) -> dict[str, _Reference]:
    """The `Sources:` section of newer exports, by footnote number."""
    references: dict[str, _Reference] = {}
    current = None
    for index in range(sources_start + 1, len(lines)):
        line = lines[index].strip()
        if match := REFERENCE_LINE.fullmatch(line):
            number, text = match[1], match[2].strip()
            if number in references:
                problems.append(
                    f"line {index + 1}: reference [{number}] is listed twice "
                    f"(first on line {references[number].line})"
                )
                current = None
                continue
            if not text:
                problems.append(f"line {index + 1}: reference [{number}] is empty")
            current = references[number] = _Reference(number, text, index + 1)
        elif current is not None:
            current.excerpt_lines.append(line)
        elif line:
            problems.append(
                f"line {index + 1}: neither a reference ([1] …) nor part of one: {_excerpt(line)}"
            )
    return references


class _Reader:
    """Turns the numbered entries and references into claims, relations and sources."""

    def __init__(
        self,
        title: str,
        entries: list[_Entry],
        references: dict[str, _Reference],
        problems: list[str],
    ):
        self.title = title
        self.entries = entries
        self.references = references
        self.problems = problems
        self.warnings: list[str] = []
        self.by_number: dict[str, _Entry] = {}
        self.sources: dict[str, Source] = {}  # by reference text
        self.cited: set[str] = set()  # footnote numbers cited by some claim

    def document(self) -> Document:
        for entry in self.entries:
            if entry.number in self.by_number:
                first = self.by_number[entry.number].line
                self.problems.append(
                    f"line {entry.line}: number {entry.number} is used twice "
                    f"(first on line {first})"
                )
            else:
                self.by_number[entry.number] = entry
        for entry in self.entries:
            parent = entry.parent
            if parent and parent not in self.by_number:
                self.problems.append(
                    f"line {entry.line}: {entry.number} has no parent: "
                    f"no claim is numbered {parent}"
                )
        # Numbers with a thesis-like line below them, found once: asking each top line in
        # turn scanned every line, quadratic in a discussion with many theses.
        self.over_theses = {e.parent for e in self.entries if e.label in ("", "Thesis")}
        questions = {e.number for e in self.entries if self._is_question(e)}
        for reference in self.references.values():
            self._source(reference.text)  # every listed reference is kept, cited or not
        claims: list[Claim] = []
        claim_keys: dict[str, str] = {}  # entry number -> claim key
        links: dict[str, _Entry] = {}  # entry number -> the `-> See` entry
        description = ""
        for entry in self.entries:
            if self.by_number.get(entry.number) is not entry:
                continue
            if entry.number in questions:
                self._check_question(entry)
                if _unescape(entry.text) != self.title:
                    description = _unescape(entry.text)
                continue
            self._check_position(entry, questions)
            if _see(entry.text):
                links[entry.number] = entry
                if entry.label not in KINDS:
                    self.warnings.append(
                        f"line {entry.line}: {entry.number} links to another claim without "
                        "Pro or Con; no relation is drawn"
                    )
                continue
            claim = self._claim(entry)
            if claim is not None:
                claims.append(claim)
                claim_keys[entry.number] = claim.key
        for number, entry in links.items():
            target = self._link_target(entry, links, claim_keys, questions)
            if target:
                claim_keys[number] = target
        relations = self._relations(claim_keys)
        self._warn_uncited_excerpts()
        return Document(
            slug=_slug(self.title),
            title=self.title,
            description=description,
            sources=list(self.sources.values()),
            claims=claims,
            relations=relations,
            warnings=self.warnings,
        )

    def _is_question(self, entry: _Entry) -> bool:
        if entry.label == "Question":
            return True
        if entry.parent or entry.label:
            return False
        # A multi-thesis discussion: the top line stands over theses, lines without Pro or Con.
        return entry.number in self.over_theses

    def _check_question(self, entry: _Entry) -> None:
        if entry.parent:
            self.problems.append(
                f"line {entry.line}: {entry.number} is a question below {entry.parent}; "
                "only the first line of a discussion can be its question"
            )
        self.warnings.append(
            f"line {entry.line}: {entry.number} is the discussion's question, not a claim; "
            "its theses are imported as separate claims"
        )

    def _check_position(self, entry: _Entry, questions: set[str]) -> None:
        """A Pro or Con needs a parent claim; a thesis stands at the top or under the question."""
        parent = entry.parent
        if entry.label in KINDS:
            if not parent:
                self.problems.append(
                    f"line {entry.line}: {entry.number} is a {entry.label} of nothing: "
                    "it has no parent number"
                )
            elif parent in questions:
                self.problems.append(
                    f"line {entry.line}: {entry.number} is a {entry.label} of the discussion's "
                    f"question {parent}; only theses stand under the question"
                )
        elif parent and parent not in questions and parent in self.by_number:
            self.problems.append(
                f"line {entry.line}: {entry.number} is neither Pro nor Con of {parent}"
            )

    def _claim(self, entry: _Entry) -> Claim | None:
        text = entry.text
        cited: list[str] = []  # reference texts, in order
        footnotes: list[str] = []

        def link(match: re.Match) -> str:
            target = _unescape(match[2])
            if SCHEME.match(target) and not web_url(target):
                shown = target if len(target) <= 60 else target[:57] + "..."
                self.warnings.append(
                    f"line {entry.line}: {entry.number} links to {shown!r}, not an http(s) "
                    "address; the link is left out, its text kept"
                )
            else:
                cited.append(target)
            return match[1]

        def footnote(match: re.Match) -> str:
            number = match[1]
            if number not in self.references:
                self.warnings.append(
                    f"line {entry.line}: {entry.number} cites [{number}], which the Sources "
                    "section does not list; the mark is kept in the statement"
                )
                return match[0]
            footnotes.append(number)
            cited.append(self.references[number].text)
            return ""

        text = MARKDOWN_LINK.sub(link, text)
        if self.references:
            text = FOOTNOTE_MARK.sub(footnote, text)
        statement = _unescape(text).strip()
        if not statement:
            self.problems.append(f"line {entry.line}: {entry.number} has no text")
            return None
        claim = Claim(key=_claim_key(entry.number), statement=statement)
        self.cited.update(footnotes)
        sources = list(dict.fromkeys(self._source(reference).key for reference in cited))
        if len(sources) == 1:
            claim.source = sources[0]
            excerpts = [self.references[n].excerpt for n in dict.fromkeys(footnotes)]
            if len(excerpts) == 1 and len(excerpts[0]) > QUOTATION_MAX_LENGTH:
                claim.excerpt = excerpts[0]  # kept whole: a passage, not one of our quotations
            elif len(excerpts) == 1:
                claim.quotation = excerpts[0]
            elif any(excerpts):
                self.warnings.append(
                    f"line {entry.line}: {entry.number} cites {len(excerpts)} excerpts of one "
                    "source; none is kept as its quotation"
                )
        elif len(sources) > 1:
            titles = ", ".join(
                source.title for source in self.sources.values() if source.key in sources
            )
            self.warnings.append(
                f"line {entry.line}: {entry.number} cites {len(sources)} sources ({titles}); "
                "Kialo does not say which one states it, so it gets no source"
                + (
                    " and their excerpts are not kept"
                    if any(self.references[n].excerpt for n in footnotes)
                    else ""
                )
            )
        return claim

    def _link_target(
        self,
        entry: _Entry,
        links: dict[str, _Entry],
        claim_keys: dict[str, str],
        questions: set[str],
    ) -> str:
        """The claim a `-> See` line stands for (following links to links), or ""."""
        seen = {entry.number}
        current = entry
        written = _see(entry.text)
        while True:
            target = _see(current.text)
            if target in links and target not in seen:
                seen.add(target)
                current = links[target]
                continue
            if target in claim_keys:
                return claim_keys[target]
            if target in questions:
                what = "the discussion's question"
            elif target in seen:
                what = "a loop of links"
            else:
                what = "no claim"
            self.problems.append(
                f"line {entry.line}: {entry.number} '-> See {written}' points to {what}"
            )
            return ""

    def _relations(self, claim_keys: dict[str, str]) -> list[Relation]:
        relations: list[Relation] = []
        drawn: dict[tuple[str, str, str], _Entry] = {}
        for entry in self.entries:
            kind = KINDS.get(entry.label)
            if not kind or self.by_number.get(entry.number) is not entry:
                continue
            from_claim = claim_keys.get(entry.number)
            to_claim = claim_keys.get(entry.parent)
            if not from_claim or not to_claim:
                continue  # its problem is already reported
            if from_claim == to_claim:
                self.problems.append(
                    f"line {entry.line}: {entry.number} would make claim {from_claim!r} "
                    f"a {entry.label} of itself"
                )
                continue
            ends = (from_claim, to_claim, kind)
            if ends in drawn:
                self.warnings.append(
                    f"line {entry.line}: {entry.number} repeats the {kind} of line "
                    f"{drawn[ends].line} ({drawn[ends].number}); kept once"
                )
                continue
            drawn[ends] = entry
            relations.append(
                Relation(
                    key=f"relation-{entry.number[:-1].replace('.', '-')}",
                    from_claim=from_claim,
                    to_claim=to_claim,
                    kind=kind,
                )
            )
        return relations

    def _source(self, reference: str) -> Source:
        if reference not in self.sources:
            title, url = _title_and_url(reference)
            self.sources[reference] = Source(
                key=f"source-{len(self.sources) + 1}",
                title=title,
                url=url,
                language="",  # Kialo does not say; nothing is invented
            )
        return self.sources[reference]

    def _warn_uncited_excerpts(self) -> None:
        for number, reference in self.references.items():
            if number not in self.cited and reference.excerpt:
                self.warnings.append(
                    f"line {reference.line}: reference [{number}] is cited by no claim; "
                    "its excerpt is not kept"
                )


def _title_and_url(reference: str) -> tuple[str, str]:
    """A reference's title and address: an address alone is both; a title followed by an
    address (as our export writes a source with both) is split; anything else is a title."""
    if web_url(reference):
        return reference, reference
    title, _, last = reference.rpartition(" ")
    if title.strip() and web_url(last):
        return title.strip(), last
    return reference, ""


def _number(written: str) -> bool:
    """Whether "1.2.3." is a claim's number: digits, each group closed by one dot."""
    return ".." not in written


def _see(text: str) -> str | None:
    """The number a `-> See 1.2.` line points to, or None when the text is no such line."""
    match = LINK_TEXT.fullmatch(text)
    return match[1] if match and _number(match[1]) else None


def _claim_key(number: str) -> str:
    return "kialo-" + number[:-1].replace(".", "-")


def _unescape(text: str) -> str:
    return ESCAPED.sub(r"\1", text)


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:50].strip("-") or "kialo"


def _excerpt(line: str) -> str:
    line = line.strip()
    return repr(line if len(line) <= 60 else line[:57] + "...")


_LABELS = {"support": "Pro", "objection": "Con"}
# Kialo indents each level by two spaces; past this depth the lines are no longer indented
# further, or a long chain would make a file that grows with the square of its depth.
MAX_INDENT_LEVEL = 20


def to_kialo(document: Document) -> str:
    """The document in Kialo's newer text layout, Sources section included (what it keeps:
    see the module)."""
    claims = {c.key: c for c in document.claims if c.proposed_at is None}
    sources = {source.key: source for source in document.sources}
    children: dict[str, list[Relation]] = defaultdict(list)
    bears_on_something: set[str] = set()
    for relation in document.relations:
        if (
            relation.kind in _LABELS
            and relation.layer != READERS
            and relation.from_claim in claims
            and relation.to_claim in claims
        ):
            children[relation.to_claim].append(relation)
            bears_on_something.add(relation.from_claim)
    lines = ["Discussion Name:", " ".join(document.title.split()) or document.slug, ""]
    written: dict[str, str] = {}  # claim key -> its number
    references: list[tuple[str, str]] = []  # (reference as written, excerpt), by footnote
    cited: set[str] = set()  # source keys

    def entry(number: str, label: str, text_lines: list[str]) -> None:
        indent = "  " * min(number.count(".") - 1, MAX_INDENT_LEVEL)
        lines.append(f"{indent}{number} {label}:")
        lines.extend(f"{indent}{line}" if line else "" for line in text_lines)
        lines.append("")

    def write(key: str, number: str, label: str) -> None:
        """The claim and its arguments, depth first; a stack, not recursion, so a chain of
        any length is written."""
        stack = [(key, number, label)]
        while stack:
            key, number, label = stack.pop()
            if label and key in written:
                entry(number, label, [f"-> See {written[key]}"])
                continue
            written[key] = number
            claim = claims[key]
            text_lines = [_escape(line) for line in claim.statement.strip().split("\n")]
            source = sources.get(claim.source)
            if source is not None:
                references.append((_reference(source), _excerpt_of(claim)))
                cited.add(source.key)
                text_lines[-1] += f" [{len(references)}]"
            entry(number, label or "Thesis", text_lines)
            arguments = [
                (relation.from_claim, f"{number}{position}.", _LABELS[relation.kind])
                for position, relation in enumerate(children[key], start=1)
            ]
            stack.extend(reversed(arguments))

    theses = [key for key in claims if key not in bears_on_something]
    top = 0
    # Claims caught in a loop of relations reach no thesis: each loop starts a thesis of its own.
    for key in theses + list(claims):
        if key not in written:
            top += 1
            write(key, f"{top}.", "")
    # Sources no written claim cites are listed too, so that every source comes back.
    references += [(_reference(s), "") for s in document.sources if s.key not in cited]
    if references:
        lines.append("Sources:")
        for number, (reference, excerpt) in enumerate(references, start=1):
            lines.append(f"[{number}] {reference}")
            if excerpt:
                lines.extend(_quoted(excerpt))
    return "\n".join(lines).rstrip("\n") + "\n"


def _reference(source: Source) -> str:
    """A source as a Kialo reference: its title and its address on one line (read back as
    such), or whichever of the two it has."""
    title = " ".join(source.title.split())
    url = " ".join(source.url.split())
    if not url or title == url:
        return title or url
    return f"{title} {url}" if title else url


def _excerpt_of(claim: Claim) -> str:
    return claim.excerpt or claim.quotation


def _quoted(excerpt: str) -> list[str]:
    """An excerpt in quotes, as Kialo writes it, one line per line. A line that would read
    as a new reference (`[2] …`) is joined to the line before it: Kialo has no escape there."""
    quoted: list[str] = []
    for line in f'"{excerpt.strip()}"'.split("\n"):
        line = line.strip()
        if quoted and REFERENCE_LINE.fullmatch(line):
            quoted[-1] += " " + line
        else:
            quoted.append(line)
    return quoted


def _escape(line: str) -> str:
    """A statement's line, escaped so that it reads back as text and not as structure."""
    line = re.sub(r"([\\\[\]()])", r"\\\1", line.strip())
    line = re.sub(r"^(\d[\d.]*)\.(?=\s|$)", r"\1\\.", line)  # not a numbered line
    line = re.sub(r"^(Pro|Con|Thesis|Question):", r"\1\\:", line)  # not a label
    line = re.sub(r"^->", r"-\\>", line)  # not a link
    line = re.sub(r"^Sources:$", r"Sources\\:", line)  # not the start of the references
    line = re.sub(r"^Discussion (Title|Name):", r"Discussion \1\\:", line)
    return line
