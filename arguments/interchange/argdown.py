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
    "kind",  # "statement": a statement written <as an argument> to carry an undercut
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
PCS_NUMBER = re.compile(r"\(\d+\)[ \t]*")
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
class _Reconstruction:
    """An argument's premise-conclusion structure: each inference step's premises (the
    previous step's conclusion first) and its conclusion."""

    argument: _Element
    line: int
    steps: list[tuple[list[_Element], _Element, int]] = field(default_factory=list)


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
        self.reconstructions: list[_Reconstruction] = []
        # The argument a premise-conclusion structure in the next block belongs to: one
        # standing alone (title, description, data) in the block just read.
        self.previous_argument: _Element | None = None

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
                out.append(raw[i : i + 2])  # a mention wrapped onto the next line
                i += 2
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
        previous, self.previous_argument = self.previous_argument, None
        # Headings and directives at the top of a block are read one after the other: a
        # loop, not recursion nor copies of the rest, so 100,000 of them are read in turn.
        position = 0
        while position < len(block):
            first = block[position]
            stripped = first.text.strip()
            position += 1
            if HEADING.match(first.text):
                # A heading wrapped onto the next lines goes on until something else starts.
                start = position
                while position < len(block) and _continues_heading(block[position].text):
                    position += 1
                self.heading(first, block[start:position])
                previous = None
                continue
            position -= 1
            if PCS_LINE.match(stripped):
                self.pcs(block[position:], previous)
                return
            elif DIRECTIVE.match(stripped):
                self.warnings.append(f"line {first.number}: the directive {stripped!r} is left out")
                position += 1
            else:
                self.statements(block[position:])
                return

    def heading(self, first: _Line, wrapped: list[_Line]) -> None:
        texts, tags, data = [], [], []
        for line in [_Line(first.number, HEADING.match(first.text)[2]), *wrapped]:
            line_text, line_tags, line_data = self.inline(line.text, line.number)
            texts.append(line_text)
            tags += line_tags
            data += line_data
        text = " ".join(t for t in texts if t)
        self.section = text
        if tags:
            self.warnings.append(
                f"line {first.number}: tags on the heading {_excerpt(text)} are not kept: "
                + ", ".join(f"#{t}" for t in tags)
            )
        for index in data:
            keys = ", ".join(str(k) for k in self.data(index))
            self.warnings.append(
                f"line {first.number}: data on the heading {_excerpt(text)} is not kept: {keys}"
            )

    def statements(self, block: list[_Line]) -> None:
        """A list of statements, or one relation tree."""
        first = block[0]
        if LIST_ITEM.match(first.text):
            opening = LIST_ITEM.sub("", first.text, count=1).strip()
            self.warnings.append(
                f"lines {first.number}-{block[-1].number}: the list from {_excerpt(opening)}; "
                "its items are read as separate statements and the list itself is not kept"
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

    def tree(self, block: list[_Line], in_pcs: bool = False) -> _Element | None:
        """A top-level element (or a statement of a premise-conclusion structure) and the
        relation tree below it; the element."""
        items: list[tuple[int, tuple | None, list[_Line]]] = []
        for position, line in enumerate(block):
            stripped = line.text.lstrip()
            # A numbered statement's relations may stand at any indent below it.
            indent = -1 if in_pcs and not position else len(line.text) - len(stripped)
            if position and not in_pcs and PCS_LINE.match(stripped):
                # "<Title>" and its structure with no empty line between them
                root = self.tree(block[:position])
                alone = root is not None and root.kind == "argument" and len(items) == 1
                self.pcs(block[position:], root if alone else None)
                return root
            symbol = _relation_symbol(stripped)
            if symbol is None and position:
                items[-1][2].append(_Line(line.number, stripped))  # hard-wrapped text
                continue
            if symbol is not None and not position:
                self.problems.append(
                    f"line {line.number}: the relation {symbol[0]!r} has no statement or "
                    "argument above it (an empty line ends a relation tree)"
                )
                return None
            rest = stripped[len(symbol[0]) :] if symbol else stripped
            items.append((indent, symbol, [_Line(line.number, rest.strip())]))
        parents: list[tuple[int, _Element | None]] = []
        root = None
        for position, (indent, symbol, lines) in enumerate(items):
            while parents and parents[-1][0] >= indent:
                parents.pop()
            if position and not parents:
                self.problems.append(
                    f"line {lines[0].number}: the relation {symbol[0]!r} has no parent above "
                    "it: indent it more than the line it bears on"
                )
                return root
            has_children = position + 1 < len(items)
            element = self.element(lines, is_root=not position, has_children=has_children or in_pcs)
            if not position:
                root = element
                if in_pcs and element is not None and element.kind == "argument":
                    self.problems.append(
                        f"line {lines[0].number}: {_head_of('argument', element.title)} stands "
                        "as a premise or conclusion; only statements can"
                    )
            if position and element is not None and parents[-1][1] is not None:
                _, direction, kind = symbol
                self.bearings.append(
                    _Bearing(element, parents[-1][1], direction, kind, lines[0].number)
                )
            parents.append((indent, element))
        if root is not None and root.kind == "argument" and len(items) == 1 and not in_pcs:
            self.previous_argument = root
        return root

    def pcs(self, lines: list[_Line], argument: _Element | None) -> None:
        """A premise-conclusion structure: numbered statements, each with the relations
        indented below it, and inference lines (`----`, or `--` rule `--`) before each
        conclusion. It belongs to the argument alone in the block above it, else to an
        argument of its own with no title."""
        first = lines[0].number
        if argument is None:
            argument = self.elements.setdefault(
                ("untitled-argument", str(first)), _Element("untitled-argument", "", first)
            )
        reconstruction = _Reconstruction(argument, first)
        what = _head_of(argument.kind, argument.title or str(first))
        premises: list[_Element] = []
        inference: int | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.text.strip()
            number = PCS_NUMBER.match(stripped)
            if number:
                group = [_Line(line.number, stripped[number.end() :])]
                i += 1
                while i < len(lines) and not PCS_LINE.match(lines[i].text.strip()):
                    group.append(lines[i])
                    i += 1
                element = self.tree(group, in_pcs=True)
                if element is None:
                    continue
                if inference is not None:
                    if premises:
                        reconstruction.steps.append((premises, element, inference))
                    else:
                        self.warnings.append(
                            f"line {inference}: the inference of {what} has no premise above "
                            f"it; {_head_of(element.kind, element.title)} is kept as a claim"
                        )
                    premises, inference = [element], None
                else:
                    premises.append(element)
                continue
            if not stripped.startswith("--"):  # text between an inference's two lines
                i += 1
                continue
            inference = line.number
            i += 1
            rule: list[str] = []
            if stripped.strip("-") == "" and (
                i >= len(lines) or not PCS_LINE.match(lines[i].text.strip())
            ):  # `--` opens a rule, closed by the next line of dashes
                while i < len(lines) and not lines[i].text.strip().startswith("--"):
                    rule.append(lines[i].text.strip())
                    i += 1
                i += 1
            elif stripped.strip("-"):
                rule.append(stripped.strip("-").strip())
            if any(rule):
                shown = DATA_MARKER.sub("{…}", " ".join(r for r in rule if r))
                self.warnings.append(
                    f"line {inference}: the inference rule of {what} is not kept: {_excerpt(shown)}"
                )
        if inference is not None:
            self.warnings.append(
                f"line {inference}: the inference of {what} has no conclusion below it; "
                "its premises are kept as claims"
            )
        if not reconstruction.steps:
            self.warnings.append(
                f"line {first}: {what} has no inference (a line of dashes before its "
                "conclusion); its statements are kept as claims"
            )
        self.reconstructions.append(reconstruction)

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
            if element.kind in ("untitled", "untitled-argument"):
                continue
            key = element.title
            if key in taken:  # an argument titled like a statement
                key = f"{element.title} (argument)"
            element.key = key
            taken.add(key)
        for element in self.elements.values():
            if element.kind in ("untitled", "untitled-argument"):
                base = "argument-line" if element.kind == "untitled-argument" else "line"
                key, number = f"{base}-{element.line}", 2
                while key in taken:
                    key, number = f"{base}-{element.line}-{number}", number + 1
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
        is_argument = element.kind in ("argument", "untitled-argument")
        if element.kind == "untitled-argument":
            statement = f"Untitled argument (line {element.line})"
        elif not statement:
            statement = element.title
            what = "description" if element.kind == "argument" else "text"
            self.warnings.append(f"{where} is never given a {what}; its title stands for it")
        claim = Claim(
            key=element.key,
            statement=statement,
            section=element.section,
            title=element.title if element.kind in ("statement", "argument") else "",
            kind="argument" if is_argument else "statement",
        )
        data = element.data
        if data.get("kind") == "statement" and is_argument:
            claim.kind = "statement"  # written as an argument only to carry an undercut
        elif data.get("kind") not in (None, claim.kind):
            self.warnings.append(f"{where}: kind {data['kind']!r} is not kept")
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
        found: dict[tuple[str, str, str], Relation] = {}
        names = {e.key: _named(e) for e in self.elements.values()}

        def name(key: str) -> str:
            return names.get(key, repr(key))

        undercut_targets: list[tuple[str, str, int]] = []  # (from claim, parent claim, line)

        def add(from_claim: str, to_claim: str, kind: str, line: int, argument: str = "") -> None:
            if from_claim == to_claim:
                self.warnings.append(f"line {line}: {name(from_claim)} bears on itself; left out")
                return
            ends = (from_claim, to_claim, kind)
            if ends in seen:
                first = found[ends].argument
                if argument and argument != first:
                    where = f"in {name(first)}" if first else "outside any argument"
                    self.warnings.append(
                        f"line {line}: in {name(argument)}, the support of {name(from_claim)} "
                        f"for {name(to_claim)} is the one already made {where} (line "
                        f"{seen[ends]}); a pair of claims has one support, kept with the first"
                    )
                else:
                    self.warnings.append(
                        f"line {line}: the {kind} of {name(from_claim)} for {name(to_claim)} "
                        f"is stated again (first on line {seen[ends]}); kept once"
                    )
                return
            seen[ends] = line
            key = f"{from_claim} {kind} {to_claim}"
            relation = Relation(key, from_claim, to_claim, kind, argument=argument)
            found[ends] = relation
            document.relations.append(relation)
            if argument:
                inferences[argument].append(relation)

        # The supports each argument's premise-conclusion structure makes, its last step
        # last: an undercut of the argument attacks that step.
        inferences: dict[str, list[Relation]] = defaultdict(list)
        last_step: dict[str, tuple[list[str], str]] = {}
        for reconstruction in self.reconstructions:
            argument = reconstruction.argument.key
            for premises, conclusion, line in reconstruction.steps:
                for premise in premises:
                    add(premise.key, conclusion.key, "support", line, argument)
                last_step[argument] = ([premise.key for premise in premises], conclusion.key)

        for bearing in self.bearings:
            child, parent = bearing.child.key, bearing.parent.key
            source, target = (child, parent) if bearing.direction == "in" else (parent, child)
            if bearing.kind == "contradiction":
                # Kept as an objection each way, which to_argdown writes back as one `><`.
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
            if target in last_step:  # an argument with a premise-conclusion structure
                premises, conclusion = last_step[target]
                for relation in inferences[target]:
                    if relation.from_claim in premises and relation.to_claim == conclusion:
                        add_undercut(from_claim, relation, line)
                continue
            outgoing = outgoing_of[target]
            if len(outgoing) != 1:
                self.warnings.append(
                    f"line {line}: {name(from_claim)} undercuts {name(target)}, which has "
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


def _continues_heading(line: str) -> bool:
    """Whether a line below a heading, in its block, is more of the heading's words."""
    stripped = line.strip()
    return not (
        HEADING.match(line)
        or PCS_LINE.match(stripped)
        or DIRECTIVE.match(stripped)
        or LIST_ITEM.match(line)
        or stripped.startswith(("[", "<"))
        or _relation_symbol(stripped)
    )


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
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _head_of(kind: str, title: str) -> str:
    if kind == "argument":
        return f"<{title}>"
    if kind == "statement":
        return f"[{title}]"
    if kind == "untitled-argument":
        return f"the untitled argument on line {title}"
    return f"the statement on line {title}"


def _named(element: _Element) -> str:
    """How a warning names an element: its title, or its text when it has none."""
    if element.kind in ("statement", "argument"):
        return _head_of(element.kind, element.title)
    if element.text:
        return f"the statement {_excerpt(element.text)} (line {element.line})"
    return _head_of(element.kind, str(element.line))


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
# A title as written is kept when Argdown reads it back the same: no brackets, braces,
# backslash or control character, no comment opener, no space at either end, at most 400.
TITLE_KEPT = re.compile(r"(?!\s)[^\[\]<>{}\\\x00-\x1f\x7f\x85\u2028\u2029]{1,400}(?<!\s)")
UNTITLED_KEY = re.compile(r"line-\d+(?:-\d+)?")
TITLE_COMMENT = re.compile(r"//|/\*|<!--|\s\s")
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
    """A unique Argdown title for each claim key: its title as written in the file it came
    from when Argdown reads it back the same, else one made from its key (a slug stays as
    it is). Unique across statements and arguments, as the data entries naming relations
    by their ends' titles need."""
    titles: dict[str, str] = {}
    taken: set[str] = set()
    next_number: dict[str, int] = {}  # so that 10,000 keys of one base are not counted anew
    for claim in claims:
        if TITLE_KEPT.fullmatch(claim.title) and not TITLE_COMMENT.search(claim.title):
            base = claim.title
        else:
            base = " ".join(TITLE_UNSAFE.sub("-", claim.key).split()).lstrip("-+_.,;:!?')")
        base = base or "claim"
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


def _steps(inference: list[Relation]) -> list[tuple[list[str], str]]:
    """An argument's inference steps (premises, conclusion) from its supports, each step
    before the one whose premise its conclusion is. A loop, not recursion: a structure of
    10,000 steps is ordered as well."""
    premises_of: dict[str, list[str]] = {}
    for relation in inference:
        premises_of.setdefault(relation.to_claim, []).append(relation.from_claim)
    ordered: list[tuple[list[str], str]] = []
    seen: set[str] = set()
    for root in premises_of:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(premises_of[root]))]
        while stack:
            conclusion, premises = stack[-1]
            for premise in premises:
                if premise in premises_of and premise not in seen:  # an earlier step's
                    seen.add(premise)
                    stack.append((premise, iter(premises_of[premise])))
                    break
            else:
                stack.pop()
                ordered.append((premises_of[conclusion], conclusion))
    return ordered


