"""Which claims and relations a map shows, and how a map too big to draw is collapsed.

Pure: works on light rows (ids, dates, kinds) that the caller reads from the database, so
the selection of a 10,000-claim debate is tested and measured without one.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass, field
from datetime import date

from arguments.record.rows import ClaimRow, LinkRow

ALL_KINDS = frozenset({"support", "objection", "rephrase"})
ARGUMENT_KINDS = frozenset({"support", "objection"})
ROOT_SHARE = 12  # a folded map starts from at most budget / ROOT_SHARE theses
# The overview of a whole map draws the theses and what answers them directly; deeper
# branches fold into "+N more" boxes that open in place. Small maps are drawn whole.
OVERVIEW_DEPTH = 1
OVERVIEW_FROM = 60  # claims in a view from which the overview folds


@dataclass(frozen=True)
class Scope:
    """The filters of one view of the map."""

    focus_id: int | None = None
    depth: int = 2
    holder_ids: frozenset[int] = frozenset()
    source_id: int | None = None
    as_of: date | None = None
    kinds: frozenset[str] = ALL_KINDS
    proposals: bool = True
    editors: bool = True  # the editors' links (their own reading, not a text's argument)
    expanded: frozenset[int] = frozenset()
    budget: int = 400
    overview: bool = False  # fold below the theses' direct answers (whole maps, not a focus)


@dataclass(frozen=True)
class Hidden:
    """What a collapsed branch holds: its arguments not drawn, and all claims under them."""

    arguments: int
    claims: int


@dataclass
class Selection:
    claim_ids: list[int]
    links: list[LinkRow]
    roots: list[int]
    in_scope: int  # claims in the view before collapsing
    undated_left_out: int = 0
    hidden: dict[int, Hidden] = field(default_factory=dict)  # parent id -> what is folded
    hidden_roots: Hidden | None = None  # theses not drawn
    overview: bool = False  # folded to the theses and their direct answers

    @property
    def collapsed(self) -> bool:
        return bool(self.hidden) or self.hidden_roots is not None


def select(claims: list[ClaimRow], links: list[LinkRow], scope: Scope) -> Selection:
    """The claims and relations of the view, in the order of `claims`, collapsed to the
    scope's budget when there are more."""
    present: dict[int, ClaimRow] = {}
    undated = 0
    for claim in claims:
        if claim.proposed and not scope.proposals:
            continue
        if scope.as_of is not None:
            if claim.known_since is None:
                undated += 1
                continue
            if claim.known_since > scope.as_of:
                continue
        present[claim.id] = claim
    kept_links = [
        link
        for link in links
        if link.from_id in present
        and link.to_id in present
        and link.kind in scope.kinds
        and (scope.proposals or not link.proposed)
        and (scope.editors or not link.by_editors)
        and (scope.as_of is None or (link.known_since and link.known_since <= scope.as_of))
    ]
    ids = set(present)
    if scope.kinds != ALL_KINDS:
        # Only some kinds of relation: the claims they join, not every claim left unlinked.
        ids = {end for link in kept_links for end in (link.from_id, link.to_id)}
        ids |= {scope.focus_id} & set(present)
    if scope.source_id is not None:
        stated = {c.id for c in present.values() if scope.source_id in (c.source_id, c.via_id)}
        kept_links = [
            link
            for link in kept_links
            if link.source_id == scope.source_id
            or (link.from_id in stated and link.to_id in stated)
        ]
        ids = stated | {end for link in kept_links for end in (link.from_id, link.to_id)}
    if scope.holder_ids:
        held = {c.id for c in present.values() if c.holder_id in scope.holder_ids and c.id in ids}
        kept_links = [
            link
            for link in kept_links
            if link.from_id in held or link.drawn_by_id in scope.holder_ids
        ]
        ids = held | {end for link in kept_links for end in (link.from_id, link.to_id)}
    if scope.focus_id is not None:
        in_view = scope.focus_id in ids
        ids = neighbourhood(scope.focus_id, kept_links, scope.depth) if in_view else set()
    kept_links = [link for link in kept_links if link.from_id in ids and link.to_id in ids]
    ordered = [claim.id for claim in claims if claim.id in ids]
    roots = find_roots(ordered, kept_links, scope.focus_id)
    selection = Selection(ordered, kept_links, roots, len(ordered), undated)
    overview = scope.overview and scope.focus_id is None and len(ordered) >= OVERVIEW_FROM
    if len(ordered) > scope.budget or overview:
        collapse(selection, scope, OVERVIEW_DEPTH if overview else None)
        selection.overview = overview and selection.collapsed
    return selection


def neighbourhood(focus_id: int, links: list[LinkRow], depth: int) -> set[int]:
    """Claims within `depth` relations of the focus, in either direction."""
    neighbours: dict[int, set[int]] = {}
    for link in links:
        neighbours.setdefault(link.from_id, set()).add(link.to_id)
        neighbours.setdefault(link.to_id, set()).add(link.from_id)
    reached = {focus_id}
    frontier = {focus_id}
    for _level in range(depth):
        frontier = {n for c in frontier for n in neighbours.get(c, ())} - reached
        if not frontier:
            break
        reached |= frontier
    return reached


