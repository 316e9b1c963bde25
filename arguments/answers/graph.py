"""Who answers whom: the participants' graph of a debate, computed from its light rows
(`record.rows.ClaimRow`, `LinkRow`). Pure: no database.

A relation runs from whoever is credited with drawing it to the holder of the claim it bears
on. A text's own argument is credited to the participant who draws it (`drawn_by`: the
author of the text that argues it), or, unsigned, to the holder of the claim it argues
from; an editors' link to the editors; a reader's proposal to the readers. Objections and
supports are kept apart; restatements answer nobody. A participant's answers to themselves
are left out, and so are relations whose drawer or target's holder is unknown (unattributed
imported claims): both are counted, so the page can say so. Undercuts (objections to an
inference, not to a claim) are not counted.

The perspective and the date are the standing's (`standing.timeline.Perspective`): the
texts' own arguments by default, editors' links and readers' proposals when switched on
(its holder is not used); as of a date, what was surely public by then.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from arguments.maps.palette import hues_for
from arguments.record.rows import ClaimRow, LinkRow
from arguments.standing.timeline import Perspective, RelationKey

EDITORS = "editors"  # the editors, credited with their links: one node
READERS = "readers"  # readers' proposals, whoever made them: one node
Node = int | str  # a participant's id, or EDITORS / READERS
KINDS = ("objection", "support")
Pair = tuple[Node, Node, str]  # (who answers, whom, kind)


@dataclass
class AnswerGraph:
    """The relations between distinct nodes, by pair and kind, in the rows' order, and how
    many were left out, by reason."""

    pairs: dict[Pair, list[RelationKey]] = field(default_factory=dict)
    self_answers: int = 0  # a node answering itself: left out
    unknown: int = 0  # drawer or target's holder unknown: left out

    def count(self, drawer: Node, target: Node, kind: str) -> int:
        return len(self.pairs.get((drawer, target, kind), ()))

    @property
    def counts(self) -> dict[Pair, int]:
        return {pair: len(keys) for pair, keys in self.pairs.items()}

    @property
    def total(self) -> int:
        return sum(map(len, self.pairs.values()))

    @property
    def drawers(self) -> set[Node]:
        return {drawer for drawer, _target, _kind in self.pairs}

    @property
    def targets(self) -> set[Node]:
        return {target for _drawer, target, _kind in self.pairs}

    @property
    def answering_pairs(self) -> int:
        """How many ordered pairs of nodes answer (whatever the kind)."""
        return len({(drawer, target) for drawer, target, _kind in self.pairs})


def _known(since: datetime.date | None, as_of: datetime.date | None) -> bool:
    return as_of is None or (since is not None and since <= as_of)


def answer_graph(
    claims: Iterable[ClaimRow],
    links: Iterable[LinkRow],
    perspective: Perspective | None = None,
    as_of: datetime.date | None = None,
) -> AnswerGraph:
    """The answers of `perspective`'s layers surely public by `as_of` (all, if None): the
    relations `standing.timeline.framework` keeps, credited and grouped by pair."""
    perspective = perspective or Perspective()
    proposals, editors = perspective.proposals, perspective.editors
    present = {
        claim.id: claim
        for claim in claims
        if (proposals or not claim.proposed) and _known(claim.known_since, as_of)
    }
    graph = AnswerGraph()
    for link in links:
        if link.kind not in KINDS or link.from_id not in present or link.to_id not in present:
            continue
        if not _known(link.known_since, as_of):
            continue
        if (link.proposed and not proposals) or (link.by_editors and not editors):
            continue
        drawer = credited(link, present[link.from_id])
        target = holder_of(present[link.to_id])
        if drawer is None or target is None:
            graph.unknown += 1
        elif drawer == target:
            graph.self_answers += 1
        else:
            key = (link.from_id, link.to_id, link.kind)
            graph.pairs.setdefault((drawer, target, link.kind), []).append(key)
    return graph


def credited(link: LinkRow, source_claim: ClaimRow) -> Node | None:
    """Who is credited with drawing `link`, which argues from `source_claim`."""
    if link.by_editors:
        return EDITORS
    if link.proposed:
        return READERS
    if link.drawn_by_id is not None:
        return link.drawn_by_id
    return source_claim.holder_id


def holder_of(claim: ClaimRow) -> Node | None:
    """Whom a relation to `claim` answers: its holder, or the readers for a proposal."""
    if claim.holder_id is not None:
        return claim.holder_id
    return READERS if claim.proposed else None


def snapped(
    as_of: datetime.date | None, claims: Iterable[ClaimRow], links: Iterable[LinkRow]
) -> datetime.date | None:
    """The last day on or before `as_of` a claim or relation became public (the day before
    the first, when earlier): one address per step of the debate, as the map has it
    (`maps.views._snapped_to_a_step`), so kept pages are bounded by the steps."""
    if as_of is None:
        return None
    days = {row.known_since for row in (*claims, *links) if row.known_since is not None}
    if not days:
        return as_of
    step = max((day for day in days if day <= as_of), default=None)
    return step if step is not None else min(days) - datetime.timedelta(days=1)


def hues(claims: Iterable[ClaimRow]) -> dict[int, int | None]:
    """Each holder's hue (`palette.hues_for`), by claims held in the whole debate: the
    colours the whole map gives them."""
    held = Counter(claim.holder_id for claim in claims if claim.holder_id is not None)
    return hues_for(dict(held))