def _untitled(claim: Claim) -> bool:
    """A statement that had no title in the Argdown file it came from: its key, made from
    a line number, means nothing and need not be written."""
    return not claim.title and claim.kind == "statement" and bool(UNTITLED_KEY.fullmatch(claim.key))


def _plain(relation: Relation) -> bool:
    return relation.layer == "text" and not relation.passage


def _inline_claims(
    document: Document, inference: dict[str, list[Relation]], named: set[str]
) -> set[str]:
    """Claims without a title written inside the one premise-conclusion structure they
    belong to, as Argdown files write them, so that they come back without a title."""
    members: dict[str, set[str]] = defaultdict(set)
    for argument, relations in inference.items():
        for relation in relations:
            members[relation.from_claim].add(argument)
            members[relation.to_claim].add(argument)
    claims = {c.key: c for c in document.claims}
    touched: set[str] = set()
    relations = {r.key: r for r in document.relations}
    for undercut in document.undercuts:
        touched.add(undercut.from_claim)
        relation = relations[undercut.relation]
        # Only an undercut written below its argument leaves the relation's ends unnamed.
        if undercut.relation in named or not relation.argument:
            touched |= {relation.from_claim, relation.to_claim}
    for relation in document.relations:
        if relation.kind == "rephrase" or not _plain(relation):
            touched |= {relation.from_claim, relation.to_claim}
    candidates = {
        key
        for key, arguments in members.items()
        if len(arguments) == 1
        and key not in touched
        and _untitled(claims[key])
        # A text opening with + or - would read as a relation.
        and not claims[key].statement.lstrip().startswith(("+", "-"))
    }
    # A relation between two of them names one of them: that one keeps a title.
    for relation in document.relations:
        if relation.argument:
            continue
        if relation.from_claim in candidates and relation.to_claim in candidates:
            candidates.discard(relation.to_claim)
    return candidates


