"""The table of every relation of a debate with who draws it and why: the texts' own
arguments with the passage that makes them, the editors' links with their justification,
and the relations the corrections log removed with its reason. Pure: built from the fixture
document, so the committed table (docs/) cannot drift from the record."""

from __future__ import annotations

from collections import Counter

from arguments.record.fixture_format import EDITORS, DebateDocument


def _cell(text: str) -> str:
    """Markdown-table-safe: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def relation_table(document: DebateDocument) -> str:
    holders = {claim.slug: claim.holder for claim in document.claims}
    changes = {}
    removed = []
    for entry in document.corrections:
        for item in entry.items:
            if item.what != "relation":
                continue
            if item.change == "removed":
                removed.append((entry, item))
            else:
                changes.setdefault((item.from_claim, item.to_claim), []).append(item.change)
                changes.setdefault((item.to_claim, item.from_claim), []).append(item.change)
    counts = Counter(r.layer for r in document.relations)
    lines = [
        f"# Every relation of « {document.title} », who draws it, and why",
        "",
        "Generated from `fixtures/` by `python manage.py relation_table` (a test checks it is",
        "current). *Text*: the text itself argues the relation, credited to its author, with the",
        "passage that makes it. *Editors*: the map makers' reading, credited to the editors, with",
        "its justification. *Removed*: a relation the re-examination could not defend, with",
        "the reason (see the corrections log).",
        "",
        f"- the texts' own arguments: {counts['text']}",
        f"- editors' links: {counts[EDITORS]}",
        f"- removed: {len(removed)}",
        "",
        "| # | from | kind | to | verdict | passage, justification or reason |",
        "|---|---|---|---|---|---|",
    ]
    number = 0
    for relation in document.relations:
        number += 1
        changed = changes.get((relation.from_claim, relation.to_claim), [])
        if relation.layer == EDITORS:
            verdict = "editors"
            why = f"{relation.justification} / {relation.justification_en}"
        else:
            who = relation.drawn_by or holders.get(relation.from_claim, "")
            verdict = f"text ({who}, {relation.source})"
            why = f"« {relation.passage} »" if relation.passage else "(no passage)"
        if changed:
            verdict += " — " + ", ".join(sorted(set(changed)))
        lines.append(
            f"| {number} | {relation.from_claim} | {relation.kind} | {relation.to_claim} "
            f"| {_cell(verdict)} | {_cell(why)} |"
        )
    for _entry, item in removed:
        number += 1
        lines.append(
            f"| {number} | {item.from_claim} | {item.kind} | {item.to_claim} | removed "
            f"| {_cell(item.reason)} / {_cell(item.reason_en)} |"
        )
    return "\n".join(lines) + "\n"
