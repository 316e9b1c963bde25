"""Argdown (https://argdown.org) text read into a `Document` and written from one."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from arguments.record.files import ImportProblems, not_text_problem
from arguments.record.fixture_format import parse_date

from .document import (
    Claim,
    Document,
    Participant,
    Relation,
    Source,
    Undercut,
    capped,
    kept_url,
    long_lines,
)

# Data keys our own export writes on a statement; any other key is reported.
CLAIM_DATA_KEYS = (
    "holder",
    "source",
    "via",
    "quotation",
    "section",
    "paragraph",
    "statement_en",
    "statement",  # the exact text, when Argdown text cannot carry it (line breaks, edge spaces)
    "rephrases",  # titles this claim restates: Argdown has no restatement relation
    "undercuts",  # [from title, kind, to title] of relations whose inference this claim attacks
    # Argdown has no layers: [kind, to title, justification(, English)] of this claim's
    # relations that the editors draw (["undercut", from title, kind, to title, justification
    # (, English)] for an undercut), [kind, to title] of those readers proposed, and
    # [kind, to title, passage] of the text's words that make a relation.
    "editors",
    "readers",
    "passages",
)
FRONT_MATTER_KEYS = ("title", "description", "participants", "sources")

# Relation symbols at the start of a line, longest first. "in": the child (the element after
# the symbol) bears on the parent above it; "out": the parent bears on the child.
RELATION_SYMBOLS = (
    ("+>", "out", "support"),
    ("->", "out", "objection"),
    ("_>", "out", "undercut"),
    ("<+", "in", "support"),
    ("<-", "in", "objection"),
    ("<_", "in", "undercut"),
    ("><", "both", "contradiction"),
    ("+", "in", "support"),
    ("-", "in", "objection"),
)

# Stand-ins for data blocks inside the text once comments and data are taken out.
DATA_OPEN, DATA_CLOSE = "\ue000", "\ue001"
# The patterns run in time linear in the line: no quantifier inside another, none crosses a
# line break, and one tried at each "[" (or "#(") stops at the next "[" (or "("), the
# address of a link too, so a line
# of 200,000 "[" costs 200,000 steps, not 200,000 squared.
DATA_MARKER = re.compile(f"{DATA_OPEN}(\\d+){DATA_CLOSE}")
TAG = re.compile(r"#(?:\(([^()\n]+)\)|([\w-]+))[ \t]?")
LINK = re.compile(r"\[[^\[\]\n]+\]\([^)\[\n]+\)")
HEADING = re.compile(r"(#+) (.*)")
PCS_LINE = re.compile(r"\(\d+\)|--")
LIST_ITEM = re.compile(r"\s+(?:\*|\d+\.)\s")
DIRECTIVE = re.compile(r"@\w")
# Characters that can start something while scanning (an escape, a comment, a link, a data
# block, a line end, our stand-ins); runs of the others are copied at once.
PLAIN = re.compile(r"[^\\<\[{/\n" + DATA_OPEN + DATA_CLOSE + "]+")
# YAML read from a file: the front matter and each data block, at most this long.
FRONT_MATTER_MAX_LENGTH = 100_000
DATA_MAX_LENGTH = 20_000
YAML_MAX_DEPTH = 20


class _YamlLoader(yaml.SafeLoader):
    """yaml.SafeLoader without anchors and aliases, nested at most YAML_MAX_DEPTH deep: a
    few lines of aliases to aliases (a "billion laughs") make billions of items, and our
    files never need either."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _refused("aliases (*name) are not accepted", event)
        if getattr(event, "anchor", None) is not None:
            raise _refused("anchors (&name) are not accepted", event)
        if self.depth >= YAML_MAX_DEPTH:
            raise _refused(f"nested more than {YAML_MAX_DEPTH} levels deep", event)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _refused(problem: str, event) -> yaml.YAMLError:
    return yaml.composer.ComposerError(None, None, problem, event.start_mark)


def _load_yaml(text: str):
    """The YAML value, read by _YamlLoader; yaml.YAMLError when it cannot be, including
    text no string may hold (NUL, a lone surrogate written \\ud800)."""
    loader = _YamlLoader(text)
    try:
        value = loader.get_single_data()
    except ValueError as error:  # an integer of more than 4,300 digits
        raise yaml.YAMLError(str(error)) from None
    finally:
        loader.dispose()
    problem = not_text_problem(value)
    if problem:
        raise yaml.YAMLError(problem)
    return value


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Element:
    """A statement or argument as met in the text, under its title."""

    kind: str  # "statement", "argument" or "untitled"
    title: str
    line: int
    text: str = ""
    text_line: int = 0
    section: str = ""
    tags: list[tuple[str, int]] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    data_lines: dict = field(default_factory=dict)
    key: str = ""


@dataclass
class _Bearing:
    """A relation symbol between two elements, before keys are known."""

    child: _Element
    parent: _Element
    direction: str
    kind: str
    line: int


