"""Build the Graphviz DOT text of an argument map. Pure: no database, no subprocess.

All user text goes into HTML-like labels escaped for XML, or into quoted attributes
escaped for DOT, so no statement can inject DOT or markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import graphviz

# Okabe & Ito's colour-blind-safe palette; text colour chosen for contrast on each.
PALETTE = [
    ("#E69F00", "#000000"),  # orange
    ("#56B4E9", "#000000"),  # sky blue
    ("#009E73", "#FFFFFF"),  # bluish green
    ("#F0E442", "#000000"),  # yellow
    ("#0072B2", "#FFFFFF"),  # blue
    ("#D55E00", "#FFFFFF"),  # vermilion
    ("#CC79A7", "#000000"),  # reddish purple
    ("#999999", "#000000"),  # grey
]
# Past eight participants colours repeat, so the node outline changes too.
OUTLINE_STYLES = ["rounded,filled", "rounded,filled,bold", "rounded,filled,dashed"]

EDGE_STYLES = {
    # kind: (colour, line style, arrowhead): told apart without colour too
    "support": ("#009E73", "solid", "normal"),
    "objection": ("#D55E00", "dashed", "tee"),
    "rephrase": ("#666666", "dotted", "odiamond"),
}
DEFAULT_KIND_NAMES = {
    "support": "supports (solid line, arrow)",
    "objection": "objects to (dashed line, bar)",
    "rephrase": "restates (dotted line, diamond)",
    "undercut": "undercuts a relation (dashed line onto its middle point)",
}
UNDERCUT_STYLE = ("#CC79A7", "dashed", "tee")
# Acceptability on the map: a thick outline and a mark before the holder's name, so the
# label reads without colour too.
STANDING_STYLES = {"in": ("#1B7F3B", "✓"), "out": ("#D55E00", "✗"), "undec": ("#666666", "?")}


@dataclass(frozen=True)
class MapNode:
    id: int
    statement: str
    holder: str
    participant_index: int
    url: str
    quotation: str = ""
    focus: bool = False
    note: str = ""  # e.g. readers' annotation counts, appended to the tooltip
    contributed: bool = False  # a reader's proposal: white, dashed, never a participant colour
    standing: str = ""  # "in", "out" or "undec" when the map shows acceptability
    standing_word: str = ""  # that label in the reader's language


@dataclass(frozen=True)
class MapEdge:
    from_id: int
    to_id: int
    kind: str
    # Claims that undercut this relation: drawn as arrows onto a point in its middle.
    undercut_by: tuple[int, ...] = ()


@dataclass(frozen=True)
class MoreNode:
    """A folded branch: "+N more", linking to the map with that branch expanded."""

    id: str
    label: str
    url: str
    parent_id: int | None = None  # the claim its arguments bear on; None for folded theses


@dataclass(frozen=True)
class Cluster:
    """A box around claims that share a source or a holder."""

    label: str
    node_ids: tuple[int, ...]


@dataclass(frozen=True)
class LegendEntry:
    name: str
    participant_index: int
    contributed: bool = False  # the row for readers' proposals: white, dashed


class Html(str):
    """A Graphviz HTML-like label, written as it is: built only from escaped text."""


def participant_colours(index: int) -> tuple[str, str, str]:
    fill, text = PALETTE[index % len(PALETTE)]
    return fill, text, OUTLINE_STYLES[(index // len(PALETTE)) % len(OUTLINE_STYLES)]


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def wrap_label(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters; words longer than that are cut. (Greedy, like
    textwrap, which took a quarter of a large map's assembly.)"""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def html_text(text: str) -> str:
    """Text escaped for a Graphviz HTML-like label."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def node_label(node: MapNode, width: int, limit: int) -> str:
    lines = wrap_label(shorten(node.statement, limit), width)
    body = '<BR ALIGN="LEFT"/>'.join(html_text(line) for line in lines)
    holder = html_text(node.holder)
    if node.standing:
        # In the node's own text colour, which contrasts with its fill; the outline has the
        # label's colour.
        mark = STANDING_STYLES[node.standing][1]
        holder = f"{mark} {html_text(node.standing_word)} · {holder}"
    return Html(
        f'<<FONT POINT-SIZE="9"><B>{holder}</B></FONT><BR ALIGN="LEFT"/>{body}<BR ALIGN="LEFT"/>>'
    )


def dot_text(text: str) -> str:
    """Text for a quoted DOT attribute: backslashes doubled, one line, never read as HTML."""
    return graphviz.escape(" ".join(text.split()))


def legend_label(
    entries: list[LegendEntry],
    kinds: list[str],
    title: str,
    kind_names: dict[str, str],
    standing_names: dict[str, str] | None = None,
) -> str:
    rows = [f'<TR><TD COLSPAN="2"><B>{html_text(title)}</B></TD></TR>']
    for label, name in (standing_names or {}).items():
        colour, mark = STANDING_STYLES[label]
        rows.append(
            f'<TR><TD><FONT COLOR="{colour}"><B>{mark}</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{html_text(name)}</TD></TR>'
        )
    for entry in entries:
        fill = "#FFFFFF" if entry.contributed else participant_colours(entry.participant_index)[0]
        rows.append(
            f'<TR><TD BGCOLOR="{fill}" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT">{html_text(entry.name)}</TD></TR>'
        )
    for kind in kinds:
        colour, _line, _head = EDGE_STYLES.get(kind, UNDERCUT_STYLE)
        rows.append(
            f'<TR><TD><FONT COLOR="{colour}"><B>→</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{html_text(kind_names[kind])}</TD></TR>'
        )
    return Html(
        '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">'
        + "".join(rows)
        + "</TABLE>>"
    )


def quote(value: str) -> str:
    """An attribute value for DOT: HTML labels as they are, anything else double-quoted.
    User text reaches here through `dot_text`, its backslashes already doubled, so
    escaping its quotes is all that is left to do."""
    if isinstance(value, Html):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def attributes(values: dict[str, str]) -> str:
    return " ".join(f"{name}={quote(value)}" for name, value in values.items())


def build_dot(
    nodes: list[MapNode],
    edges: list[MapEdge],
    *,
    title: str,
    legend: list[LegendEntry] | None = None,
    legend_title: str = "Legend",
    kind_names: dict[str, str] | None = None,
    rankdir: str = "BT",
    label_width: int = 28,
    label_limit: int = 160,
    more: list[MoreNode] | tuple = (),
    clusters: list[Cluster] | tuple = (),
    standing_names: dict[str, str] | None = None,
) -> str:
    """The DOT text: one node per claim, arguments pointing at what they bear on.

    Written directly rather than through graphviz.Digraph: on large maps its quoting of
    every attribute cost more than the rest of the map's assembly. What every node shares
    is set once as a default."""
    kind_names = {**DEFAULT_KIND_NAMES, **(kind_names or {})}
    graph_attributes = {
        "rankdir": rankdir if rankdir in ("BT", "TB", "LR", "RL") else "BT",
        "label": dot_text(title),
        "labelloc": "t",
        "fontname": "Helvetica",
        "fontsize": "14",
        "tooltip": dot_text(title),
        "nodesep": "0.25",
        "ranksep": "0.45",
        "bgcolor": "white",
    }
    node_defaults = {
        "shape": "box",
        "fontname": "Helvetica",
        "fontsize": "10",
        "margin": "0.12",
        "color": "#000000",
        "fontcolor": "#000000",
        "target": "_top",
    }
    lines = [
        "digraph argument_map {",
        f"\tgraph [{attributes(graph_attributes)}]",
        f"\tnode [{attributes(node_defaults)}]",
        '\tedge [fontname="Helvetica" penwidth="1.4"]',
    ]
    known = {node.id for node in nodes}
    in_cluster: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        for node_id in cluster.node_ids:
            in_cluster.setdefault(node_id, index)
    clustered: list[list[str]] = [[] for _cluster in clusters]
    for node in nodes:
        fill, text, style = participant_colours(node.participant_index)
        if node.contributed:
            fill, text, style = "#FFFFFF", "#000000", "rounded,filled,dashed"
        tooltip = f"{node.holder}: {node.statement}"
        if node.quotation:
            tooltip += f" — « {node.quotation} »"
        if node.note:
            tooltip += f" — {node.note}"
        values = {
            "label": node_label(node, label_width, label_limit),
            "style": style,
            "fillcolor": fill,
            "URL": dot_text(node.url),
            "tooltip": dot_text(shorten(tooltip, 600)),
            "id": f"claim-{node.id}",
        }
        if text != "#000000":
            values["fontcolor"] = text
        if node.standing:
            values.update({"color": STANDING_STYLES[node.standing][0], "penwidth": "3"})
            values["class"] = f"standing-{node.standing}"
        if node.focus:
            values.update({"penwidth": "4", "class": "focus"})
        line = f"\tc{node.id} [{attributes(values)}]"
        if node.id in in_cluster:
            clustered[in_cluster[node.id]].append(line)
        else:
            lines.append(line)
    for index, (cluster, members) in enumerate(zip(clusters, clustered, strict=True)):
        cluster_attributes = {
            "label": dot_text(shorten(cluster.label, 80)),
            "tooltip": dot_text(cluster.label),
            "style": "rounded",
            "color": "#888888",
            "fontsize": "11",
        }
        lines.append(f"\tsubgraph cluster_{index} {{")
        lines.append(f"\t\tgraph [{attributes(cluster_attributes)}]")
        lines.extend("\t" + member for member in members)
        lines.append("\t}")
    folded_attributes = (
        'shape="box" style="rounded,dashed,filled" fillcolor="#F2F2F2" color="#555555"'
    )
    for folded in more:
        values = {
            "label": dot_text(folded.label),
            "URL": dot_text(folded.url),
            "tooltip": dot_text(folded.label),
            "id": f"more-{folded.id}",
        }
        lines.append(f'\t"{folded.id}" [{folded_attributes} {attributes(values)}]')
        if folded.parent_id in known:
            lines.append(f'\t"{folded.id}" -> c{folded.parent_id} [style="dotted" color="#555555"]')
    edge_tooltips = {kind: quote(dot_text(name)) for kind, name in kind_names.items()}
    undercut = False
    for edge in edges:
        if edge.from_id not in known or edge.to_id not in known:
            continue
        colour, line, head = EDGE_STYLES[edge.kind]
        style = f'color="{colour}" style={line} tooltip={edge_tooltips[edge.kind]}'
        undercutters = [claim for claim in edge.undercut_by if claim in known]
        if not undercutters:
            lines.append(f"\tc{edge.from_id} -> c{edge.to_id} [arrowhead={head} {style}]")
            continue
        # Graphviz draws no edge onto an edge: the relation passes through a point that the
        # undercutting claims aim at.
        undercut = True
        point = f"i{edge.from_id}_{edge.to_id}_{edge.kind}"
        lines.append(f'\t{point} [shape=point width="0.09" color="{colour}" {style}]')
        lines.append(f"\tc{edge.from_id} -> {point} [arrowhead=none {style}]")
        lines.append(f"\t{point} -> c{edge.to_id} [arrowhead={head} {style}]")
        colour, line, head = UNDERCUT_STYLE
        for claim in undercutters:
            lines.append(
                f'\tc{claim} -> {point} [arrowhead={head} color="{colour}" style={line} '
                f"tooltip={edge_tooltips['undercut']}]"
            )
    if legend is not None:
        kinds = [kind for kind in EDGE_STYLES if any(edge.kind == kind for edge in edges)]
        if undercut:
            kinds.append("undercut")
        values = {
            "label": legend_label(legend, kinds, legend_title, kind_names, standing_names),
            "shape": "plaintext",
            "tooltip": dot_text(legend_title),
        }
        lines.append(f"\tlegend [{attributes(values)}]")
    lines.append("}")
    return "\n".join(lines) + "\n"
