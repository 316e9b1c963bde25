"""The argument map's colours: plain hex constants and the rule that hands hues out. Pure.

Chosen by bench/palette_search.py (coloraide, test extras only; the app never imports it)
and checked by tests/maps/test_palette.py, which recomputes every figure below.

Visions: normal, and deuteranopia and protanopia at full severity, each simulated three
ways (Viénot 1999, coloraide's default for dichromats; Brettel 1997; Machado 2009); every
distance is CIEDE2000 on lab-d65 and the smallest of the seven visions counts.

* Eight hues at ≥20 were not found together with the neutral fill, the proposals' white
  and a focus ring ≥20 from everything: the best seven-vision minimum found among the fills
  alone is 23.3 for 8, 24.8 for 7, 27.3 for 6, 31.0 for 5; with the rest of the palette
  eight broke the constraints by 0.4 ΔE. So seven participants get a hue.
* Minimum ΔE2000 among the seven hues: normal 21.75; deutan 21.00 (Viénot), 20.90
  (Brettel), 20.91 (Machado); protan 21.51 (Viénot), 21.47 (Brettel), 21.12 (Machado).
* Neutral fill vs hues: 20.55; proposals' white vs hues: ≥20; focus ring vs every other
  colour (text black and white included): 20.58.
* Reserved colours (relations, editors, standing) vs fills: 13.54 at least (not 20: with
  seven hues no better was found; with four hues 26 is reached).
* Support vs objection under dichromacy: 23.33; in vs out: 23.65.
* Text on fills ≥5.31:1; lines and focus ring on white ≥3.14:1; standing marks ≥4.51:1.
"""

from __future__ import annotations

# (fill, text) in assignment order: the most-held participant of a view gets the first.
PARTICIPANT_COLOURS: list[tuple[str, str]] = [
    ("#FFE187", "#000000"),
    ("#4B87A5", "#000000"),
    ("#844E00", "#FFFFFF"),
    ("#BA8718", "#000000"),
    ("#4ED2FF", "#000000"),
    ("#033CF9", "#FFFFFF"),
    ("#87A596", "#000000"),
]
# Holders beyond the hued ones: their name is printed in the box.
NEUTRAL: tuple[str, str] = ("#5A5A5A", "#FFFFFF")
# Readers' proposals: white, dashed outline.
PROPOSAL: tuple[str, str] = ("#FFFFFF", "#000000")
EDGE_COLOURS: dict[str, str] = {
    "support": "#1E875A",
    "objection": "#5A1E00",
    "rephrase": "#1E1E1E",
    "undercut": "#C35AFF",
}
EDITORS_COLOUR = "#8484FC"
# Editors' drafts (on the editors' own map only): a thick dashed outline and line in this
# magenta, with the word "draft" in the box or on the line, so they read without colour.
DRAFT_COLOUR = "#C8006E"
STANDING_COLOURS: dict[str, str] = {"in": "#002A00", "out": "#B1604E", "undec": "#2D2D2D"}
# Found nowhere else in the palette, nor in the site's CSS.
FOCUS_RING = "#0F0069"


def hues_for(claim_counts: dict[int, int], order: list[int] | None = None) -> dict[int, int | None]:
    """Each holder's index into PARTICIPANT_COLOURS, None (neutral) past the last hue.

    `claim_counts` gives each holder's claims in the view; the most-held come first, ties
    broken by `order` (the holders' positions in it) when given, else by holder id."""
    rank = {holder: position for position, holder in enumerate(order or [])}
    ranked = sorted(
        claim_counts,
        key=lambda holder: (-claim_counts[holder], rank.get(holder, len(rank)), holder),
    )
    return {
        holder: position if position < len(PARTICIPANT_COLOURS) else None
        for position, holder in enumerate(ranked)
    }
