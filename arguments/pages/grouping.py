"""Claims of a page in groups a reader takes in at a glance: by the thesis they argue for or
against, or by the section of the text they come from. Pure: it reads the claims' `pk`,
`section` and their order as given (reading order), and (from, to) pairs of arguments; no
database.

By thesis: a claim belongs to the group of the claim it argues about, and so on up to a claim
that argues about none of those listed (the group's thesis). A claim arguing about several
goes with the first of them in reading order. Claims that argue about none and that none
argues about are gathered in one last group, without a thesis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Group:
    """A thesis (None for the claims left alone, or for a section) and its claims, the
    thesis first, then in reading order; `section` names a section's group."""

    thesis: Any = None
    section: str = ""
    claims: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.claims)


def has_sections(claims: Iterable) -> bool:
    """Whether the claims come from at least two named sections of their text."""
    return len({claim.section for claim in claims if claim.section}) > 1


def by_section(claims: list) -> list[Group]:
    """Groups of consecutive claims of the same section, in reading order."""
    groups: list[Group] = []
    for claim in claims:
        if not groups or groups[-1].section != claim.section:
            groups.append(Group(section=claim.section))
        groups[-1].claims.append(claim)
    return groups


def by_thesis(claims: list, arguments: Iterable[tuple[Any, Any]]) -> list[Group]:
    """Groups under the theses the claims argue for or against (see the module)."""
    place = {claim.pk: index for index, claim in enumerate(claims)}
    above: dict = {}
    for from_pk, to_pk in arguments:
        if from_pk not in place or to_pk not in place or from_pk == to_pk:
            continue
        if from_pk not in above or place[to_pk] < place[above[from_pk]]:
            above[from_pk] = to_pk

    def thesis_of(pk):
        path = [pk]
        while pk in above:
            pk = above[pk]
            if pk in path:  # a circle of arguments: its first claim in reading order
                return min(path[path.index(pk) :], key=place.get)
            path.append(pk)
        return pk

    members: dict = {}
    for claim in claims:
        members.setdefault(thesis_of(claim.pk), []).append(claim)
    by_pk = {claim.pk: claim for claim in claims}
    groups, alone = [], []
    for thesis_pk in sorted(members, key=place.get):
        found = members[thesis_pk]
        if len(found) == 1:
            alone.extend(found)
            continue
        thesis = by_pk[thesis_pk]
        rest = [claim for claim in found if claim.pk != thesis_pk]
        groups.append(Group(thesis=thesis, claims=[thesis, *rest]))
    if alone:
        groups.append(Group(claims=alone))
    return groups


def shorten(text: str, limit: int = 90) -> str:
    """`text` on one line, cut at a word before `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") if " " in text[:limit] else ""
    return (cut or text[: limit - 1]) + "…"