def _child_claims(document: Document, taken: set[str]) -> set[str]:
    """Claims without a title that make or receive one relation and nothing else: written
    as the untitled child in that relation's line, as Argdown files write them, so that
    they come back without a title."""
    count: dict[str, int] = defaultdict(int)
    for relation in document.relations:
        for end in {relation.from_claim, relation.to_claim}:
            count[end] += 1 if relation.kind != "rephrase" and _plain(relation) else 2
    relations = {r.key: r for r in document.relations}
    for undercut in document.undercuts:
        relation = relations[undercut.relation]
        for end in (undercut.from_claim, relation.from_claim, relation.to_claim):
            count[end] += 2
    return {
        claim.key
        for claim in document.claims
        if count[claim.key] == 1
        and claim.key not in taken
        and _untitled(claim)
        and not claim.statement.lstrip().startswith(("+", "-"))
    }


def to_argdown(document: Document) -> str:
    """The document as Argdown: front matter, then each claim with the supports and
    objections it receives indented below it, titled as in the file it came from.

    A claim of kind "argument" is written `<Title>: description`; the supports carrying
    its key (its inference) are written as its premise-conclusion structure below it, each
    step's premises, a line of dashes, the step's conclusion. A pair of objections each way
    between two claims (how a contradiction is kept) is written once, as `><`.

    Restatements, undercuts Argdown cannot place, and exact texts go in the claim's {data};
    so do the layers Argdown has no notion of (`editors` with their justification,
    `readers`) and the passages of the texts' own arguments, and a comment after a
    relation's line says when the editors draw it or a reader proposed it. Relation authors
    and sources and annotations are not written."""
    relations = {r.key: r for r in document.relations}
    inference: dict[str, list[Relation]] = defaultdict(list)
    for relation in document.relations:
        if relation.argument and relation.kind == "support":
            inference[relation.argument].append(relation)
    in_inference = {r.key for rs in inference.values() for r in rs}
    dialectic = [
        r
        for r in document.relations
        if r.kind in ("support", "objection") and r.key not in in_inference
    ]
    ends = {(r.from_claim, r.kind, r.to_claim): r for r in dialectic}
    # A pair of objections each way in one layer is one contradiction, written once.
    contradiction_of: dict[str, Relation] = {}
    for relation in dialectic:
        back = ends.get((relation.to_claim, "objection", relation.from_claim))
        if (
            relation.kind == "objection"
            and back is not None
            and back.layer == relation.layer
            and relation.key not in contradiction_of
        ):
            contradiction_of[relation.key] = back
            contradiction_of[back.key] = relation
    outgoing: dict[str, list[Relation]] = defaultdict(list)
    for relation in dialectic:
        outgoing[relation.from_claim].append(relation)
    # An Argdown undercut attacks an argument's inference: an undercut of all the supports
    # of an argument's last inference step is written below that argument; one of the one
    # support or objection a claim makes is written below that claim, as an argument.
    last_step = {}
    for argument, supports in inference.items():
        premises, conclusion = _steps(supports)[-1]
        last_step[argument] = {r.key for r in supports if r.to_claim == conclusion}
    undercuts_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for undercut in document.undercuts:
        relation = relations[undercut.relation]
        if relation.argument in last_step:
            undercuts_of[(undercut.from_claim, relation.argument)].add(relation.key)
    undercuts_below: dict[str, list[Undercut]] = defaultdict(list)
    undercuts_in_data: dict[str, list[Relation]] = defaultdict(list)
    for undercut in document.undercuts:
        relation = relations[undercut.relation]
        argument = relation.argument if relation.key in in_inference else ""
        if argument and undercuts_of[(undercut.from_claim, argument)] == last_step[argument]:
            if not any(u.from_claim == undercut.from_claim for u in undercuts_below[argument]):
                undercuts_below[argument].append(undercut)
        elif not argument and outgoing.get(relation.from_claim) == [relation]:
            undercuts_below[relation.from_claim].append(undercut)
        else:
            undercuts_in_data[undercut.from_claim].append(relation)
    in_data = {r.key for rs in undercuts_in_data.values() for r in rs}
    inline = _inline_claims(document, inference, in_data)
    members = {key for rs in inference.values() for r in rs for key in (r.from_claim, r.to_claim)}
    children = _child_claims(document, members)
    undercuts_from: dict[str, list[Undercut]] = defaultdict(list)
    for undercut in document.undercuts:
        undercuts_from[undercut.from_claim].append(undercut)
    outgoing_all: dict[str, list[Relation]] = defaultdict(list)
    for relation in document.relations:
        outgoing_all[relation.from_claim].append(relation)
    rephrases: dict[str, list[Relation]] = defaultdict(list)
    for relation in document.relations:
        if relation.kind == "rephrase":
            rephrases[relation.from_claim].append(relation)
    names = defaultdict(int)
    for participant in document.participants:
        names[participant.name] += 1
    holder_names = {p.key: p.name for p in document.participants}

    # Claims written as <Title>: arguments, and statements carrying an undercut.
    arguments = {c.key for c in document.claims if c.kind == "argument"} | set(undercuts_below)
    titles = _titles(document.claims)
    kinds = {c.key: c.kind for c in document.claims}

    def ref(key: str) -> str:
        return f"<{titles[key]}>" if key in arguments else f"[{titles[key]}]"

    def relation_line(relation: Relation, toward: str) -> str:
        """The relation as a line below `toward`, one of its two ends."""
        if relation.key in contradiction_of:
            symbol = "><"
        elif relation.to_claim == toward:
            symbol = "+" if relation.kind == "support" else "-"
        else:
            symbol = "+>" if relation.kind == "support" else "->"
        other = relation.from_claim if relation.to_claim == toward else relation.to_claim
        if other in children:
            return f"{symbol} {claim_line(by_key[other], '')}{_layer_comment(relation)}"
        return f"{symbol} {ref(other)}{_layer_comment(relation)}"

    def claim_line(claim: Claim, head: str) -> str:
        visible = _escape(claim.statement).strip()
        line = f"{head}{visible}"
        data: dict = {}
        name = holder_names.get(claim.holder, "")
        if name and names[name] == 1 and TAG_SAFE.fullmatch(name) and name == name.strip():
            line += f" #({name})"
        elif claim.holder:
            data["holder"] = claim.holder
        if " ".join(LINE_BREAKS.sub(" ", claim.statement).split()) != claim.statement:
            data["statement"] = claim.statement
        if claim.key in arguments and kinds[claim.key] != "argument":
            data["kind"] = kinds[claim.key]
        for key in ("source", "via", "quotation", "section", "paragraph", "statement_en"):
            value = getattr(claim, key)
            if value not in ("", None):
                data[key] = value
        if claim.key in rephrases:
            data["rephrases"] = [titles[r.to_claim] for r in rephrases[claim.key]]
        written = [r for r in outgoing_all[claim.key] if r.key not in in_inference]
        for name, entries in _layer_data(written, titles).items():
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
        return line

    # Where each relation is written: below a claim written inline, whichever end it is;
    # else below the claim it bears on; a contradiction once, below its first end met.
    below: dict[str, list[Relation]] = defaultdict(list)
    placed: set[str] = set()
    for relation in dialectic:
        if relation.key in placed:
            continue
        if relation.from_claim in inline or relation.to_claim in children:
            below[relation.from_claim].append(relation)
        else:
            below[relation.to_claim].append(relation)
        placed.add(relation.key)
        if relation.key in contradiction_of:
            placed.add(contradiction_of[relation.key].key)
    by_key = {c.key: c for c in document.claims}

    def pcs_statement(number: int, key: str) -> list[str]:
        if key not in inline:
            return [f"({number}) {ref(key)}"]
        relations_below = [f"    {relation_line(r, key)}" for r in below.get(key, [])]
        return [claim_line(by_key[key], f"({number}) "), *relations_below]

    lines = [*_front_matter(document), ""]
    for claim in document.claims:
        if claim.key in inline or claim.key in children:
            continue
        lines.append(claim_line(claim, f"{ref(claim.key)}: "))
        child_lines = [relation_line(r, claim.key) for r in below.get(claim.key, [])]
        child_lines += [
            f"<_ {ref(u.from_claim)}{_layer_comment(u)}" for u in undercuts_below.get(claim.key, [])
        ]
        if claim.key in inference:
            # The structure follows the argument standing alone; its relations come after.
            lines.append("")
            number = 1
            written: set[str] = set()
            for premises, conclusion in _steps(inference[claim.key]):
                for premise in premises:
                    if premise not in written:
                        lines += pcs_statement(number, premise)
                        written.add(premise)
                        number += 1
                lines.append("----")
                lines += pcs_statement(number, conclusion)
                written.add(conclusion)
                number += 1
            if child_lines:
                lines += ["", ref(claim.key)]
        lines += [f"    {child}" for child in child_lines]
        lines.append("")
    return "\n".join(lines)
