"""The record as it was at a moment (a map view's revision, the moment its record last
changed): its claims and relations read from their history, so that a map cited then reads
as it did, whatever was reworded, removed or added since."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from arguments.record.models import Claim, Debate, Participant, Relation, sees_hidden

STAMP_FORMAT = "%Y%m%d%H%M%S%f"  # the revision of a map view: 20 digits, to the microsecond


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime(STAMP_FORMAT)


def moment(text: str) -> datetime.datetime | None:
    """The moment a stamp names; None when it names none."""
    if len(text) != 20 or not text.isdigit():
        return None
    try:
        return datetime.datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


@dataclass(frozen=True)
class RecordAt:
    claims: list  # (claim as it was, its holder's name), in reading order
    relations: list  # (relation as it was, its from claim, its to claim)


def record_at(debate: Debate, when: datetime.datetime, user, focus_id=None, depth=1):
    """The debate's claims and relations as they were at `when` (around `focus_id`, to
    `depth` relations, when given): none hidden then, nor hidden now from `user`."""
    claims = Claim.history.as_of(when).filter(debate_id=debate.pk, hidden_at__isnull=True)
    relations = Relation.history.as_of(when).filter(debate_id=debate.pk, hidden_at__isnull=True)
    if not sees_hidden(user):
        hidden_now = Claim.objects.filter(debate=debate, hidden_at__isnull=False).values("pk")
        claims = claims.exclude(id__in=hidden_now)
        relations = relations.exclude(
            id__in=Relation.objects.filter(hidden_at__isnull=False).values("pk")
        )
    by_id = {claim.pk: claim for claim in claims}
    links = [r for r in relations if r.from_claim_id in by_id and r.to_claim_id in by_id]
    if focus_id is not None:
        reached = within([(r.from_claim_id, r.to_claim_id) for r in links], focus_id, depth)
        by_id = {pk: claim for pk, claim in by_id.items() if pk in reached}
        links = [r for r in links if r.from_claim_id in by_id and r.to_claim_id in by_id]
    holders = dict(Participant.objects.filter(debate=debate).values_list("pk", "name"))
    ordered = sorted(by_id.values(), key=lambda claim: (claim.position, claim.pk))
    return RecordAt(
        claims=[(claim, holders.get(claim.holder_id, "")) for claim in ordered],
        relations=[(r, by_id[r.from_claim_id], by_id[r.to_claim_id]) for r in links],
    )


def within(links: list[tuple[int, int]], focus: int, depth: int) -> set[int]:
    """The claims at most `depth` relations from `focus`, either way."""
    neighbours: dict[int, set[int]] = {}
    for first, second in links:
        neighbours.setdefault(first, set()).add(second)
        neighbours.setdefault(second, set()).add(first)
    reached, frontier = {focus}, {focus}
    for _level in range(depth):
        frontier = {n for pk in frontier for n in neighbours.get(pk, ())} - reached
        reached |= frontier
    return reached
