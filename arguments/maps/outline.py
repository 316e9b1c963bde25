"""A map as a text outline: what each claim is, and under it what bears on it. Pure.

The outline is the map's text alternative (shown with every map, and instead of it when the
layout runs out of time) and its Markdown export. It is a flat list of entries with their
level, so templates nest it without recursion however deep the map goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arguments.maps.dot import MapEdge, MapNode, MoreNode


@dataclass
class OutlineEntry:
    level: int
    node: MapNode | None = None
    more: MoreNode | None = None
    relation: str = ""  # how it bears on the entry above it, in words
    repeated: bool = False  # already listed: not expanded again
    opens: bool = False  # entries one level deeper follow
    closing: range = range(0)  # how many levels end after it


def build_outline(
    nodes: list[MapNode],
    edges: list[MapEdge],
    roots: list[int],
    more: list[MoreNode],
    relation_words: dict[tuple[str, bool], str],
    undirected: bool = False,
) -> list[OutlineEntry]:
    """Depth first from the roots: under each claim, the claims bearing on it (and, around
    a focus, also those it bears on). A claim met again is listed as repeated, not expanded.
    `relation_words[(kind, outgoing)]` says how a child relates to its parent."""
    by_id = {node.id: node for node in nodes}
    under: dict[int, list[tuple[int, str, bool]]] = {}
    for edge in edges:
        if edge.from_id in by_id and edge.to_id in by_id:
            under.setdefault(edge.to_id, []).append((edge.from_id, edge.kind, False))
            if undirected:
                under.setdefault(edge.from_id, []).append((edge.to_id, edge.kind, True))
            for claim in edge.undercut_by:
                if claim in by_id:
                    under.setdefault(edge.from_id, []).append((claim, "undercut", False))
    folded: dict[int | None, list[MoreNode]] = {}
    for marker in more:
        folded.setdefault(marker.parent_id, []).append(marker)
    entries: list[OutlineEntry] = []
    listed: set[int] = set()
    starts = [*roots, *(node.id for node in nodes)]
    for start in starts:
        if start in listed or start not in by_id:
            continue
        # An explicit stack instead of recursion: a chain of arguments can be long.
        # Items are (claim id or folded-branch marker, level, relation, claim above).
        stack: list[tuple[int | MoreNode, int, str, int | None]] = [(start, 0, "", None)]
        while stack:
            item, level, relation, parent = stack.pop()
            if isinstance(item, MoreNode):
                entries.append(OutlineEntry(level, None, item))
                continue
            if item in listed:
                entries.append(OutlineEntry(level, by_id[item], None, relation, True))
                continue
            listed.add(item)
            entries.append(OutlineEntry(level, by_id[item], None, relation))
            # Pushed in reverse so they come out in order: arguments, then folded branches.
            stack.extend((marker, level + 1, "", item) for marker in reversed(folded.get(item, [])))
            # The link back to the claim just above is the one that led here: not repeated.
            stack.extend(
                (child, level + 1, relation_words[(kind, outgoing)], item)
                for child, kind, outgoing in reversed(under.get(item, ()))
                if child != parent
            )
    for marker in folded.get(None, []):
        entries.append(OutlineEntry(0, None, marker))
    _mark_nesting(entries)
    return entries


def _mark_nesting(entries: list[OutlineEntry]) -> None:
    for index, entry in enumerate(entries):
        next_level = entries[index + 1].level if index + 1 < len(entries) else 0
        entry.opens = next_level > entry.level
        entry.closing = range(max(0, entry.level - next_level))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def markdown_text(text: str) -> str:
    """Text that Markdown shows as written: special characters escaped, one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(
    entries: list[OutlineEntry], title: str, description: list[str], repeated_word: str
) -> str:
    lines = [f"# {markdown_text(title)}", ""]
    lines += [f"{markdown_text(line)}  " for line in description]
    lines.append("")
    for entry in entries:
        indent = "  " * entry.level
        if entry.more is not None:
            lines.append(f"{indent}- [{markdown_text(entry.more.label)}]({entry.more.url})")
            continue
        node = entry.node
        relation = f"*{markdown_text(entry.relation)}* — " if entry.relation else ""
        text = f"**{markdown_text(node.holder)}**: {markdown_text(node.statement)}"
        if entry.repeated:
            lines.append(f"{indent}- {relation}{text} ({markdown_text(repeated_word)})")
            continue
        lines.append(f"{indent}- {relation}[{text}]({node.url})")
        if node.quotation:
            lines.append(f"{indent}  > « {markdown_text(node.quotation)} »")
    return "\n".join(lines) + "\n"
