"""Build the Graphviz DOT text of an argument map. Pure: no database, no subprocess.

All user text goes into HTML-like labels escaped for XML, or into quoted attributes
escaped for DOT, so no statement can inject DOT or markup.

A relation's kind shows in its colour and arrowhead; who draws it (its layer: the text's
own argument, the editors' link, a reader's proposal) in its line style, so both read
without colour too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import graphviz

from arguments.maps import palette
from arguments.record.emphasis import plain

# Participants' hues, neutral, relation and standing colours: palette.py, which says why.
PALETTE = palette.PARTICIPANT_COLOURS
NEUTRAL = palette.NEUTRAL

EDGE_STYLES = {
    # kind: (colour, arrowhead): told apart without colour too
    "support": (palette.EDGE_COLOURS["support"], "normal"),
    "objection": (palette.EDGE_COLOURS["objection"], "tee"),
    "rephrase": (palette.EDGE_COLOURS["rephrase"], "odiamond"),
}
UNDERCUT_STYLE = (palette.EDGE_COLOURS["undercut"], "tee")
DEFAULT_KIND_NAMES = {
    "support": "supports (arrow)",
    "objection": "objects to (bar)",
    "rephrase": "restates (open diamond)",
    "undercut": "undercuts a relation (bar onto its middle point)",
}
LAYER_STYLES = {
    # layer: (colour, or "" for the kind's own; line style; the line in the legend).
    # The editors' violet is theirs alone: no participant, relation or mark has it.
    "text": ("", "solid", "———"),
    "editors": (palette.EDITORS_COLOUR, "dashed", "- - -"),
    "readers": ("", "dotted", "·····"),
    # Drawn on an editor's own map only (`maps.drafts`), never in a reader's or a file.
    "draft": (palette.DRAFT_COLOUR, "dashed", "━ ━ ━"),
}
DEFAULT_LAYER_NAMES = {
    "text": "a text's own argument (solid line)",
    "editors": "an editors' link (dashed violet line)",
    "readers": "a reader's proposal (dotted line)",
    "draft": "a draft, seen by editors only (thick dashed magenta line)",
}
DEFAULT_LAYER_WORDS = {"editors": "editors' link", "readers": "reader's proposal", "draft": "draft"}
# A relation's name, what a screen reader says of its line and hovering it shows: who
# answers whom and how. Holders only: the statements are in the boxes' own names, and the
# whole debate's map carries hundreds of relations.
DEFAULT_RELATION_NAMES = {
    "support": "%(source)s supports %(target)s",
    "objection": "%(source)s objects to %(target)s",
    "rephrase": "%(source)s restates %(target)s",
    "undercut": "%(source)s denies that %(argument)s bears on %(target)s",
}
# Acceptability on the map: a thick outline and a mark before the holder's name, so the
# label reads without colour too.
STANDING_STYLES = {
    standing: (palette.STANDING_COLOURS[standing], mark)
    for standing, mark in (("in", "✓"), ("out", "✗"), ("undec", "?"))
}


@dataclass(frozen=True)
class MapNode:
    id: int | str  # a claim's id; "d<id>" for an editor's draft (`maps.drafts`)
    statement: str
    holder: str
    participant_index: int
    url: str
    quotation: str = ""
    focus: bool = False
    # A note appended to the tooltip. Readers' annotation counts are not given here: they
    # change far more often than the record, so the map page fetches them beside the drawn
    # map (`views.map_notes`), and `dot` never runs again for an annotation.
    note: str = ""
    contributed: bool = False  # a reader's proposal: white, dashed, never a participant colour
    standing: str = ""  # "in", "out" or "undec" when the map shows acceptability
    standing_word: str = ""  # that label in the reader's language
    # The quotation marks around the quotation, in the reader's language: « » in French,
    # “ ” in English.
    quote_marks: tuple[str, str] = ("« ", " »")
    # An argument (a premise-conclusion structure from another tool, as Argdown's
    # <Argument>): drawn with a double outline, its title in italics above its text.
    argument: bool = False
    title: str = ""  # as written in the file it came from
    # An editor's draft, on the editors' own map: the word written in its box ("draft",
    # "draft by bob"); drawn white with a thick dashed magenta outline.
    draft: str = ""

    @property
    def quoted(self) -> str:
        """The quotation in its marks, as plain text, or nothing."""
        opening, closing = self.quote_marks
        return f"{opening}{plain(self.quotation)}{closing}" if self.quotation else ""  # no Markdown


@dataclass(frozen=True)
class MapEdge:
    from_id: int | str
    to_id: int | str
    kind: str
    # Claims that undercut this relation: drawn as arrows onto a point in its middle.
    undercut_by: tuple[int | str, ...] = ()
    layer: str = "text"  # "text", "editors", "readers" or "draft": who draws it
    # An editors' link's one line: why the editors draw it; a draft's: who would draw it.
    justification: str = ""
    undercut_layers: tuple[str, ...] = ()  # each undercut's layer, as `undercut_by`; text


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
    participant_index: int | None  # None: the neutral colour
    contributed: bool = False  # the row for readers' proposals: white, dashed
    argument: bool = False  # the row for arguments: a double outline

    @property
    def fill(self) -> str:
        if self.contributed or self.argument:
            return "#FFFFFF"
        return participant_colours(self.participant_index)[0]


class Html(str):
    """A Graphviz HTML-like label, written as it is: built only from escaped text."""


def participant_colours(index: int | None) -> tuple[str, str, str]:
    """(fill, text colour, style) of a holder's boxes: a hue of its own for the holders with
    the most claims in a view (`palette.hues_for`), the neutral colour for the others."""
    if index is None or not 0 <= index < len(PALETTE):
        return NEUTRAL[0], NEUTRAL[1], "rounded,filled"
    fill, text = PALETTE[index]
    return fill, text, "rounded,filled"


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


# Characters XML 1.0 does not allow (Graphviz would copy them into the SVG, which would then
# not parse) or that a reader cannot see: each becomes a space.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def html_text(text: str) -> str:
    """Text escaped for a Graphviz HTML-like label."""
    text = UNPRINTABLE.sub(" ", text)
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
    if node.draft:  # one run of text: Graphviz spaces runs of two colours unevenly
        holder = f'<FONT COLOR="{palette.DRAFT_COLOUR}">✎ {html_text(node.draft)} · {holder}</FONT>'
    if node.title:
        title = html_text(shorten(node.title, width))
        holder += f'</B></FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="9"><B><I>{title}</I>'
    return Html(
        f'<<FONT POINT-SIZE="9"><B>{holder}</B></FONT><BR ALIGN="LEFT"/>{body}<BR ALIGN="LEFT"/>>'
    )


# How `dot` names the node whose label it refused ("... in label of node c12").
REFUSED_NODE = re.compile(r"in label of node c([0-9]{1,18})\b")


def refused_claim_ids(error: str) -> list[int]:
    """The claims whose labels Graphviz's error message says it could not read, in order."""
    return list(dict.fromkeys(int(found) for found in REFUSED_NODE.findall(error)))


