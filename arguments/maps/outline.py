"""A map as a text outline: what each claim is, and under it what bears on it. Pure.

The outline is the map's text alternative (shown with every map, and instead of it when the
layout runs out of time) and its Markdown export. It is a flat list of entries with their
level, so templates nest it without recursion however deep the map goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arguments.maps.dot import MapEdge, MapNode, MoreNode, relation_id, undercut_id


@dataclass
class OutlineEntry:
    level: int
    node: MapNode | None = None
    more: MoreNode | None = None
    relation: str = ""  # how it bears on the entry above it, in words
    # Who draws that relation when not the text: "editors", "readers", or "draft" (an
    # editor's draft, on the editors' own map).
    layer: str = ""
    layer_note: str = ""  # that in words, e.g. "editors' link: <their justification>"
    repeated: bool = False  # already listed: not expanded again
    opens: bool = False  # entries one level deeper follow
    closing: range = range(0)  # how many levels end after it
    line: str = ""  # the id of the drawn line joining it to the entry above (`dot`)


def build_outline(
    nodes: list[MapNode],
    edges: list[MapEdge],
    roots: list[int],
    more: list[MoreNode],
    relation_words: dict[tuple[str, bool], str],
    undirected: bool = False,
    layer_words: dict[str, str] | None = None,
) -> list[OutlineEntry]:
    """Depth first from the roots: under each claim, the claims bearing on it (and, around
    a focus, also those it bears on). A claim met again is listed as repeated, not expanded.
    `relation_words[(kind, outgoing)]` says how a child relates to its parent;
    `layer_words[layer]` who draws the relation when the text does not (an editors' link
    adds its justification)."""
    words = {"editors": "editors' link", "readers": "reader's proposal", **(layer_words or {})}
    by_id = {node.id: node for node in nodes}
    # Per claim, what bears on it: (claim, kind, outgoing, layer, note on the layer, the
    # id of the line drawn between them).
    under: dict[int, list[tuple[int, str, bool, str, str, str]]] = {}
    for edge in edges:
        if edge.from_id in by_id and edge.to_id in by_id:
            layer = edge.layer if edge.layer in words else ""
            note = words[layer] if layer else ""
            if layer in ("editors", "draft") and edge.justification:
                note = f"{note}: {edge.justification}"
            line = relation_id(edge.from_id, edge.to_id, edge.kind)
            under.setdefault(edge.to_id, []).append(
                (edge.from_id, edge.kind, False, layer, note, line)
            )
            if undirected:
                under.setdefault(edge.from_id, []).append(
                    (edge.to_id, edge.kind, True, layer, note, line)
                )
            undercut_layers = edge.undercut_layers or ("text",) * len(edge.undercut_by)
            for claim, layer in zip(edge.undercut_by, undercut_layers, strict=True):
                if claim in by_id:
                    layer = layer if layer in words else ""
                    line = undercut_id(claim, edge.from_id, edge.to_id, edge.kind)
                    under.setdefault(edge.from_id, []).append(
                        (claim, "undercut", False, layer, words[layer] if layer else "", line)
                    )
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
        # Items are (claim id or folded-branch marker, level, relation, claim above, layer,
        # note on the layer, line).
        stack: list[tuple[int | MoreNode, int, str, int | None, str, str, str]] = [
            (start, 0, "", None, "", "", "")
        ]
        while stack:
            item, level, relation, parent, layer, note, line = stack.pop()
            if isinstance(item, MoreNode):
                entries.append(OutlineEntry(level, None, item))
                continue
            entry = OutlineEntry(
                level, by_id[item], None, relation, layer=layer, layer_note=note, line=line
            )
            if item in listed:
                entry.repeated = True
                entries.append(entry)
                continue
            listed.add(item)
            entries.append(entry)
            # Pushed in reverse so they come out in order: arguments, then folded branches.
            stack.extend(
                (marker, level + 1, "", item, "", "", "")
                for marker in reversed(folded.get(item, []))
            )
            # The link back to the claim just above is the one that led here: not repeated.
            stack.extend(
                (child, level + 1, relation_words[(kind, outgoing)], item, layer, note, line)
                for child, kind, outgoing, layer, note, line in reversed(under.get(item, ()))
                if child != parent
            )
    for marker in folded.get(None, []):
        entries.append(OutlineEntry(0, None, marker))
    _mark_nesting(entries)
    return entries


def reading_order(entries: list[OutlineEntry]) -> list[str]:
    """The ids of the drawn claims and lines in the outline's order: a claim, the line of
    each answer then that answer. The map's page puts its drawing in this order
    (`render.in_reading_order`), so Tab and a screen reader follow the argument."""
    order: list[str] = []
    for entry in entries:
        if entry.line:
            order.append(entry.line)
        if entry.more is not None:
            order.append(f"more-{entry.more.id}")
        elif not entry.repeated:
            order.append(f"claim-{entry.node.id}")
    return list(dict.fromkeys(order))


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
        relation = f"*{markdown_text(entry.relation)}*" if entry.relation else ""
        if entry.layer_note:
            relation += f" ({markdown_text(entry.layer_note)})"
        relation += " — " if relation else ""
        text = f"**{markdown_text(node.holder)}**: {markdown_text(node.statement)}"
        if entry.repeated:
            lines.append(f"{indent}- {relation}{text} ({markdown_text(repeated_word)})")
            continue
        lines.append(f"{indent}- {relation}[{text}]({node.url})")
        if node.quotation:
            opening, closing = node.quote_marks
            lines.append(f"{indent}  > {opening}{markdown_text(node.quotation)}{closing}")
    return "\n".join(lines) + "\n"
