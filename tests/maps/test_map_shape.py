"""The whole map's shape: the overview's folding, the trees packed into rows, and the DOT
text that stacks the rows. Pure, and one real Graphviz run to measure the aspect ratio."""

import re
import shutil
import subprocess

import pytest

from arguments.maps import dot, shape
from arguments.maps.selection import OVERVIEW_DEPTH, OVERVIEW_FROM, Scope, reading_tree, select
from tests.maps.test_map_graph import big_debate

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def depths(selection) -> dict[int, int]:
    roots, children = reading_tree(selection, False)
    depth = {root: 0 for root in roots}
    stack = list(roots)
    while stack:
        claim_id = stack.pop()
        for child in children.get(claim_id, ()):
            depth[child] = depth[claim_id] + 1
            stack.append(child)
    return depth


def test_the_overview_draws_the_theses_and_their_direct_answers():
    claims, links = big_debate(theses=4, fan_out=3, depth=3)  # 4 trees of 40 claims
    selection = select(claims, links, Scope(overview=True))
    assert selection.overview and selection.collapsed and selection.in_scope == 160
    assert set(depths(selection).values()) == {0, 1} == set(range(OVERVIEW_DEPTH + 1))
    assert len(selection.claim_ids) == 4 + 4 * 3
    # Nothing is lost: what is not drawn is counted under the answer it hangs from.
    assert sum(hidden.claims for hidden in selection.hidden.values()) == 160 - 16


def test_a_folded_branch_of_the_overview_opens_in_place():
    claims, links = big_debate(theses=4, fan_out=3, depth=3)
    first = select(claims, links, Scope(overview=True))
    parent = next(iter(first.hidden))
    opened = select(claims, links, Scope(overview=True, expanded=frozenset({parent})))
    children = {link.from_id for link in links if link.to_id == parent}
    assert children <= set(opened.claim_ids) and opened.overview


def test_small_maps_and_maps_around_a_claim_are_not_folded_by_the_overview():
    claims, links = big_debate(theses=2, fan_out=3, depth=2)  # 26 claims
    assert len(claims) < OVERVIEW_FROM
    small = select(claims, links, Scope(overview=True))
    assert not small.overview and len(small.claim_ids) == 26
    claims, links = big_debate(theses=4, fan_out=3, depth=3)
    around = select(claims, links, Scope(overview=True, focus_id=claims[0].id, depth=3))
    assert not around.overview and not around.collapsed


def test_tree_sizes_count_leaves_and_folded_boxes():
    children = {1: [2, 3], 2: [4, 5]}
    assert shape.tree_sizes([1], children, set()) == {1: (3, 3)}
    # A "+N more" box under 3 is one more box wide and one level deeper.
    assert shape.tree_sizes([1], children, {3}) == {1: (3, 3)}
    assert shape.tree_sizes([1], {1: [2]}, {2}) == {1: (1, 3)}


def test_packing_keeps_the_order_and_gives_a_wide_tree_a_row_of_its_own():
    assert shape.pack([(2, 1), (2, 1), (9, 1), (1, 1)], capacity=4) == [[0, 1], [2], [3]]


def test_many_theses_are_packed_into_rows_near_the_aimed_aspect():
    roots = list(range(1, 31))
    children = {root: [100 + root * 2, 101 + root * 2] for root in roots}
    row_of = shape.rows_of_trees(roots, children)
    rows = sorted(set(row_of.values()))
    assert len(rows) > 2
    # Every claim of a tree is in its thesis's row, and the rows follow the reading order.
    assert all(row_of[kid] == row_of[root] for root in roots for kid in children[root])
    assert [row_of[root] for root in roots] == sorted(row_of[root] for root in roots)
    sizes = [(2, 2)] * 30
    packed = [[i for i in range(30) if row_of[roots[i]] == row] for row in rows]
    width, height = shape.drawn_size(packed, sizes)
    assert 0.75 <= width / height <= 3


def test_one_thesis_is_one_row():
    assert shape.rows_of_trees([1], {1: [2, 3]}) == {}


def stacked_map(theses: int = 12) -> str:
    nodes, edges, rows = [], [], {}
    roots = list(range(1, theses + 1))
    children = {}
    for root in roots:
        nodes.append(dot.MapNode(root, f"Thèse {root}", "Alice", 0, f"/c/{root}/"))
        kids = [100 + root * 2, 101 + root * 2]
        children[root] = kids
        for kid in kids:
            nodes.append(dot.MapNode(kid, f"Réponse {kid}", "Bruno", None, f"/c/{kid}/"))
            edges.append(dot.MapEdge(kid, root, "objection" if kid % 2 else "support"))
    # An editors' link from the first row's answer to the last row's thesis: against the
    # rows' order.
    edges.append(dot.MapEdge(102, theses, "support", layer="editors"))
    rows = shape.rows_of_trees(roots, children)
    return dot.build_dot(nodes, edges, title="Rangs", rows=rows), rows


def test_the_dot_text_stacks_the_rows_without_pulling_them_sideways():
    source, rows = stacked_map()
    last = max(rows.values())
    assert last >= 1
    for row in range(1, last + 1):
        assert f'\trow{row} [shape=point style=invis width="0" label=""]' in source
    assert 'style=invis weight="0"' in source
    assert "row0" not in source
    # A relation running between rows is drawn but does not move them.
    crossing = next(line for line in source.splitlines() if "c102 -> c12 " in line)
    assert "constraint=false" in crossing
    within = next(line for line in source.splitlines() if "c124 -> c12 " in line)
    assert "constraint=false" not in within


@needs_dot
def test_rows_make_a_drawing_nearer_a_screen_than_a_strip():
    def aspect(source: str) -> float:
        svg = subprocess.run(
            ["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True
        ).stdout.decode()
        width, height = re.search(r'viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"', svg).groups()
        return float(width) / float(height)

    stacked, _rows = stacked_map(30)
    flat = stacked.replace("constraint=false", "")
    flat = "\n".join(line for line in flat.splitlines() if "row" not in line) + "\n"
    assert aspect(flat) > 5  # thirty theses side by side: a strip
    assert 0.6 <= aspect(stacked) <= 2.5