class _Reader:
    def __init__(self, title: str) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.document = Document(slug="", title=title)
        self.elements: dict[tuple[str, str], _Element] = {}
        self.bearings: list[_Bearing] = []
        self.data_blocks: list[tuple[int, str]] = []
        self.section = ""

    # --- front matter -------------------------------------------------------------------

    def front_matter(self, lines: list[str]) -> list[str]:
        """Read the `===` block at the top; the lines with it blanked out."""
        start = next((i for i, line in enumerate(lines) if line.strip()), None)
        if start is None or not lines[start].startswith("==="):
            return lines
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("===")), None)
        if end is None:
            self.problems.append(f"line {start + 1}: the front matter opened by === is not closed")
            return lines
        size = sum(len(line) + 1 for line in lines[start + 1 : end])
        if size > FRONT_MATTER_MAX_LENGTH:
            self.problems.append(
                f"line {start + 1}: the front matter is {size:,} characters long; "
                f"at most {FRONT_MATTER_MAX_LENGTH:,} are read"
            )
            return [""] * (end + 1) + lines[end + 1 :]
        try:
            data = _load_yaml("\n".join(lines[start + 1 : end])) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = start + 2 + mark.line if mark else start + 1
            problem = getattr(error, "problem", None) or str(error)
            self.problems.append(f"line {line}: the front matter is not valid YAML: {problem}")
            data = {}
        if not isinstance(data, dict):
            self.problems.append(f"line {start + 1}: the front matter is not a YAML mapping")
            data = {}
        self.read_front_matter(data, start + 1)
        return [""] * (end + 1) + lines[end + 1 :]

    def read_front_matter(self, data: dict, line: int) -> None:
        where = f"front matter (line {line})"
        document = self.document
        if data.get("title"):
            document.title = str(data["title"])
        if data.get("description"):
            document.description = str(data["description"])
        for number, item in enumerate(data.get("participants") or [], 1):
            if not isinstance(item, dict) or not item.get("key") or not item.get("name"):
                self.problems.append(f"{where}: participant {number} needs a key and a name")
                continue
            document.participants.append(
                Participant(
                    key=str(item["key"]),
                    name=str(item["name"]),
                    kind=str(item.get("kind") or "person"),
                    description=str(item.get("description") or ""),
                )
            )
        for number, item in enumerate(data.get("sources") or [], 1):
            if not isinstance(item, dict) or not item.get("key") or not item.get("title"):
                self.problems.append(f"{where}: source {number} needs a key and a title")
                continue
            source = Source(
                key=str(item["key"]),
                title=str(item["title"]),
                authors=[str(a) for a in item.get("authors") or []],
                venue=str(item.get("venue") or ""),
                url=kept_url(
                    str(item.get("url") or ""), f"{where}: source {number}", self.warnings
                ),
                date_qualifier=str(item.get("date_qualifier") or "exact"),
                language=str(item.get("language") or "fr"),
            )
            if item.get("date"):
                try:
                    source.published, source.date_precision = parse_date(item["date"])
                except ValueError:
                    self.problems.append(
                        f"{where}: source {source.key!r} has date {item['date']!r}, "
                        "not YYYY, YYYY-MM or YYYY-MM-DD"
                    )
            document.sources.append(source)
        others = [str(key) for key in data if key not in FRONT_MATTER_KEYS]
        if others:
            self.warnings.append(f"{where}: keys not kept: {', '.join(others)}")

    # --- comments and data blocks ---------------------------------------------------------

    def scan(self, text: str) -> list[_Line]:
        """Lines with comments removed and data blocks replaced by markers. A data block or
        comment spanning lines joins them, as in Argdown; lines holding only a comment go."""
        lines: list[_Line] = []
        buffer: list[str] = []
        physical = start = 1
        had_comment = False
        i, n = 0, len(text)
        while i < n:
            if plain := PLAIN.match(text, i):  # a run of ordinary text, taken whole
                run = plain[0]
                words = run.rstrip()
                # Trailing spaces apart: "a /* b */ c" reads "a c" (see below).
                buffer.extend(part for part in (words, run[len(words) :]) if part)
                i = plain.end()
                continue
            char = text[i]
            if char == "\\" and i + 1 < n and text[i + 1] != "\n":
                buffer.append(text[i : i + 2])
                i += 2
                continue
            if char in (DATA_OPEN, DATA_CLOSE):  # our stand-ins, met in the text itself
                buffer.append("\\" + char)
                i += 1
                continue
            comment_end = None
            if text.startswith("<!--", i):
                comment_end = text.find("-->", i + 4)
                closing = 3
            elif text.startswith("/*", i):
                comment_end = text.find("*/", i + 2)
                closing = 2
            elif text.startswith("//", i):
                comment_end, closing = text.find("\n", i), 0
                if comment_end == -1:
                    comment_end = n
            if comment_end is not None:
                if comment_end == -1:
                    self.problems.append(f"line {physical}: the comment is not closed")
                    break
                physical += text.count("\n", i, comment_end)
                had_comment = True
                i = comment_end + closing
                if buffer and buffer[-1].isspace():  # "a /* b */ c" reads "a c"
                    while i < n and text[i] in " \t":
                        i += 1
                continue
            link = LINK.match(text, i) if char == "[" else None
            if link:  # a Markdown link: its "//" starts no comment
                buffer.append(link[0])
                i = link.end()
                continue
            if char == "{":
                end = _data_end(text, i)
                if end is None:
                    self.problems.append(
                        f"line {physical}: '{{' opens a data block that is not closed "
                        "(write \\{ for a brace in a text)"
                    )
                    break
                self.data_blocks.append((physical, text[i : end + 1]))
                buffer.append(f"{DATA_OPEN}{len(self.data_blocks) - 1}{DATA_CLOSE}")
                physical += text.count("\n", i, end)
                i = end + 1
                continue
            if char == "\n":
                line = "".join(buffer)
                if line.strip() or not had_comment:
                    lines.append(_Line(start, line))
                buffer, had_comment = [], False
                physical += 1
                start = physical
            else:
                buffer.append(char)
            i += 1
        line = "".join(buffer)
        if line.strip() or not had_comment:
            lines.append(_Line(start, line))
        return lines

    def data(self, index: int) -> dict:
        line, raw = self.data_blocks[index]
        if len(raw) > DATA_MAX_LENGTH:
            self.problems.append(
                f"line {line}: the data block is {len(raw):,} characters long; "
                f"at most {DATA_MAX_LENGTH:,} are read"
            )
            return {}
        # Argdown reads `{` followed by a line break as a YAML block between the braces.
        block = raw[1:].lstrip(" \t").startswith("\n")
        try:
            value = _load_yaml(raw[1:-1] if block else raw)
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or str(error)
            self.problems.append(f"line {line}: the data block is not valid YAML: {problem}")
            return {}
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problems.append(f"line {line}: the data block is not a YAML mapping")
            return {}
        return value

    # --- inline text ----------------------------------------------------------------------

    def inline(self, raw: str, line: int) -> tuple[str, list[str], list[int]]:
        """Text with escapes undone, tags and data markers taken out."""
        out: list[str] = []
        tags: list[str] = []
        data: list[int] = []
        # Where each closer last stands: a mention "@<" with no ">" after it is not looked
        # for again at the next "@<" (which would make a line of them quadratic).
        last = {"]": raw.rfind("]"), ">": raw.rfind(">")}
        i = 0
        while i < len(raw):
            char = raw[i]
            if char == "\\" and i + 1 < len(raw):
                out.append(raw[i + 1])
                i += 2
                continue
            if char == DATA_OPEN:
                match = DATA_MARKER.match(raw, i)
                data.append(int(match[1]))
                i = match.end()
                continue
            if char == "#" and (match := TAG.match(raw, i)):
                tags.append((match[1] or match[2]).strip())
                i = match.end()
                continue
            if char == "@" and raw[i + 1 : i + 2] in ("[", "<"):
                closer = "]" if raw[i + 1] == "[" else ">"
                end = raw.find(closer, i + 2) if last[closer] >= i + 2 else -1
                if end != -1:  # a mention: kept as written, as Argdown keeps it in the text
                    out.append(raw[i : end + 1])
                    i = end + 1
                    continue
            if char == "[":
                end = raw.find("]", i + 1)
                if end == -1:
                    self.problems.append(
                        f"line {line}: '[' is not closed on its line (write \\[ for a bracket)"
                    )
                    out.append(raw[i:])
                    break
                link = LINK.match(raw, i)
                if link:
                    end = link.end() - 1
                else:
                    self.warnings.append(
                        f"line {line}: {raw[i : end + 1]} inside a text is kept as plain text"
                    )
                out.append(raw[i : end + 1])
                i = end + 1
                continue
            out.append(char)
            i += 1
        return "".join(out).strip(), tags, data

    # --- blocks and relation trees ----------------------------------------------------------

    def blocks(self, lines: list[_Line]) -> None:
        block: list[_Line] = []
        for line in [*lines, _Line(0, "")]:
            if line.text.strip():
                block.append(line)
            elif block:
                self.block(block)
                block = []

    def block(self, block: list[_Line]) -> None:
        # Headings and directives at the top of a block are read one after the other: a
        # loop, not recursion nor copies of the rest, so 100,000 of them are read in turn.
        for position, first in enumerate(block):
            stripped = first.text.strip()
            if HEADING.match(first.text):
                self.heading(first)
            elif PCS_LINE.match(stripped):
                self.warnings.append(
                    f"lines {first.number}-{block[-1].number}: a premise-conclusion structure "
                    "is not modelled; its statements and inferences are left out"
                )
                return
            elif DIRECTIVE.match(stripped):
                self.warnings.append(f"line {first.number}: the directive {stripped!r} is left out")
            else:
                self.statements(block[position:])
                return

    def heading(self, first: _Line) -> None:
        text, tags, data = self.inline(HEADING.match(first.text)[2], first.number)
        self.section = text
        if tags:
            self.warnings.append(
                f"line {first.number}: tags on a heading are not kept: "
                + ", ".join(f"#{t}" for t in tags)
            )
        for index in data:
            keys = ", ".join(str(k) for k in self.data(index))
            self.warnings.append(f"line {first.number}: data on a heading is not kept: {keys}")

    def statements(self, block: list[_Line]) -> None:
        """A list of statements, or one relation tree."""
        first = block[0]
        if LIST_ITEM.match(first.text):
            self.warnings.append(
                f"lines {first.number}-{block[-1].number}: a list; its items are read as "
                "separate statements and the list itself is not kept"
            )
            items: list[list[_Line]] = []
            for line in block:
                if LIST_ITEM.match(line.text) or not items:
                    items.append([_Line(line.number, LIST_ITEM.sub("", line.text, count=1))])
                else:
                    items[-1].append(line)
            for item in items:
                self.tree(item)
            return
        self.tree(block)

    def tree(self, block: list[_Line]) -> None:
        """A top-level element and the relation tree below it."""
        items: list[tuple[int, tuple | None, list[_Line]]] = []
        for position, line in enumerate(block):
            stripped = line.text.lstrip()
            indent = len(line.text) - len(stripped)
            if position and PCS_LINE.match(stripped):
                self.warnings.append(
                    f"lines {line.number}-{block[-1].number}: a premise-conclusion structure "
                    "is not modelled; its statements and inferences are left out"
                )
                break
            symbol = _relation_symbol(stripped)
            if symbol is None and position:
                items[-1][2].append(_Line(line.number, stripped))  # hard-wrapped text
                continue
            if symbol is not None and not position:
                self.problems.append(
                    f"line {line.number}: the relation {symbol[0]!r} has no statement or "
                    "argument above it (an empty line ends a relation tree)"
                )
                return
            rest = stripped[len(symbol[0]) :] if symbol else stripped
            items.append((indent, symbol, [_Line(line.number, rest.strip())]))
        parents: list[tuple[int, _Element | None]] = []
        for position, (indent, symbol, lines) in enumerate(items):
            while parents and parents[-1][0] >= indent:
                parents.pop()
            if position and not parents:
                self.problems.append(
                    f"line {lines[0].number}: the relation {symbol[0]!r} has no parent above "
                    "it: indent it more than the line it bears on"
                )
                return
            has_children = position + 1 < len(items)
            element = self.element(lines, is_root=not position, has_children=has_children)
            if position and element is not None and parents[-1][1] is not None:
                _, direction, kind = symbol
                self.bearings.append(
                    _Bearing(element, parents[-1][1], direction, kind, lines[0].number)
                )
            parents.append((indent, element))

    def element(self, lines: list[_Line], is_root: bool, has_children: bool) -> _Element | None:
        first = lines[0]
        head = first.text
        kind, title, defines = "untitled", "", True
        for opening, closing, name in (("[", "]", "statement"), ("<", ">", "argument")):
            if not head.startswith(opening) or (name == "statement" and LINK.match(head)):
                continue
            match = re.match(re.escape(opening) + r"(.+?)" + re.escape(closing), head)
            if not match:
                if name == "statement":
                    self.problems.append(f"line {first.number}: '[' is not closed on its line")
                    return None
                continue  # a lone "<" is text
            kind, title = name, match[1].strip()
            defines = head[match.end() : match.end() + 1] == ":"
            head = head[match.end() + int(defines) :]
            break
        texts, tags, data = [], [], []
        for number, raw in [(first.number, head)] + [
            (line.number, line.text) for line in lines[1:]
        ]:
            text, line_tags, line_data = self.inline(raw, number)
            if text:
                texts.append(text)
            tags += [(tag, number) for tag in line_tags]
            data += line_data
        text = " ".join(texts)
        if kind == "untitled":
            if not text:
                if tags or data:
                    self.warnings.append(
                        f"line {first.number}: tags or data with no statement are left out"
                    )
                return None
            if is_root and not has_children:
                self.warnings.append(
                    f"line {first.number}: text without a title or relations is taken as "
                    f"commentary, not as a claim: {_excerpt(text)}"
                )
                return None
            title = str(first.number)
        elif text and not defines:
            self.warnings.append(
                f"line {first.number}: text after the reference {_head_of(kind, title)} is not "
                f"part of any statement and is left out: {_excerpt(text)}"
            )
            text = ""
        element = self.elements.get((kind, title))
        if element is None:
            element = self.elements[(kind, title)] = _Element(kind, title, first.number)
        if text:
            if not element.text:
                element.text, element.text_line, element.section = text, first.number, self.section
            elif text != element.text:
                what = "description" if kind == "argument" else "text"
                self.warnings.append(
                    f"line {first.number}: {_head_of(kind, title)} is given a second {what}, "
                    f"left out (the one from line {element.text_line} is kept): {_excerpt(text)}"
                )
        element.tags += tags
        for index in data:
            for key, value in self.data(index).items():
                if key in element.data and element.data[key] != value:
                    self.warnings.append(
                        f"line {self.data_blocks[index][0]}: {_head_of(kind, title)} is given "
                        f"{key!r} a second time; the value from line "
                        f"{element.data_lines[key]} is kept"
                    )
                    continue
                element.data[key] = value
                element.data_lines[key] = self.data_blocks[index][0]
        return element

    # --- the document -----------------------------------------------------------------------

    def finish(self) -> Document:
        document = self.document
        if not self.elements and not self.problems:
            self.problems.append("the file holds no statement or argument")
        if self.problems:
            raise ImportProblems(capped(self.problems))
        taken: set[str] = set()
        for element in self.elements.values():
            if element.kind == "untitled":
                continue
            key = element.title
            if key in taken:  # an argument titled like a statement
                key = f"{element.title} (argument)"
            element.key = key
            taken.add(key)
        for element in self.elements.values():
            if element.kind == "untitled":
                key, number = f"line-{element.line}", 2
                while key in taken:
                    key, number = f"line-{element.line}-{number}", number + 1
                element.key = key
                taken.add(key)
        by_name: dict[str, list[str]] = defaultdict(list)
        for participant in document.participants:
            by_name[participant.name].append(participant.key)
        participants = {p.key for p in document.participants}
        unused_tags: dict[str, list[int]] = defaultdict(list)
        # Claims in the order their texts come, as they were listed when exported.
        for element in sorted(self.elements.values(), key=lambda e: e.text_line or e.line):
            claim = self.claim(element, participants)
            for tag, line in element.tags:
                keys = by_name.get(tag, [])
                if len(keys) == 1 and not claim.holder:
                    claim.holder = keys[0]
                elif len(keys) == 1 and claim.holder == keys[0]:
                    continue
                elif keys:
                    self.warnings.append(
                        f"line {line}: the tag #{tag} names a participant but "
                        f"{_head_of(element.kind, element.title)} already has holder "
                        f"{claim.holder!r}; the tag is not kept"
                    )
                else:
                    unused_tags[tag].append(line)
            document.claims.append(claim)
        for tag, lines in unused_tags.items():
            written = f"#{tag}" if TAG.fullmatch(f"#{tag}") else f"#({tag})"
            self.warnings.append(
                f"tag {written} (lines {', '.join(map(str, lines))}) names no participant "
                "and is not kept"
            )
        self.relations()
        document.warnings = self.warnings
        return document.validated()

    def claim(self, element: _Element, participants: set[str]) -> Claim:
        where = f"line {element.line}: {_head_of(element.kind, element.title)}"
        statement = element.text
        if not statement:
            statement = element.title
            what = "description" if element.kind == "argument" else "text"
            self.warnings.append(f"{where} is never given a {what}; its title stands for it")
        claim = Claim(key=element.key, statement=statement, section=element.section)
        data = element.data
        others = [str(key) for key in data if key not in CLAIM_DATA_KEYS]
        if others:
            self.warnings.append(f"{where}: data keys not kept: {', '.join(others)}")
        exact = data.get("statement")
        if isinstance(exact, str) and exact.strip():
            if " ".join(exact.split()) == " ".join(statement.split()):
                claim.statement = exact
            else:
                self.warnings.append(
                    f"{where}: its data 'statement' differs from its text; the text is kept"
                )
        sources = {s.key for s in self.document.sources}
        names = {p.name: p.key for p in self.document.participants}
        for name, known in (("holder", participants), ("source", sources), ("via", sources)):
            value = data.get(name)
            if value in (None, ""):
                continue
            value = str(value)
            if name == "holder" and value not in known and value in names:
                value = names[value]
            if value in known:
                setattr(claim, name, value)
            else:
                self.warnings.append(
                    f"{where}: {name} {value!r} is not declared in the front matter; left out"
                )
        for name in ("quotation", "statement_en", "section"):
            if data.get(name) not in (None, ""):
                setattr(claim, name, str(data[name]))
        paragraph = data.get("paragraph")
        if paragraph not in (None, ""):
            written = str(paragraph)
            if (isinstance(paragraph, int) or written.isdigit()) and len(written) <= 9:
                claim.paragraph = int(paragraph)
            else:
                self.warnings.append(f"{where}: paragraph {paragraph!r} is not a number")
        return claim

    def relations(self) -> None:
        document = self.document
        seen: dict[tuple[str, str, str], int] = {}
        undercut_targets: list[tuple[str, str, int]] = []  # (from claim, parent claim, line)

        def add(from_claim: str, to_claim: str, kind: str, line: int) -> None:
            if from_claim == to_claim:
                self.warnings.append(f"line {line}: {from_claim!r} bears on itself; left out")
                return
            ends = (from_claim, to_claim, kind)
            if ends in seen:
                self.warnings.append(
                    f"line {line}: the {kind} of {from_claim!r} for {to_claim!r} is stated "
                    f"again (first on line {seen[ends]}); kept once"
                )
                return
            seen[ends] = line
            key = f"{from_claim} {kind} {to_claim}"
            document.relations.append(Relation(key, from_claim, to_claim, kind))

        for bearing in self.bearings:
            child, parent = bearing.child.key, bearing.parent.key
            source, target = (child, parent) if bearing.direction == "in" else (parent, child)
            if bearing.kind == "contradiction":
                self.warnings.append(
                    f"line {bearing.line}: the contradiction between {parent!r} and {child!r} "
                    "is kept as an objection each way"
                )
                add(child, parent, "objection", bearing.line)
                add(parent, child, "objection", bearing.line)
            elif bearing.kind == "undercut":
                undercut_targets.append((source, target, bearing.line))
            else:
                add(source, target, bearing.kind, bearing.line)
        titles = {}
        for element in self.elements.values():
            if element.kind != "untitled":
                titles.setdefault(element.title, element.key)
        for element in self.elements.values():
            line = element.data_lines.get("rephrases", element.line)
            for title in _strings(element.data.get("rephrases")):
                if title in titles:
                    add(element.key, titles[title], "rephrase", line)
                else:
                    self.warnings.append(f"line {line}: rephrases {title!r}, which is not defined")
        relations = {(r.from_claim, r.kind, r.to_claim): r for r in document.relations}
        undercut_keys: set[str] = set()

        def add_undercut(from_claim: str, relation: Relation, line: int) -> None:
            key = f"{from_claim} undercuts {relation.key}"
            if key in undercut_keys:
                self.warnings.append(f"line {line}: the undercut {key!r} is stated again")
                return
            undercut_keys.add(key)
            document.undercuts.append(Undercut(key, from_claim, relation.key))

        for element in self.elements.values():
            line = element.data_lines.get("undercuts", element.line)
            for entry in element.data.get("undercuts") or []:
                ends = _strings(entry)
                found = None
                if len(ends) == 3 and ends[0] in titles and ends[2] in titles:
                    found = relations.get((titles[ends[0]], ends[1], titles[ends[2]]))
                if found is None:
                    self.warnings.append(f"line {line}: undercut of {entry!r}: no such relation")
                else:
                    add_undercut(element.key, found, line)
        outgoing_of: dict[str, list[Relation]] = defaultdict(list)
        for relation in document.relations:
            if relation.kind in ("support", "objection"):
                outgoing_of[relation.from_claim].append(relation)
        for from_claim, target, line in undercut_targets:
            outgoing = outgoing_of[target]
            if len(outgoing) != 1:
                self.warnings.append(
                    f"line {line}: {from_claim!r} undercuts {target!r}, which has "
                    f"{len(outgoing)} outgoing supports and objections instead of one; "
                    "the undercut is left out"
                )
                continue
            add_undercut(from_claim, outgoing[0], line)
        self.layers(titles)

    def layers(self, titles: dict[str, str]) -> None:
        """The layers and passages a claim's data gives its relations: everything else is
        the text's own argument. A reader's proposal is left out (it has no reader here)."""
        relations = {(r.from_claim, r.kind, r.to_claim): r for r in self.document.relations}
        undercuts = {u.key: u for u in self.document.undercuts}
        proposals = set()
        for element in self.elements.values():
            for name, size in (("editors", (3, 4)), ("readers", (2,)), ("passages", (3,))):
                line = element.data_lines.get(name, element.line)
                for entry in element.data.get(name) or []:
                    ends = _strings(entry)
                    found = None
                    if name == "editors" and ends[:1] == ["undercut"] and len(ends) in (5, 6):
                        # ["undercut", from title, kind, to title, why(, English)]
                        target = relations.get((titles.get(ends[1]), ends[2], titles.get(ends[3])))
                        key = f"{element.key} undercuts {target.key}" if target else ""
                        found, ends = undercuts.get(key), ends[2:]
                    elif len(ends) in size and ends[1] in titles:
                        found = relations.get((element.key, ends[0], titles[ends[1]]))
                    if found is None:
                        self.warnings.append(
                            f"line {line}: {name} entry {entry!r}: no such relation"
                        )
                    elif name == "editors":
                        found.layer, found.justification = "editors", ends[2]
                        found.justification_en = ends[3] if len(ends) == 4 else ""
                    elif name == "readers":
                        proposals.add(found.key)
                        self.warnings.append(
                            f"line {line}: the {found.kind} of {found.from_claim!r} for "
                            f"{found.to_claim!r} is a reader's proposal, without its reader "
                            "here; left out"
                        )
                    else:
                        found.passage = ends[2]
        self.document.relations = [r for r in self.document.relations if r.key not in proposals]