def find_roots(ordered: list[int], links: list[LinkRow], focus_id: int | None) -> list[int]:
    """Where reading starts: the focus, or the claims that argue for or against nothing
    on the map (theses), the most argued first."""
    if focus_id is not None:
        return [focus_id] if focus_id in ordered else []
    arguing = {link.from_id for link in links if link.kind in ARGUMENT_KINDS}
    incoming: dict[int, int] = {}
    for link in links:
        incoming[link.to_id] = incoming.get(link.to_id, 0) + 1
    roots = [claim_id for claim_id in ordered if claim_id not in arguing]
    return sorted(roots, key=lambda claim_id: -incoming.get(claim_id, 0))


def reading_tree(selection: Selection, undirected: bool) -> tuple[list[int], dict[int, list[int]]]:
    """A spanning tree of the map for reading and folding: each claim under the first claim
    it was reached from, breadth first from the roots. Arguments hang under what they bear
    on; around a focus, links count in both directions. Claims only reached through a cycle
    become roots of their own. Returns the roots and each claim's children."""
    adjacent: dict[int, list[int]] = {}
    for link in selection.links:
        adjacent.setdefault(link.to_id, []).append(link.from_id)
        if undirected:
            adjacent.setdefault(link.from_id, []).append(link.to_id)
    children: dict[int, list[int]] = {}
    seen: set[int] = set()
    roots: list[int] = []
    for start in [*selection.roots, *selection.claim_ids]:
        if start in seen:
            continue
        roots.append(start)
        seen.add(start)
        queue = deque([start])
        while queue:
            parent = queue.popleft()
            for child in adjacent.get(parent, ()):
                if child not in seen:
                    seen.add(child)
                    children.setdefault(parent, []).append(child)
                    queue.append(child)
    return roots, children


def collapse(selection: Selection, scope: Scope, max_depth: int | None = None) -> None:
    """Keep the `budget` claims that carry the most of the debate, fold the rest into
    "+N more" markers under the claim they hang from; with `max_depth`, also every claim
    deeper than that in the reading tree (the theses are at depth 0) unless expanded.

    Best first over the reading tree: the claim heading the largest branch is drawn first,
    so the map shows the main lines of the debate and folds the small ones. Claims the
    reader expanded (and the path down to them) come before anything else.
    """
    roots, children = reading_tree(selection, undirected=scope.focus_id is not None)
    parent = {child: p for p, kids in children.items() for child in kids}
    order = {claim_id: index for index, claim_id in enumerate(selection.claim_ids)}
    weight: dict[int, int] = {}
    depth = {root: 0 for root in roots}
    tree_order = breadth_first(roots, children)
    for claim_id in tree_order:
        for child in children.get(claim_id, ()):
            depth[child] = depth[claim_id] + 1
    for claim_id in reversed(tree_order):
        weight[claim_id] = 1 + sum(weight[child] for child in children.get(claim_id, ()))
    boosted: set[int] = set()
    for claim_id in scope.expanded:
        if claim_id not in order:
            continue
        boosted.update(children.get(claim_id, ()))
        while claim_id is not None and claim_id not in boosted:
            boosted.add(claim_id)
            claim_id = parent.get(claim_id)

    def key(claim_id: int) -> tuple[int, int, int]:
        return (0 if claim_id in boosted else 1, -weight[claim_id], order[claim_id])

    # A few theses drawn with their main arguments read better than a row of bare theses:
    # past a share of the budget, further theses wait until the drawn ones run out.
    ranked = sorted(roots, key=key)
    allowed = max(1, scope.budget // ROOT_SHARE)
    later = {root for root in ranked[allowed:] if root not in boosted}
    waiting = deque(root for root in ranked if root in later)
    heap = [(*key(root), root) for root in ranked if root not in later]
    heapq.heapify(heap)
    kept: set[int] = set()
    ceiling = scope.budget * 2  # expanded branches may overshoot the budget, within reason
    while heap or (waiting and len(kept) < scope.budget):
        if not heap:
            root = waiting.popleft()
            heap.append((*key(root), root))
        *_key, claim_id = heapq.heappop(heap)
        if len(kept) >= (ceiling if claim_id in boosted else scope.budget):
            continue
        kept.add(claim_id)
        for child in children.get(claim_id, ()):
            if max_depth is None or depth[child] <= max_depth or child in boosted:
                heapq.heappush(heap, (*key(child), child))
    for claim_id in kept:
        folded = [child for child in children.get(claim_id, ()) if child not in kept]
        if folded:
            selection.hidden[claim_id] = Hidden(len(folded), sum(weight[c] for c in folded))
    folded_roots = [root for root in roots if root not in kept]
    if folded_roots:
        selection.hidden_roots = Hidden(len(folded_roots), sum(weight[r] for r in folded_roots))
    selection.claim_ids = [claim_id for claim_id in selection.claim_ids if claim_id in kept]
    selection.links = [
        link for link in selection.links if link.from_id in kept and link.to_id in kept
    ]
    selection.roots = [root for root in selection.roots if root in kept]


def breadth_first(roots: list[int], children: dict[int, list[int]]) -> list[int]:
    order: list[int] = []
    queue = deque(roots)
    while queue:
        claim_id = queue.popleft()
        order.append(claim_id)
        queue.extend(children.get(claim_id, ()))
    return order
