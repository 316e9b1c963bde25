"""Argdown against Argdown's own reader: the real example files, imported by us and read by
the Argdown CLI (@argdown/cli, installed by bin/setup --test), give the same statements,
arguments, relations and inferences; so do our exports of the debates."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from arguments.interchange import argdown
from arguments.interchange.argdown import parse_argdown, to_argdown
from arguments.interchange.document import Document
from arguments.interchange.formats import export_text

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "node_modules" / ".bin" / "argdown"
REAL = ROOT / "tests" / "data" / "interop"
REAL_FILES = sorted((REAL / "argdown").glob("*.argdown")) + sorted(REAL.glob("*.argdown"))
# Argdown's relation types as ours: in its strict mode `->` between statements is "contrary".
KINDS = {"support": "support", "attack": "objection", "contrary": "objection"}


@pytest.fixture(scope="module")
def cli() -> Path:
    if not CLI.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CLI} is missing: bin/setup --test installs the Argdown CLI")
        pytest.skip("the Argdown CLI is not installed (bin/setup --test)")
    return CLI


def argdown_json(cli: Path, text: str, folder: Path) -> dict:
    """What the Argdown CLI reads in the text."""
    source = folder / "map.argdown"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(cli), "json", str(source), str(folder)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads((folder / "map.json").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """A text as both sides keep it: Argdown drops Markdown emphasis and keeps tags in the
    text; we keep the emphasis and take the tags off."""
    return " ".join(re.sub(r"#\([^)]*\)|#[\w-]+|[*_\\]", "", text).split())


def argdown_view(data: dict) -> dict[str, set]:
    """Statements, arguments, relations and inference supports as Argdown sees them, each
    named by its title, or its text when untitled. Untitled statements that are neither in
    a relation nor in an argument are prose to us (Argdown keeps them): left aside."""
    in_structures = {
        member["title"] for argument in data["arguments"].values() for member in argument["pcs"]
    }
    names = {}
    for title, statement in data["statements"].items():
        if not title.startswith("Untitled "):
            names[title] = title
        elif statement["relations"] or title in in_structures:
            texts = [m["text"] for m in statement["members"] if m.get("text")]
            names[title] = plain(texts[0])
    relations = set()
    for relation in data["relations"]:
        ends = (
            names.get(relation["from"], relation["from"]),
            names.get(relation["to"], relation["to"]),
        )
        kind = relation["relationType"]
        if kind == "contradictory":
            relations |= {(ends[0], "objection", ends[1]), (ends[1], "objection", ends[0])}
        else:
            relations.add((ends[0], KINDS.get(kind, kind), ends[1]))
    inferences = set()
    for title, argument in data["arguments"].items():
        premises = []
        for member in argument["pcs"]:
            if "inference" in member:  # a conclusion: the premises since the last one
                conclusion = names[member["title"]]
                inferences |= {(premise, conclusion, title) for premise in premises}
                premises = [conclusion]
            else:
                premises.append(names[member["title"]])
    return {
        "statements": set(names.values()),
        "arguments": set(data["arguments"]),
        "relations": relations,
        "inferences": inferences,
    }


def our_view(document: Document, titles: dict[str, str]) -> dict[str, set]:
    """The same, from our document; `titles`: the name Argdown sees for each claim."""
    relations = {r.key: r for r in document.relations}
    kinds = {c.key: c.kind for c in document.claims}
    view = {
        "statements": {titles[c.key] for c in document.claims if c.kind == "statement"},
        "arguments": {titles[c.key] for c in document.claims if c.kind == "argument"},
        "relations": {
            (titles[r.from_claim], r.kind, titles[r.to_claim])
            for r in document.relations
            if not r.argument and r.kind != "rephrase"
        },
        "inferences": {
            (titles[r.from_claim], titles[r.to_claim], titles[r.argument])
            for r in document.relations
            if r.argument
        },
    }
    for undercut in document.undercuts:
        relation = relations[undercut.relation]
        target = relation.argument or relation.from_claim
        if kinds[target] == "argument":
            view["relations"].add((titles[undercut.from_claim], "undercut", titles[target]))
    return view


def imported_titles(document: Document) -> dict[str, str]:
    return {c.key: c.title or plain(c.statement) for c in document.claims}


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_files_are_read_as_argdown_reads_them(cli, tmp_path, path):
    text = path.read_text(encoding="utf-8")
    document = parse_argdown(text)
    theirs = argdown_view(argdown_json(cli, text, tmp_path))
    ours = our_view(document, imported_titles(document))
    assert ours["statements"] == theirs["statements"]
    assert ours["arguments"] == theirs["arguments"]
    assert ours["relations"] == theirs["relations"]
    # Our record has one support per pair of claims: one made in two arguments is kept in
    # the first, and a warning names the second.
    for premise, conclusion, argument in theirs["inferences"] - ours["inferences"]:
        assert any(
            f"in <{argument}>, the support of [{premise}] for [{conclusion}]" in warning
            for warning in document.warnings
        )
    assert ours["inferences"] <= theirs["inferences"]


def test_semmelweis_keeps_its_arguments_titled_statements_and_inferences():
    document = parse_argdown(
        (REAL / "argdown" / "semmelweis_betz.argdown").read_text(encoding="utf-8")
    )
    titled = {c.title for c in document.claims if c.title and c.kind == "statement"}
    # Defined inside premise-conclusion structures, they were lost before.
    assert {
        "Medical Students vs Midwives",
        "More Injuries",
        "Examination Injuries Insignificant",
    } <= titled
    arguments = [c for c in document.claims if c.kind == "argument"]
    assert len(arguments) == 10
    inexperienced = next(c for c in arguments if c.title == "Inexperienced Medical Students")
    assert inexperienced.statement.startswith("Women in the First Division are examined")
    # Each warning names what it is about: a heading, a tag, a key, or the argument.
    assert document.warnings == [
        "front matter (line 1): keys not kept: author, date, model, dot",
        "line 70: data on the heading “Arguments and Further Theses” is not kept: isGroup",
        "line 81: data on the heading “Inferential Relations between @[Epidemic Influence "
        "Hypothesi…” is not kept: isGroup",
        "line 139: data on the heading “Inferential Relations between @[Rough Examination "
        "Hypothesis…” is not kept: isGroup",
        "line 213: data on the heading “Inferential Relations between @[Cadavric Substance "
        "Hypothesi…” is not kept: isGroup",
        "tag #H1 (lines 22, 92, 97, 111, 124) names no participant and is not kept",
        "tag #H2 (lines 26, 151, 159) names no participant and is not kept",
        "tag #H3 (lines 30, 225, 246, 266, 283) names no participant and is not kept",
        "tag #aux (lines 92) names no participant and is not kept",
        "line 239: in <Medical Students Contaminate 1>, the support of [Medical Students vs "
        "Midwives] for [Difference Between Divisions] is the one already made in <Inexperienced "
        "Medical Students> (line 167); a pair of claims has one support, kept with the first",
    ]


def debate_view(cli: Path, text: str, folder: Path) -> tuple[dict, dict]:
    """Argdown's view of our export, and ours of the document read back from it."""
    document = parse_argdown(text)
    return argdown_view(argdown_json(cli, text, folder)), our_view(
        document, imported_titles(document)
    )


def test_cli_reads_our_export_of_the_small_debate(cli, tmp_path, small_debate):
    text = export_text(small_debate, "argdown", "http://testserver")
    theirs, ours = debate_view(cli, text, tmp_path)
    assert theirs == ours
    assert len(theirs["statements"]) == small_debate.claims.count()


def test_cli_reads_our_export_of_the_shipped_debate(cli, tmp_path, controversy):
    text = export_text(controversy, "argdown", "http://testserver")
    theirs, ours = debate_view(cli, text, tmp_path)
    assert theirs == ours
    claims = controversy.claims.filter(hidden_at__isnull=True)
    assert len(theirs["statements"]) + len(theirs["arguments"]) == claims.count()


@pytest.mark.parametrize("name", ["semmelweis_betz.argdown", "state-censorship.argdown"])
def test_cli_reads_our_export_of_an_imported_real_file(cli, tmp_path, name):
    document = parse_argdown((REAL / "argdown" / name).read_text(encoding="utf-8"))
    text = to_argdown(document)
    theirs = argdown_view(argdown_json(cli, text, tmp_path))
    ours = our_view(document, imported_titles(document))
    assert theirs == ours
    assert argdown.parse_argdown(text).warnings == []