def _data_end(text: str, start: int) -> int | None:
    """Where the data block opened at `start` closes, skipping quoted YAML strings."""
    depth, previous, i = 0, "", start
    while i < len(text):
        char = text[i]
        if char in "\"'" and previous in "{[,:-":
            i = _string_end(text, i)
            if i is None:
                return None
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return i if char == "}" else None
        if not char.isspace():
            previous = char
        i += 1
    return None


def _string_end(text: str, start: int) -> int | None:
    """The closing quote of the YAML string opened at `start`."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2  # '' stands for ' inside a single-quoted string
                continue
            return i
        i += 1
    return None


def _relation_symbol(stripped: str) -> tuple | None:
    if stripped.startswith("--"):
        return None  # an inference line, not an attack
    for symbol in RELATION_SYMBOLS:
        if stripped.startswith(symbol[0]):
            return symbol
    if stripped.startswith("_") and stripped[1:2].isspace():  # `_` = `<_` (Argdown docs)
        return ("_", "in", "undercut")
    return None


def _strings(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def _excerpt(text: str) -> str:
    return f"«{text[:60]}…»" if len(text) > 60 else f"«{text}»"


def _head_of(kind: str, title: str) -> str:
    if kind == "argument":
        return f"<{title}>"
    if kind == "statement":
        return f"[{title}]"
    return f"the statement on line {title}"


def parse_argdown(text: str, title: str = "Imported Argdown map") -> Document:
    """The Argdown text as a Document, or ImportProblems naming the lines at fault."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise ImportProblems(["line 1: the file is empty"])
    if problems := long_lines(text.split("\n")):
        raise ImportProblems(capped(problems))
    reader = _Reader(title)
    lines = reader.front_matter(text.split("\n"))
    reader.blocks(reader.scan("\n".join(lines)))
    return reader.finish()


