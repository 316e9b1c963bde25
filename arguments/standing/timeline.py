"""What a perspective holds at a date, and the controversy replayed date by date. Pure.

Works on the light rows the map reads (`record.rows.ClaimRow`, `LinkRow`) plus undercuts, so
the replay of a debate is tested and measured without a database. A claim or relation
enters on the day it was surely public (`record.rows.surely_public_by`): a text dated by its
month counts from the month's last day, by its year from 31 December; undated ones are left
out of any dated view, and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import NamedTuple

from arguments.record.rows import ClaimRow, LinkRow
from arguments.standing.acceptability import Labelling, grounded

RelationKey = tuple[int, int, str]  # (from claim, to claim, kind): unique in a debate


class UndercutRow(NamedTuple):
    claim_id: int
    relation: RelationKey
    drawn_by_id: int | None = None
    known_since: date | None = None
    proposed: bool = False
    by_editors: bool = False


@dataclass(frozen=True)
class Perspective:
    """Whose map: the texts' own arguments, with the editors' links and readers' proposals
    counted or not (by default not: no reader and no inference sways the labels), or one
    participant's commitments: the claims they hold and the relations they draw, with the
    claims those relations join."""

    holder_id: int | None = None
    proposals: bool = False
    editors: bool = False

    def counts(self, row: ClaimRow | LinkRow | UndercutRow) -> bool:
        """Whether the row is in this perspective as far as its layer goes."""
        if row.proposed and not self.proposals:
            return False
        return self.editors or not getattr(row, "by_editors", False)

    @classmethod
    def counting(cls, layers: tuple[str, ...], holder_id: int | None = None) -> Perspective:
        """The perspective a `count` parameter asks for (see `record.params.counted_layers`)."""
        return cls(holder_id, proposals="proposals" in layers, editors="editors" in layers)

    @property
    def texts_only(self) -> bool:
        return not (self.proposals or self.editors)

    def draws(self, row: LinkRow | UndercutRow, author_id: int | None) -> bool:
        """Whether a relation or undercut is this perspective's: in one participant's view,
        what they draw, or argue unsigned from a claim of theirs (`author_id` holds it)."""
        holder = self.holder_id
        return (
            holder is None
            or row.drawn_by_id == holder
            or (row.drawn_by_id is None and author_id == holder)
        )


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
    """The claims and relations of `perspective` surely public by `as_of` (all, if None).
    Written out loop by loop (no method call per row): it runs over every row of the
    debate, twice for each step of the replay."""
    holder = perspective.holder_id
    proposals, editors = perspective.proposals, perspective.editors
    # A claim's layer is the text's or a reader's proposal (`Perspective.counts`).
    present = {
        claim.id: claim
        for claim in claims
        if (proposals or not claim.proposed)
        and (as_of is None or (claim.known_since is not None and claim.known_since <= as_of))
    }
    attacks = []
    supports = []
    drawn = set()
    ends = set()
    for link in links:
        from_id, to_id, kind = link.from_id, link.to_id, link.kind
        if from_id not in present or to_id not in present:
            continue
        if as_of is not None and (link.known_since is None or link.known_since > as_of):
            continue
        if (link.proposed and not proposals) or (link.by_editors and not editors):
            continue
        if holder is not None and not perspective.draws(link, present[from_id].holder_id):
            continue
        key = (from_id, to_id, kind)
        drawn.add(key)
        if kind == "objection":
            attacks.append((key, from_id, to_id))
        else:
            supports.append(key)
        if holder is not None:
            ends.add(from_id)
            ends.add(to_id)
    if holder is None:
        kept = set(present)
    else:
        kept = {claim_id for claim_id, claim in present.items() if claim.holder_id == holder}
        kept |= ends
    return Framework(
        claims=sorted(kept),
        attacks=attacks,
        supports=supports,
        undercuts=[
            (undercut.claim_id, undercut.relation)
            for undercut in undercuts
            if undercut.claim_id in kept
            and undercut.relation in drawn
            and _known_by(undercut.known_since, as_of)
            and perspective.counts(undercut)
            and perspective.draws(undercut, present[undercut.claim_id].holder_id)
        ],
    )


@dataclass(frozen=True)
class Moment:
    """A date on which something entered the perspective, and how much."""

    date: date
    new_claims: int
    new_relations: int
    new_undercuts: int


@dataclass
class Timeline:
    moments: list[Moment]
    undated_claims: int  # in the perspective but with no date: at no moment


def timeline(
    claims: list[ClaimRow],
    links: list[LinkRow],
    undercuts: list[UndercutRow],
    perspective: Perspective = Perspective(),
) -> Timeline:
    """The dates on which `framework(..., as_of=date)` grows, found in one pass over the rows
    in date order (no labelling): cheap whatever the number of dates. What enters stays, so
    the framework only grows with the date."""
    holder = perspective.holder_id
    proposals, editors = perspective.proposals, perspective.editors
    by_id = {c.id: c for c in claims if proposals or not c.proposed}  # as `counts` has it
    events: list[tuple[date, int, object]] = []  # (date, order: claims first, row)
    events += [(c.known_since, 0, c) for c in by_id.values() if c.known_since]
    events += [
        (link.known_since, 1, link)
        for link in links
        if link.known_since
        and (proposals or not link.proposed)
        and (editors or not link.by_editors)
    ]
    events += [(u.known_since, 2, u) for u in undercuts if u.known_since and perspective.counts(u)]
    events.sort(key=itemgetter(0, 1))

    present: set[int] = set()
    kept: set[int] = set()
    accepted: set[RelationKey] = set()
    waiting_links: dict[int, list[LinkRow]] = {}  # a link waiting for this claim to appear
    waiting_undercuts: list[UndercutRow] = []  # waiting for their claim or relation
    counts = [0, 0, 0]
    moments: list[Moment] = []

    def keep(claim_id: int) -> None:
        if claim_id not in kept:
            kept.add(claim_id)
            counts[0] += 1

    def offer_link(link: LinkRow) -> None:
        for end in (link.from_id, link.to_id):
            if end not in present:
                waiting_links.setdefault(end, []).append(link)
                return
        if not perspective.draws(link, by_id[link.from_id].holder_id):
            return
        accepted.add((link.from_id, link.to_id, link.kind))
        counts[1] += 1
        keep(link.from_id)
        keep(link.to_id)

    def offer_undercuts() -> None:
        still = []
        for undercut in waiting_undercuts:
            if undercut.claim_id in kept and undercut.relation in accepted:
                if perspective.draws(undercut, by_id[undercut.claim_id].holder_id):
                    counts[2] += 1
            elif undercut.claim_id in by_id and undercut.relation[0] in by_id:
                still.append(undercut)  # may still come in
        waiting_undercuts[:] = still

    index = 0
    while index < len(events):
        day = events[index][0]
        before = list(counts)
        while index < len(events) and events[index][0] == day:
            _day, order, row = events[index]
            index += 1
            if order == 0:
                present.add(row.id)
                if holder is None or row.holder_id == holder:
                    keep(row.id)
                for link in waiting_links.pop(row.id, []):
                    offer_link(link)
            elif order == 1:
                if row.from_id in by_id and row.to_id in by_id:
                    offer_link(row)
            else:
                waiting_undercuts.append(row)
        offer_undercuts()
        if counts != before:
            moments.append(
                Moment(day, *(now - then for now, then in zip(counts, before, strict=True)))
            )
    if holder is None:
        # Every claim the perspective counts is in its view: no framework to build.
        undated = sum(1 for c in by_id.values() if c.known_since is None)
    else:
        in_view = set(framework(claims, links, undercuts, perspective).claims)
        undated = sum(1 for c in by_id.values() if c.id in in_view and c.known_since is None)
    return Timeline(moments, undated)


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


def step(
    claims: list[ClaimRow],
    links: list[LinkRow],
    undercuts: list[UndercutRow],
    perspective: Perspective,
    day: date,
    previous: date | None,
) -> Step:
    """The perspective as of `day`, labelled, against what it was as of `previous` (nothing,
    if None): two frameworks and two labellings, whatever the number of dates."""
    now = framework(claims, links, undercuts, perspective, as_of=day)
    before = (
        framework(claims, links, undercuts, perspective, as_of=previous)
        if previous
        else Framework([], [], [], [])
    )
    labelling = now.labelled()
    before_labels = before.labelled().claims if before.claims else {}
    old = set(before.claims)
    old_relations = {key for key, _a, _b in before.attacks} | set(before.supports)
    new_relations = {key for key, _a, _b in now.attacks if key not in old_relations}
    new_relations |= {key for key in now.supports if key not in old_relations}
    old_undercuts = set(before.undercuts)
    result = Step(
        date=day,
        labelling=labelling,
        new_claims=[c for c in now.claims if c not in old],
        new_relations=sorted(new_relations),
        new_undercuts=sorted(u for u in now.undercuts if u not in old_undercuts),
        newly_attacked=sorted(
            {attacked for key, _a, attacked in now.attacks if key in new_relations} & old
        ),
    )
    for claim, label in labelling.claims.items():
        if claim not in old:
            continue
        was = before_labels[claim]
        if was != "in" and label == "in":
            result.reinstated.append(claim)
        elif was == "in" and label == "out":
            result.fell.append(claim)
        elif was != "undec" and label == "undec":
            result.undecided.append(claim)
    return result


def replay(
    claims: list[ClaimRow],
    links: list[LinkRow],
    undercuts: list[UndercutRow],
    perspective: Perspective = Perspective(),
) -> list[Step]:
    """Every step in detail (two labellings a date: for tests, notes and small debates; a
    page shows one step at a time)."""
    moments = timeline(claims, links, undercuts, perspective).moments
    days = [moment.date for moment in moments]
    return [
        step(claims, links, undercuts, perspective, day, days[index - 1] if index else None)
        for index, day in enumerate(days)
    ]
