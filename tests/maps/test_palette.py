"""The map's palette: distances and contrasts computed from palette.py's constants."""

import itertools

import pytest
from coloraide import Color

from arguments.maps import palette

VISIONS = [(None, None)] + [
    (kind, method) for kind in ("deutan", "protan") for method in ("vienot", "brettel", "machado")
]
DICHROMAT = VISIONS[1:]
FILLS = [fill for fill, _ in palette.PARTICIPANT_COLOURS]
RESERVED = [
    *palette.EDGE_COLOURS.values(),
    palette.EDITORS_COLOUR,
    *palette.STANDING_COLOURS.values(),
]


def seen(colour, kind, method):
    return Color(colour).filter(kind, 1, method=method) if kind else Color(colour)


def apart(one, other, visions=VISIONS):
    return min(seen(one, k, m).delta_e(seen(other, k, m), method="2000") for k, m in visions)


def test_hues_apart_in_every_vision():
    assert 1 <= len(FILLS) <= 8
    for one, other in itertools.combinations(FILLS, 2):
        assert apart(one, other) >= 20, (one, other)


def test_neutral_and_proposal_apart_from_hues():
    for fill in FILLS:
        assert apart(palette.NEUTRAL[0], fill) >= 20
        assert apart(palette.PROPOSAL[0], fill) >= 20


def test_reserved_outside_the_participants():
    assert min(apart(r, f) for r in RESERVED for f in [*FILLS, palette.NEUTRAL[0]]) >= 13.5


def test_focus_ring_unlike_anything_else():
    texts = {text for _, text in [*palette.PARTICIPANT_COLOURS, palette.NEUTRAL]}
    others = {*FILLS, palette.NEUTRAL[0], palette.PROPOSAL[0], *RESERVED, *texts}
    for other in others:
        assert apart(palette.FOCUS_RING, other) >= 20, other


def test_drafts_apart_from_the_other_lines_and_outlines():
    """A draft's outline and line read apart from the editors' violet, the undercuts' purple
    and the focus ring (its thickness and the word "draft" say it without colour too)."""
    for other in [palette.EDITORS_COLOUR, palette.EDGE_COLOURS["undercut"], palette.FOCUS_RING]:
        assert apart(palette.DRAFT_COLOUR, other) >= 13.5, other


def test_opposites_apart_for_dichromats():
    edges, standing = palette.EDGE_COLOURS, palette.STANDING_COLOURS
    assert apart(edges["support"], edges["objection"], DICHROMAT) >= 20
    assert apart(standing["in"], standing["out"], DICHROMAT) >= 20


def test_contrasts():
    for fill, text in [*palette.PARTICIPANT_COLOURS, palette.NEUTRAL, palette.PROPOSAL]:
        assert Color(fill).contrast(text, method="wcag21") >= 4.5, fill
    for line in [*palette.EDGE_COLOURS.values(), palette.EDITORS_COLOUR, palette.FOCUS_RING]:
        assert Color(line).contrast("#FFFFFF", method="wcag21") >= 3, line
    # The drafts' magenta is also the colour of the word "draft" in their boxes: text.
    assert Color(palette.DRAFT_COLOUR).contrast("#FFFFFF", method="wcag21") >= 4.5
    for mark in palette.STANDING_COLOURS.values():
        assert Color(mark).contrast("#FFFFFF", method="wcag21") >= 4.5, mark


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, {}),
        ({5: 2, 3: 7}, {3: 0, 5: 1}),
        ({9: 4, 2: 4, 4: 4}, {2: 0, 4: 1, 9: 2}),
    ],
)
def test_hues_for_few(counts, expected):
    assert palette.hues_for(counts) == expected


def test_hues_for_order_breaks_ties():
    assert palette.hues_for({1: 3, 2: 3}, order=[2, 1]) == {2: 0, 1: 1}


def test_hues_for_many():
    counts = {holder: 100 - holder for holder in range(1, 36)}
    hues = palette.hues_for(counts)
    hued = len(palette.PARTICIPANT_COLOURS)
    assert [hues[h] for h in range(1, hued + 1)] == list(range(hued))
    assert all(hues[h] is None for h in range(hued + 1, 36))