# --- export ----------------------------------------------------------------------------------

# Characters that start Argdown syntax inside a text; a backslash makes them plain.
TEXT_SPECIAL = re.compile(r"[\\\[\]<>#{}*_@]|/(?=[/*])|=(?==)")
LINE_BREAKS = re.compile(r"[\n\r\v\f\x85\u2028\u2029\t]")
# Kept out of YAML strings as \u escapes: braces and "=" end Argdown's data and front matter
# tokens early, U+2028/9 break its data token, the rest are characters YAML refuses to read.
YAML_UNSAFE = re.compile(r"[{}=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
TITLE_UNSAFE = re.compile(r"[^\w .,;:!?'()&+-]+")
TAG_SAFE = re.compile("[\\w .,'\u2019-]+")


def _yaml(value) -> str:
    """A scalar or list as a YAML flow value that Argdown and we read back exactly."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return YAML_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def _mapping(items: dict) -> str:
    return "{" + ", ".join(f"{key}: {_yaml(value)}" for key, value in items.items()) + "}"


def _escape(text: str) -> str:
    return TEXT_SPECIAL.sub(lambda match: "\\" + match[0], LINE_BREAKS.sub(" ", text))


def _titles(claims: list[Claim]) -> dict[str, str]:
    """A unique, readable Argdown title for each claim key (a slug stays as it is)."""
    titles: dict[str, str] = {}
    taken: set[str] = set()
    next_number: dict[str, int] = {}  # so that 10,000 keys of one base are not counted anew
    for claim in claims:
        base = " ".join(TITLE_UNSAFE.sub("-", claim.key).split()).lstrip("-+_.,;:!?')") or "claim"
        title, number = base, next_number.get(base, 2)
        while title in taken:
            title, number = f"{base} {number}", number + 1
        next_number[base] = number
        titles[claim.key] = title
        taken.add(title)
    return titles


def _front_matter(document: Document) -> list[str]:
    lines = ["===", f"title: {_yaml(document.title)}"]
    if document.description:
        lines.append(f"description: {_yaml(document.description)}")
    if document.participants:
        lines.append("participants:")
        for p in document.participants:
            item = {"key": p.key, "name": p.name, "kind": p.kind}
            if p.description:
                item["description"] = p.description
            lines.append(f"  - {_mapping(item)}")
    if document.sources:
        lines.append("sources:")
        for s in document.sources:
            item = {"key": s.key, "title": s.title, "authors": list(s.authors)}
            if s.venue:
                item["venue"] = s.venue
            if s.published:
                size = {"year": 4, "month": 7}.get(s.date_precision, 10)
                item["date"] = s.published.isoformat()[:size]
            if s.date_qualifier != "exact":
                item["date_qualifier"] = s.date_qualifier
            if s.url:
                item["url"] = s.url
            if s.language != "fr":
                item["language"] = s.language
            lines.append(f"  - {_mapping(item)}")
    return [*lines, "==="]


def _layer_comment(item: Relation | Undercut) -> str:
    """A comment after a relation's line naming who draws it, when not the text itself:
    Argdown has no layers, and a reader of the file must not take the editors' reading, or
    a reader's proposal, for the text's own argument."""
    if item.layer == "editors":
        why = " ".join(LINE_BREAKS.sub(" ", item.justification).split())
        return f" // editors' link: {why}"
    if item.layer == "readers":
        return " // reader's proposal"
    return ""


def _layer_data(relations: list[Relation], titles: dict[str, str]) -> dict[str, list]:
    """The data entries saying which of a claim's relations the editors draw (with why),
    which readers proposed, and the passages of the text that make the others."""
    data: dict[str, list] = defaultdict(list)
    for relation in relations:
        ends = [relation.kind, titles[relation.to_claim]]
        if relation.layer == "editors":
            why = [relation.justification]
            data["editors"].append(
                ends + why + ([relation.justification_en] if relation.justification_en else [])
            )
        elif relation.layer == "readers":
            data["readers"].append(ends)
        elif relation.passage:
            data["passages"].append([*ends, relation.passage])
    return dict(data)


def to_argdown(document: Document) -> str:
    """The document as Argdown: front matter, then each claim with the supports and
    objections it receives indented below it. Restatements, undercuts Argdown cannot place,
    and exact texts go in the claim's {data}; so do the layers Argdown has no notion of
    (`editors` with their justification, `readers`) and the passages of the texts' own
    arguments, and a comment after a relation's line says when the editors draw it or a
    reader proposed it. Relation authors and sources and annotations are not written."""
    titles = _titles(document.claims)
    relations = {r.key: r for r in document.relations}
    outgoing: dict[str, list[Relation]] = defaultdict(list)
    incoming: dict[str, list[Relation]] = defaultdict(list)
    for relation in document.relations:
        if relation.kind in ("support", "objection"):
            outgoing[relation.from_claim].append(relation)
            incoming[relation.to_claim].append(relation)
    # An Argdown undercut attacks an argument's inference: the claim whose single support or
    # objection is undercut is written as an argument with the undercut below it.
    undercuts_below: dict[str, list[Undercut]] = defaultdict(list)
    undercuts_in_data: dict[str, list[Relation]] = defaultdict(list)
    for undercut in document.undercuts:
        relation = relations[undercut.relation]
        if outgoing.get(relation.from_claim) == [relation]:
            undercuts_below[relation.from_claim].append(undercut)
        else:
            undercuts_in_data[undercut.from_claim].append(relation)
    undercuts_from: dict[str, list[Undercut]] = defaultdict(list)
    for undercut in document.undercuts:
        undercuts_from[undercut.from_claim].append(undercut)
    outgoing_all: dict[str, list[Relation]] = defaultdict(list)
    for relation in document.relations:
        outgoing_all[relation.from_claim].append(relation)
    rephrases: dict[str, list[str]] = defaultdict(list)
    for relation in document.relations:
        if relation.kind == "rephrase":
            rephrases[relation.from_claim].append(titles[relation.to_claim])
    names = defaultdict(int)
    for participant in document.participants:
        names[participant.name] += 1
    holder_names = {p.key: p.name for p in document.participants}

    arguments = set(undercuts_below)  # claims written as <Title>

    def ref(key: str) -> str:
        return f"<{titles[key]}>" if key in arguments else f"[{titles[key]}]"

    lines = [*_front_matter(document), ""]
    for claim in document.claims:
        visible = _escape(claim.statement).strip()
        line = f"{ref(claim.key)}: {visible}"
        data: dict = {}
        name = holder_names.get(claim.holder, "")
        if name and names[name] == 1 and TAG_SAFE.fullmatch(name) and name == name.strip():
            line += f" #({name})"
        elif claim.holder:
            data["holder"] = claim.holder
        if " ".join(LINE_BREAKS.sub(" ", claim.statement).split()) != claim.statement:
            data["statement"] = claim.statement
        for key in ("source", "via", "quotation", "section", "paragraph", "statement_en"):
            value = getattr(claim, key)
            if value not in ("", None):
                data[key] = value
        if claim.key in rephrases:
            data["rephrases"] = rephrases[claim.key]
        for name, entries in _layer_data(outgoing_all[claim.key], titles).items():
            data[name] = entries
        for undercut in undercuts_from[claim.key]:
            if undercut.layer == "editors":
                relation = relations[undercut.relation]
                ends = [titles[relation.from_claim], relation.kind, titles[relation.to_claim]]
                english = [undercut.justification_en] if undercut.justification_en else []
                entry = ["undercut", *ends, undercut.justification, *english]
                data.setdefault("editors", []).append(entry)
        if claim.key in undercuts_in_data:
            data["undercuts"] = [
                [titles[r.from_claim], r.kind, titles[r.to_claim]]
                for r in undercuts_in_data[claim.key]
            ]
        if data:
            line += " " + _mapping(data)
        lines.append(line)
        for relation in incoming.get(claim.key, []):
            symbol = "+" if relation.kind == "support" else "-"
            lines.append(f"    {symbol} {ref(relation.from_claim)}{_layer_comment(relation)}")
        for undercut in undercuts_below.get(claim.key, []):
            lines.append(f"    <_ {ref(undercut.from_claim)}{_layer_comment(undercut)}")
        lines.append("")
    return "\n".join(lines)
