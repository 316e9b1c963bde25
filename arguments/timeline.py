"""What a perspective holds at a date, and the controversy replayed date by date. Pure.

Works on the light rows the map reads (`map_graph.ClaimRow`, `LinkRow`) plus undercuts, so
the replay of a debate is tested and measured without a database. A claim or relation
enters on the day it was surely public (`map_graph.surely_public_by`): a text dated by its
month counts from the month's last day, by its year from 31 December; undated ones are left
out of any dated view, and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from .acceptability import Labelling, grounded
from .map_graph import ClaimRow, LinkRow

RelationKey = tuple[int, int, str]  # (from claim, to claim, kind): unique in a debate


class UndercutRow(NamedTuple):
    claim_id: int
    relation: RelationKey
    drawn_by_id: int | None = None
    known_since: date | None = None
    proposed: bool = False


@dataclass(frozen=True)
class Perspective:
    """Whose map: the whole record (and readers' proposals, or not), or one participant's
    commitments: the claims they hold and the relations they draw, with the claims those
    relations join."""

    holder_id: int | None = None
    proposals: bool = True


@dataclass
class Framework:
    claims: list[int]
    attacks: list[tuple[RelationKey, int, int]]  # (relation, attacker, attacked)
    supports: list[RelationKey]
    undercuts: list[tuple[int, RelationKey]]  # (undercutting claim, relation)

    def labelled(self) -> Labelling:
        return grounded(self.claims, self.attacks, self.undercuts)


def _known_by(since: date | None, as_of: date | None) -> bool:
    return as_of is None or (since is not None and since <= as_of)


def framework(
    claims: Iterable[ClaimRow],
    links: Iterable[LinkRow],
    undercuts: Iterable[UndercutRow],
    perspective: Perspective = Perspective(),
    as_of: date | None = None,
) -> Framework:
    """The claims and relations of `perspective` surely public by `as_of` (all, if None)."""
    holder = perspective.holder_id
    present = {
        claim.id: claim
        for claim in claims
        if _known_by(claim.known_since, as_of) and (perspective.proposals or not claim.proposed)
    }

    def drawn_here(link: LinkRow | UndercutRow, author: int | None) -> bool:
        # One participant's view: what they draw, or argue from a claim of theirs unsigned.
        return (
            holder is None
            or link.drawn_by_id == holder
            or (link.drawn_by_id is None and author == holder)
        )

    relations = [
        link
        for link in links
        if link.from_id in present
        and link.to_id in present
        and _known_by(link.known_since, as_of)
        and (perspective.proposals or not link.proposed)
        and drawn_here(link, present[link.from_id].holder_id)
    ]
    if holder is None:
        kept = set(present)
    else:
        kept = {claim_id for claim_id, claim in present.items() if claim.holder_id == holder}
        kept |= {link.from_id for link in relations} | {link.to_id for link in relations}
    drawn = {(link.from_id, link.to_id, link.kind) for link in relations}
    return Framework(
        claims=sorted(kept),
        attacks=[
            ((link.from_id, link.to_id, link.kind), link.from_id, link.to_id)
            for link in relations
            if link.kind == "objection"
        ],
        supports=[
            (link.from_id, link.to_id, link.kind) for link in relations if link.kind != "objection"
        ],
        undercuts=[
            (undercut.claim_id, undercut.relation)
            for undercut in undercuts
            if undercut.claim_id in kept
            and undercut.relation in drawn
            and _known_by(undercut.known_since, as_of)
            and (perspective.proposals or not undercut.proposed)
            and drawn_here(undercut, present[undercut.claim_id].holder_id)
        ],
    )


@dataclass
class Step:
    """One date of the replay: what entered the map, and what it changed."""

    date: date
    labelling: Labelling
    new_claims: list[int] = field(default_factory=list)
    new_relations: list[RelationKey] = field(default_factory=list)
    new_undercuts: list[tuple[int, RelationKey]] = field(default_factory=list)
    newly_attacked: list[int] = field(default_factory=list)  # already there, newly objected to
    reinstated: list[int] = field(default_factory=list)  # did not stand before, stands now
    fell: list[int] = field(default_factory=list)  # stood before, does not now
    undecided: list[int] = field(default_factory=list)  # stood or fell before, undecided now


@dataclass
class Replay:
    steps: list[Step]
    undated_claims: int  # in the perspective but with no date: in no step


def replay(
    claims: list[ClaimRow],
    links: list[LinkRow],
    undercuts: list[UndercutRow],
    perspective: Perspective = Perspective(),
) -> Replay:
    """The perspective at each date something entered it, labels computed afresh each time."""
    whole = framework(claims, links, undercuts, perspective)
    in_view = set(whole.claims)
    dates = sorted(
        {c.known_since for c in claims if c.id in in_view and c.known_since}
        | {link.known_since for link in links if link.known_since}
        | {u.known_since for u in undercuts if u.known_since}
    )
    undated = sum(1 for c in claims if c.id in in_view and c.known_since is None)
    steps: list[Step] = []
    before = Framework([], [], [], [])
    before_labels: dict[int, str] = {}
    for day in dates:
        now = framework(claims, links, undercuts, perspective, as_of=day)
        if not now.claims:
            continue
        old_relations = {key for key, _a, _b in before.attacks} | set(before.supports)
        new_relations = {key for key, _a, _b in now.attacks if key not in old_relations}
        new_relations |= {key for key in now.supports if key not in old_relations}
        if now.claims == before.claims and not new_relations and now.undercuts == before.undercuts:
            continue  # a date on which nothing in this perspective appeared
        labelling = now.labelled()
        labels = labelling.claims
        old = set(before.claims)
        old_undercuts = set(before.undercuts)
        step = Step(
            date=day,
            labelling=labelling,
            new_claims=[c for c in now.claims if c not in old],
            new_relations=sorted(new_relations),
            new_undercuts=sorted(u for u in now.undercuts if u not in old_undercuts),
            newly_attacked=sorted(
                {attacked for key, _a, attacked in now.attacks if key in new_relations} & old
            ),
        )
        for claim in now.claims:
            if claim not in old:
                continue
            was, is_ = before_labels[claim], labels[claim]
            if was != "in" and is_ == "in":
                step.reinstated.append(claim)
            elif was == "in" and is_ == "out":
                step.fell.append(claim)
            elif was != "undec" and is_ == "undec":
                step.undecided.append(claim)
        steps.append(step)
        before, before_labels = now, labels
    return Replay(steps=steps, undated_claims=undated)
