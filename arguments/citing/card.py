"""The small map image of a shared link's preview: the map's DOT text bounded to a card's
size (1200 by 630 pixels at most, the size the large previews show). Pure."""

from __future__ import annotations

CARD_INCHES = (12, 6.3)
CARD_DPI = 100
START = "digraph argument_map {"


def card_dot(dot_source: str) -> str:
    """`dot_source` drawn at most the card's size (shrunk to fit, never enlarged), with no
    title over the boxes (the preview names the claim already). The graph attributes are
    given after the map's own, so they win."""
    head, brace, rest = dot_source.partition("{")
    if not brace or not head.strip().startswith("digraph"):
        raise ValueError("not a map's DOT text")
    width, height = CARD_INCHES
    bounded = f'\tgraph [size="{width},{height}" dpi="{CARD_DPI}" label="" pad="0.2"]\n'
    first_line, newline, others = rest.partition("\n")
    # The map's own graph attributes come first in its body: ours after them.
    if first_line.strip() == "" and others.lstrip().startswith("graph ["):
        graph_line, _newline, body = others.partition("\n")
        return f"{head}{{\n{graph_line}\n{bounded}{body}"
    return f"{head}{{{first_line}{newline}{bounded}{others}"
