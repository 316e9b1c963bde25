"""The shape of a map without a focus: its trees packed into rows, so that the drawing is
about as wide as a screen rather than a strip. Pure.

A debate is read from its theses down the arguments bearing on them (the reading tree).
Graphviz puts every thesis on one rank, so thirty theses side by side make a band fifteen
thousand points wide. Packing the trees into rows (in reading order: the most argued first)
and asking Graphviz to stack the rows gives a drawing whose aspect ratio we choose.
"""

from __future__ import annotations

import math

# A drawn box, with the space between boxes, in points: 28 characters of 10 pt Helvetica,
# and five lines under the holder's name. Measured on the shipped debate's drawing.
BOX_WIDTH = 200
LEVEL_HEIGHT = 110
# Width over height of the drawing aimed at: a desktop screen's frame is about 2:1, a
# phone's about 1:2; a little wider than square reads on both after one scroll.
ASPECT = 1.5


def tree_sizes(
    roots: list[int], children: dict[int, list[int]], folded: set[int]
) -> dict[int, tuple[int, int]]:
    """Each tree's width (its leaves, a "+N more" box counting as one) and height (its
    levels), by root. `folded` are the claims with a "+N more" box under them."""
    sizes: dict[int, tuple[int, int]] = {}
    for root in roots:
        width = height = 0
        stack = [(root, 1)]
        while stack:
            claim_id, level = stack.pop()
            kids = children.get(claim_id, ())
            extra = 1 if claim_id in folded else 0
            if not kids:
                width += max(1, extra)
                height = max(height, level + extra)
                continue
            width += extra
            height = max(height, level + extra)
            stack.extend((kid, level + 1) for kid in kids)
        sizes[root] = (width, height)
    return sizes


def pack(sizes: list[tuple[int, int]], capacity: float) -> list[list[int]]:
    """Indexes of the trees in each row, in order: a row takes trees until the next one
    would pass `capacity` boxes (a tree wider than that has a row of its own)."""
    rows: list[list[int]] = []
    width = 0
    for index, (tree_width, _height) in enumerate(sizes):
        if rows and width + tree_width <= capacity:
            rows[-1].append(index)
            width += tree_width
        else:
            rows.append([index])
            width = tree_width
    return rows


def drawn_size(rows: list[list[int]], sizes: list[tuple[int, int]]) -> tuple[float, float]:
    """The estimated width and height, in points, of rows of trees."""
    width = max(sum(sizes[i][0] for i in row) for row in rows) * BOX_WIDTH
    height = sum(max(sizes[i][1] for i in row) for row in rows) * LEVEL_HEIGHT
    return width, height


def rows_of_trees(
    roots: list[int],
    children: dict[int, list[int]],
    folded: set[int] = frozenset(),
    aspect: float = ASPECT,
) -> dict[int, int]:
    """The row of every claim in the trees (0 at the top), packed for the drawing's aspect
    ratio to come closest to `aspect`; empty when one row is best."""
    if len(roots) < 2:
        return {}
    by_root = tree_sizes(roots, children, folded)
    sizes = [by_root[root] for root in roots]
    total = sum(width for width, _height in sizes)
    best: tuple[float, list[list[int]]] | None = None
    for count in range(1, len(roots) + 1):
        rows = pack(sizes, math.ceil(total / count))
        width, height = drawn_size(rows, sizes)
        miss = abs(math.log(width / height / aspect))
        if best is None or miss < best[0]:
            best = (miss, rows)
        if len(rows) == len(roots):
            break
    rows = best[1]
    if len(rows) < 2:
        return {}
    row_of: dict[int, int] = {}
    for row_index, row in enumerate(rows):
        for tree_index in row:
            stack = [roots[tree_index]]
            while stack:
                claim_id = stack.pop()
                row_of[claim_id] = row_index
                stack.extend(children.get(claim_id, ()))
    return row_of
