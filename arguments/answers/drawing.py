"""The participants' map as DOT text. Pure: no database, no subprocess.

Every name, tooltip and address goes through the map's escaping helpers (`maps.dot`): names
into HTML-like labels escaped for XML, the rest into quoted attributes escaped for DOT, so no
participant's name can inject DOT or markup."""

from __future__ import annotations

import math
from dataclasses import dataclass

from arguments.answers.graph import EDITORS, READERS, Node
from arguments.maps import palette
from arguments.maps.dot import Html, attributes, dot_text, dot_url, html_text, wrap_label

# Told apart without colour too: a support's arrow, an objection's bar (as on the map).
ARROWHEADS = {"support": "normal", "objection": "tee"}
MAX_PEN = 8.0
# Long names ("Auteur de l'article sur le décomputing (non signé)") on two or three lines:
# the map stays narrow enough to be read whole on a laptop's screen.
NAME_WIDTH = 24


@dataclass(frozen=True)
class NodeShown:
    key: Node
    name: str
    url: str = ""
    hue: int | None = None  # the participant's colour (`palette.hues_for`); None: neutral


@dataclass(frozen=True)
class EdgeShown:
    drawer: Node
    target: Node
    kind: str
    count: int
    url: str
    tooltip: str


def node_id(key: Node) -> str:
    return f"n_{key}" if key in (EDITORS, READERS) else f"p{int(key)}"


def node_style(node: NodeShown) -> dict[str, str]:
    """A node's colours: the participant's hue (as on the map), the editors' indigo and
    dashed outline (like their links), readers' proposals white and dotted."""
    if node.key == EDITORS:
        colour = palette.EDITORS_COLOUR
        return {"style": "rounded,dashed", "color": colour, "penwidth": "2"}
    if node.key == READERS:
        fill, text = palette.PROPOSAL
        return {"style": "rounded,filled,dotted", "fillcolor": fill, "fontcolor": text}
    fill, text = palette.PARTICIPANT_COLOURS[node.hue] if node.hue is not None else palette.NEUTRAL
    return {"style": "rounded,filled", "fillcolor": fill, "fontcolor": text}


def name_lines(name: str) -> str:
    return "<BR/>".join(html_text(line) for line in wrap_label(name, NAME_WIDTH))


def pen_width(count: int) -> str:
    """Wider with the count, by its logarithm: one relation reads, and fifty do not swamp
    the map."""
    return f"{min(MAX_PEN, 1.2 + 1.5 * math.log2(max(count, 1))):.1f}"


def answers_dot(nodes: list[NodeShown], edges: list[EdgeShown], title: str) -> str:
    """The DOT text: a box per node, an arrow per (who, whom, kind) with its count."""
    graph_attributes = {
        "layout": "dot",
        "rankdir": "LR",
        "label": dot_text(title),
        "labelloc": "t",
        "fontname": "Helvetica",
        "fontsize": "14",
        "nodesep": "0.4",
        "ranksep": "1.2",
        "bgcolor": "white",
        "tooltip": dot_text(title),
    }
    node_defaults = {
        "shape": "box",
        "fontname": "Helvetica",
        "fontsize": "12",
        "margin": "0.15,0.08",
        "color": "#000000",
        "target": "_top",
    }
    edge_defaults = {"fontname": "Helvetica", "fontsize": "11", "target": "_top"}
    lines = [
        "digraph who_answers_whom {",
        f"\tgraph [{attributes(graph_attributes)}]",
        f"\tnode [{attributes(node_defaults)}]",
        f"\tedge [{attributes(edge_defaults)}]",
    ]
    known = set()
    for node in nodes:
        known.add(node.key)
        values = {
            "label": Html(f"<<B>{name_lines(node.name)}</B>>"),
            **node_style(node),
            "tooltip": dot_text(node.name),
            "id": f"answers-{node_id(node.key)}",
        }
        if node.url:
            values["URL"] = dot_url(node.url)
        lines.append(f"\t{node_id(node.key)} [{attributes(values)}]")
    for index, edge in enumerate(edges):
        if edge.drawer not in known or edge.target not in known or edge.kind not in ARROWHEADS:
            continue
        colour = palette.EDGE_COLOURS[edge.kind]
        values = {
            "color": colour,
            "fontcolor": colour,
            "arrowhead": ARROWHEADS[edge.kind],
            "arrowsize": "0.8",
            "penwidth": pen_width(edge.count),
            "label": str(int(edge.count)),
            "URL": dot_url(edge.url),
            "tooltip": dot_text(edge.tooltip),
            "labeltooltip": dot_text(edge.tooltip),
            "id": f"answers-edge-{index}",
            "class": f"answer answer--{edge.kind}",
        }
        if edge.drawer == EDITORS:
            values["style"] = "dashed"
        elif edge.drawer == READERS:
            values["style"] = "dotted"
        source, target = node_id(edge.drawer), node_id(edge.target)
        lines.append(f"\t{source} -> {target} [{attributes(values)}]")
    lines.append("}")
    return "\n".join(lines) + "\n"