def dot_text(text: str) -> str:
    """Text for a quoted DOT attribute: backslashes doubled, one line, never read as HTML.
    Graphviz reads character references (`&#x41;`, `&lt;`) in attributes, so `&` is
    escaped too: the text shows as written."""
    text = " ".join(UNPRINTABLE.sub(" ", text).split())
    return graphviz.escape(text.replace("&", "&amp;"))


def dot_url(url: str) -> str:
    """An address for a quoted DOT attribute. Its `&` stay as they are: Graphviz escapes
    them in SVG, and writes them as given in a PDF's links."""
    return graphviz.escape(" ".join(url.split()))


def legend_label(
    entries: list[LegendEntry],
    kinds: list[str],
    title: str,
    kind_names: dict[str, str],
    standing_names: dict[str, str] | None = None,
    layers: list[str] | tuple = (),
    layer_names: dict[str, str] | None = None,
) -> str:
    rows = [f'<TR><TD COLSPAN="2"><B>{html_text(title)}</B></TD></TR>']
    for label, name in (standing_names or {}).items():
        colour, mark = STANDING_STYLES[label]
        rows.append(
            f'<TR><TD><FONT COLOR="{colour}"><B>{mark}</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{html_text(name)}</TD></TR>'
        )
    for entry in entries:
        rows.append(
            f'<TR><TD BGCOLOR="{entry.fill}" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT">{html_text(entry.name)}</TD></TR>'
        )
    for kind in kinds:
        colour, _head = EDGE_STYLES.get(kind, UNDERCUT_STYLE)
        rows.append(
            f'<TR><TD><FONT COLOR="{colour}"><B>→</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{html_text(kind_names[kind])}</TD></TR>'
        )
    names = {**DEFAULT_LAYER_NAMES, **(layer_names or {})}
    for layer in layers:
        colour, _line, sample = LAYER_STYLES[layer]
        rows.append(
            f'<TR><TD><FONT COLOR="{colour or "#000000"}"><B>{sample}</B></FONT></TD>'
            f'<TD ALIGN="LEFT">{html_text(names[layer])}</TD></TR>'
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


def row_ends(
    members: list[str], ties: list[tuple[str, str, int]], row: int, lowest: bool
) -> list[str]:
    """The boxes of a row that nothing of the row hangs under (`lowest`) or that hang under
    nothing of the row: each group of boxes joined by edges keeps its own, and a group
    without any (a cycle) keeps all its boxes, so every box stays inside its row."""
    inside = [(lower, upper) for lower, upper, tied_row in ties if tied_row == row]
    busy = {upper if lowest else lower for lower, upper in inside}
    group = {member: member for member in members}

    def find(name: str) -> str:
        while group[name] != name:
            group[name] = group[group[name]]
            name = group[name]
        return name

    for lower, upper in inside:
        if lower in group and upper in group:
            group[find(lower)] = find(upper)
    ends_of: dict[str, list[str]] = {}
    for member in members:
        ends_of.setdefault(find(member), [])
        if member not in busy:
            ends_of[find(member)].append(member)
    kept = set()
    for root, ends in ends_of.items():
        kept.update(ends or [m for m in members if find(m) == root])
    return [member for member in members if member in kept]


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
    layer_names: dict[str, str] | None = None,
    layer_words: dict[str, str] | None = None,
    rows: dict[int, int] | None = None,
    relation_names: dict[str, str] | None = None,
) -> str:
    """The DOT text: one node per claim, arguments pointing at what they bear on.

    `rows` gives each claim's row (0 at the top) when the trees are packed into rows
    (`shape.rows_of_trees`): each row is drawn under the one before it.

    Written directly rather than through graphviz.Digraph: on large maps its quoting of
    every attribute cost more than the rest of the map's assembly. What every node shares
    is set once as a default. `layer_names` name the line styles in the legend,
    `layer_words` the editors' links and readers' proposals in tooltips, `relation_names`
    each relation from its ends' holders (`DEFAULT_RELATION_NAMES`).

    Each relation's line has an id naming its ends (`relation_id`), so the page can move
    from a claim to what answers it (map-keys.js)."""
    kind_names = {**DEFAULT_KIND_NAMES, **(kind_names or {})}
    relation_names = {**DEFAULT_RELATION_NAMES, **(relation_names or {})}
    layer_words = {**DEFAULT_LAYER_WORDS, **(layer_words or {})}
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
    holders = {node.id: node.holder for node in nodes}
    in_cluster: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        for node_id in cluster.node_ids:
            in_cluster.setdefault(node_id, index)
    clustered: list[list[str]] = [[] for _cluster in clusters]
    for node in nodes:
        fill, text, style = participant_colours(node.participant_index)
        if node.contributed or node.draft:
            fill, text, style = "#FFFFFF", "#000000", "rounded,filled,dashed"
        tooltip = f"{node.holder}: {node.statement}"
        if node.title:
            tooltip = f"{node.holder}: {node.title}: {node.statement}"
        if node.quotation:
            tooltip += f" — {node.quoted}"
        if node.note:
            tooltip += f" — {node.note}"
        values = {
            "label": node_label(node, label_width, label_limit),
            "style": style,
            "fillcolor": fill,
            "URL": dot_url(node.url),
            "tooltip": dot_text(shorten(tooltip, 600)),
            "id": f"claim-{node.id}",
        }
        if node.argument:  # a double outline, as argument nodes stand apart in Argdown
            values["peripheries"] = "2"
        if text != "#000000":
            values["fontcolor"] = text
        if node.standing:
            values.update({"color": STANDING_STYLES[node.standing][0], "penwidth": "3"})
            values["class"] = f"standing-{node.standing}"
        if node.focus:
            values.update({"penwidth": "4", "class": "focus", "color": palette.FOCUS_RING})
        if node.draft:
            values.update({"penwidth": "3", "class": "draft", "color": palette.DRAFT_COLOUR})
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
    rows = rows or {}
    # The claims (and "+N more" boxes) of each row, which the next row is drawn under.
    below: dict[int, list[str]] = {}
    # Edges that hold two boxes of one row one under the other (lower, upper).
    ties: list[tuple[str, str, int]] = []

    def tie(lower: str, upper: str, row: int | None) -> None:
        if row is not None:
            ties.append((lower, upper, row))

    for claim_id, row in rows.items():
        if claim_id in known:
            below.setdefault(row, []).append(f"c{claim_id}")

    def free(lower: int, upper: int) -> str:
        """An edge drawn upwards (from `lower` to `upper`) that runs down to a later row:
        drawn, but without moving the rows."""
        return " constraint=false" if rows.get(upper, 0) > rows.get(lower, 0) else ""

    folded_attributes = (
        'shape="box" style="rounded,dashed,filled" fillcolor="#F2F2F2" color="#555555"'
    )
    for folded in more:
        values = {
            "label": dot_text(folded.label),
            "URL": dot_url(folded.url),
            "tooltip": dot_text(folded.label),
            "id": f"more-{folded.id}",
        }
        lines.append(f'\t"{folded.id}" [{folded_attributes} {attributes(values)}]')
        if rows and folded.parent_id in rows:
            below.setdefault(rows[folded.parent_id], []).append(f'"{folded.id}"')
        if folded.parent_id in known:
            lines.append(f'\t"{folded.id}" -> c{folded.parent_id} [style="dotted" color="#555555"]')
            tie(f'"{folded.id}"', f"c{folded.parent_id}", rows.get(folded.parent_id))
    undercut = False
    layers_drawn: set[str] = set()
    styles: dict[str, str] = {}
    for edge in edges:
        if edge.from_id not in known or edge.to_id not in known:
            continue
        colour, head = EDGE_STYLES[edge.kind]
        style = styles.get(edge.layer + edge.kind)
        if style is None:
            style = styles[edge.layer + edge.kind] = edge_style(edge.layer, colour)
        name = relation_names[edge.kind] % {
            "source": holders[edge.from_id],
            "target": holders[edge.to_id],
        }
        # The one line a screen reader names the relation by: its id, and its tooltip.
        named = (
            f"{style} tooltip={quote(dot_text(edge_tooltip(edge, name, layer_words)))}"
            f' id="{relation_id(edge.from_id, edge.to_id, edge.kind)}"'
        )
        layers_drawn.add(edge.layer)
        undercut_layers = edge.undercut_layers or ("text",) * len(edge.undercut_by)
        undercutters = [
            (claim, layer)
            for claim, layer in zip(edge.undercut_by, undercut_layers, strict=True)
            if claim in known
        ]
        same_row = (
            rows.get(edge.from_id) if rows.get(edge.from_id) == rows.get(edge.to_id) else None
        )
        if not undercutters:
            loose = free(edge.from_id, edge.to_id)
            lines.append(f"\tc{edge.from_id} -> c{edge.to_id} [arrowhead={head} {named}{loose}]")
            tie(f"c{edge.from_id}", f"c{edge.to_id}", same_row)
            continue
        # Graphviz draws no edge onto an edge: the relation passes through a point that the
        # undercutting claims aim at. Its first half carries its name, the second none, so
        # it is named once.
        undercut = True
        point = f"i{edge.from_id}_{edge.to_id}_{edge.kind}"
        lines.append(f'\t{point} [shape=point width="0.09" color="{colour}" {style}]')
        loose = free(edge.from_id, edge.to_id)
        lines.append(f"\tc{edge.from_id} -> {point} [arrowhead=none {named}{loose}]")
        lines.append(f"\t{point} -> c{edge.to_id} [arrowhead={head} {style}{loose}]")
        tie(f"c{edge.from_id}", f"c{edge.to_id}", same_row)
        colour, head = UNDERCUT_STYLE
        for claim, layer in undercutters:
            layers_drawn.add(layer)
            name = relation_names["undercut"] % {
                "source": holders[claim],
                "argument": holders[edge.from_id],
                "target": holders[edge.to_id],
            }
            if layer != "text":
                name = f"{name} — {layer_words[layer]}"
            loose = free(claim, edge.to_id)
            lines.append(
                f"\tc{claim} -> {point} [arrowhead={head} {edge_style(layer, colour)}"
                f" tooltip={quote(dot_text(name))}"
                f' id="{undercut_id(claim, edge.from_id, edge.to_id, edge.kind)}"{loose}]'
            )
    # Each row hangs under an invisible point that hangs under the whole row before it;
    # weight 0, so the points pull nothing sideways. Tying the point to the lowest boxes of
    # the row above and the highest of its own is enough (the rest hang from them) and
    # spares Graphviz thousands of crossings to weigh: a third of its time on a whole map.
    for row in range(1, max(below, default=0) + 1):
        lines.append(f'\trow{row} [shape=point style=invis width="0" label=""]')
        for upper in row_ends(below.get(row - 1, []), ties, row - 1, lowest=True):
            lines.append(f'\trow{row} -> {upper} [style=invis weight="0"]')
        for lower in row_ends(below.get(row, []), ties, row, lowest=False):
            lines.append(f'\t{lower} -> row{row} [style=invis weight="0"]')
    if legend is not None:
        kinds = [kind for kind in EDGE_STYLES if any(edge.kind == kind for edge in edges)]
        if undercut:
            kinds.append("undercut")
        layers = [layer for layer in LAYER_STYLES if layer in layers_drawn]
        values = {
            "label": legend_label(
                legend, kinds, legend_title, kind_names, standing_names, layers, layer_names
            ),
            "shape": "plaintext",
            "tooltip": dot_text(legend_title),
        }
        lines.append(f"\tlegend [{attributes(values)}]")
        # On the first rank drawn, at the top (the bottom rank when the map reads upwards).
        lines.append(f"\t{{rank={'max' if rankdir == 'BT' else 'min'}; legend}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def relation_id(from_id: int, to_id: int, kind: str) -> str:
    """The id of a relation's line: `r<from>_<to>_<kind>`, read by map-keys.js."""
    return f"r{from_id}_{to_id}_{kind}"


def undercut_id(claim_id: int, from_id: int, to_id: int, kind: str) -> str:
    """The id of an undercut's line: `u<claim>_` then the undercut relation's ends."""
    return f"u{claim_id}_{from_id}_{to_id}_{kind}"


def edge_tooltip(edge: MapEdge, name: str, layer_words: dict[str, str]) -> str:
    """What hovering a relation says, and a screen reader reads: who answers whom and how,
    then who draws it unless the text does; an editors' link says why the editors draw it."""
    if edge.layer == "editors":
        return f"{name} — {layer_words['editors']}: {edge.justification}"
    if edge.layer == "readers":
        return f"{name} — {layer_words['readers']}"
    if edge.layer == "draft":
        word = layer_words["draft"]
        return (
            f"{name} — {word}: {edge.justification}" if edge.justification else f"{name} — {word}"
        )
    return name


def edge_style(layer: str, kind_colour: str) -> str:
    """A relation's colour and line style: its kind's colour unless its layer has its own,
    its layer's line style (the text's own arguments solid, as before)."""
    colour, line, _sample = LAYER_STYLES[layer]
    marked = f' class="layer-{layer}"' if layer != "text" else ""
    if layer == "draft":  # thick, so that it reads apart from the editors' dashed links
        marked += ' penwidth="2.8"'
    return f'color="{colour or kind_colour}" style={line}{marked}'
