"""Formal acceptability of claims: Dung's grounded labelling and preferred extensions.

Undercuts (a claim objecting to an objection's inference, not to its target) make a recursive
framework; we flatten it into a plain Dung framework. Each objection R = (A objects to B) is
an argument of its own with an auxiliary argument N_R: A attacks N_R, N_R attacks R, R attacks
B, and every undercutter U of R attacks R. So R is in force iff A stands and every undercutter
falls. Supports and rephrases are not attacks, so an undercut of one changes no label: such
undercuts are accepted and ignored. Auxiliary arguments stay internal; labels are reported for
claims and for objections.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

IN, OUT, UNDEC = "in", "out", "undec"

# How many undecided arguments (claims, objections and auxiliaries) `preferred` searches over,
# and how many steps it may take, before it gives up.
PREFERRED_LIMIT = 60
PREFERRED_STEPS = 200_000


def gettext_noop(text: str) -> str:
    """Marks a sentence for translation (makemessages --keyword=gettext_noop)."""
    return text


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Marks a sentence with a plural (makemessages --keyword=ngettext_noop:1,2)."""
    return singular, plural


# Every sentence `Reason.words` can say, in one place so that the Django layer can translate
# them; a pair is (singular, plural), chosen by the count of the names in its placeholder.
SENTENCES = {
    "quoted": gettext_noop("“{name}”"),
    # Claims.
    "claim in, no objection": gettext_noop("No objection in force: nothing objects to it."),
    "claim in": ngettext_noop(
        "No objection in force: its objection by {objectors} is defeated.",
        "No objection in force: its {count} objections are all defeated (by {objectors}).",
    ),
    "claim out": ngettext_noop(
        "Objection in force: from {objectors}, against which no objection is in force.",
        "Objections in force: from {objectors}, against which no objection is in force.",
    ),
    "claim undec": ngettext_noop(
        "Undecided: its objection by {objectors} is itself undecided"
        " (it rests on a cycle of objections).",
        "Undecided: its {count} objections by {objectors} are themselves undecided and none is"
        " in force (they rest on a cycle of objections).",
    ),
    # Objections.
    "objection in": gettext_noop(
        "In force: no objection in force bears on {objector}, and nothing undercuts it."
    ),
    "objection in, undercut": gettext_noop("In force: no objection in force bears on {objector}."),
    "objection out": gettext_noop("Defeated: an objection in force bears on {objector}."),
    "objection out, undercut": gettext_noop("Defeated: its inference is undercut."),
    "objection undec": gettext_noop("Undecided: {objector} is itself undecided."),
    "objection undec, undercut": gettext_noop("Undecided: its inference may be undercut."),
    # Undercuts, after either.
    "undercut in": ngettext_noop(
        "The undercut by {undercutters} is in force.",
        "The undercuts by {undercutters} are in force.",
    ),
    "undercut out": ngettext_noop(
        "The undercut by {undercutters} is defeated.",
        "The undercuts by {undercutters} are defeated.",
    ),
    "undercut undec": ngettext_noop(
        "The undercut by {undercutters} is undecided.",
        "The undercuts by {undercutters} are undecided.",
    ),
}


def untranslated(text: str) -> str:
    """The default gettext: English as written."""
    return text


def english_plural(singular: str, plural: str, count: int) -> str:
    """The default ngettext: English as written (the signature of Django's)."""
    return singular if count == 1 else plural


class TooLarge(Exception):
    """The framework is too large for `preferred`'s exhaustive search."""


@dataclass(frozen=True)
class Reason:
    """Why a claim or an objection has its label, as ids.

    For a claim, `objections` are the objections (relation ids) that decide its label: for
    "out" those in force; for "in" all of them, all defeated (none: nothing objects to it);
    for "undec" the undecided ones (none is in force). `objectors` are their claims, in the
    same order. For an objection, `objections` is empty and `objectors` holds the objecting
    claim when it decides the label (it stands / falls / is undecided). `undercuts` are the
    (undercutter, relation id) pairs that decide: for an objection in force all its undercuts
    (all fall); defeated, those that stand; undecided, the undecided ones.
    """

    subject: str  # "claim" or "objection"
    label: str
    objections: tuple = ()
    objectors: tuple = ()
    undercuts: tuple[tuple[Hashable, Hashable], ...] = ()
    undercut_label: str = OUT  # the label of those undercutters

    def words(
        self,
        name: Callable[[Hashable], str],
        gettext: Callable[[str], str] = untranslated,
        ngettext: Callable[[str, str, int], str] = english_plural,
    ) -> str:
        """A plain-English sentence; `name(claim_id)` gives a claim's text. Pass Django's
        gettext and ngettext to translate it."""

        def say(key: str, count: int = 1, **values) -> str:
            sentence = SENTENCES[key]
            if isinstance(sentence, str):
                return gettext(sentence).format(**values)
            return ngettext(*sentence, count).format(count=count, **values)

        def names(claims) -> str:
            return ", ".join(say("quoted", name=name(claim)) for claim in claims)

        if self.subject == "claim":
            if not self.objections:
                sentence = say("claim in, no objection")
            else:
                count = len(self.objections)
                sentence = say(f"claim {self.label}", count, objectors=names(self.objectors))
        elif self.label == IN:
            key = "objection in, undercut" if self.undercuts else "objection in"
            sentence = say(key, objector=names(self.objectors))
        elif self.objectors:
            sentence = say(f"objection {self.label}", objector=names(self.objectors))
        else:
            sentence = say(f"objection {self.label}, undercut")
        if self.undercuts:
            undercutters = list(dict.fromkeys(claim for claim, _relation in self.undercuts))
            sentence += " " + say(
                f"undercut {self.undercut_label}",
                len(undercutters),
                undercutters=names(undercutters),
            )
        return sentence


# Labels as stored in the framework's bytearray, and their names.
IN_, OUT_, UNDEC_ = 0, 1, 2
LABELS = (IN, OUT, UNDEC)
# An argument's label, from the label of the attackers that decide it (Caminada): in when
# they are all out, out when one is in, undecided when they are undecided.
DECIDED_BY = {IN_: OUT_, OUT_: IN_, UNDEC_: UNDEC_}


class Labelling:
    """A labelling of claims and objections: `claims[id]` and `relations[id]` are "in",
    "out" or "undec" (for an objection: in force, defeated, undecided)."""

    def __init__(self, framework: _Framework, labels: bytearray):
        self._framework = framework
        self._labels = labels
        n = len(framework.claims)
        self.claims = {claim: LABELS[labels[i]] for i, claim in enumerate(framework.claims)}
        self.relations = {
            relation: LABELS[labels[n + j]] for j, relation in enumerate(framework.relations)
        }
        self._objections_to = None
        self._undercutters = None

    def _indexes(self) -> tuple[list[list[int]], list[list[int]]]:
        # Built on the first reason asked for: a page explains a few claims, not 100,000.
        if self._objections_to is None:
            framework = self._framework
            self._objections_to = [[] for _ in framework.claims]
            for j, target in enumerate(framework.objection_targets):
                self._objections_to[target].append(j)
            self._undercutters = [[] for _ in framework.relations]
            for undercutter, j in framework.undercuts:
                self._undercutters[j].append(undercutter)
        return self._objections_to, self._undercutters

    def reason(self, claim: Hashable) -> Reason:
        """Why a claim stands, falls or is undecided."""
        framework, labels = self._framework, self._labels
        n = len(framework.claims)
        i = framework.claim_index[claim]
        label = labels[i]
        objections_to, _ = self._indexes()
        objections = [j for j in objections_to[i] if labels[n + j] == DECIDED_BY[label]]
        return Reason(
            subject="claim",
            label=LABELS[label],
            objections=tuple(framework.relations[j] for j in objections),
            objectors=tuple(framework.claims[framework.objection_sources[j]] for j in objections),
            undercuts=tuple(pair for j in objections for pair in self._deciding_undercuts(j)),
            # A claim stands when its objections are defeated: their deciding undercuts stand.
            undercut_label=LABELS[label],
        )

    def relation_reason(self, relation: Hashable) -> Reason:
        """Why an objection is in force, defeated or undecided."""
        framework, labels = self._framework, self._labels
        j = framework.relation_index[relation]
        label = labels[len(framework.claims) + j]
        source = framework.objection_sources[j]
        # An objection is in force only when its objector stands; defeated or undecided, the
        # objector decides when it falls or is undecided too (else only undercuts do).
        objector_decides = labels[source] == label
        return Reason(
            subject="objection",
            label=LABELS[label],
            objectors=(framework.claims[source],) if objector_decides else (),
            undercuts=tuple(self._deciding_undercuts(j)),
            undercut_label=LABELS[DECIDED_BY[label]],
        )

    def _deciding_undercuts(self, j: int) -> list[tuple[Hashable, Hashable]]:
        # In force: every undercutter falls; defeated: those that stand; undecided: undecided.
        framework, labels = self._framework, self._labels
        _, undercutters = self._indexes()
        wanted = DECIDED_BY[labels[len(framework.claims) + j]]
        relation = framework.relations[j]
        return [
            (framework.claims[u], relation) for u in sorted(undercutters[j]) if labels[u] == wanted
        ]


class _Framework:
    """The flattened Dung framework. Arguments are numbered: claims 0..n-1 (input order),
    objections n..n+m-1, their auxiliaries n+m..n+2m-1."""

    def __init__(self, claims, attacks, undercuts):
        self.claims = list(claims)
        self.claim_index = {claim: i for i, claim in enumerate(self.claims)}
        if len(self.claim_index) != len(self.claims):
            raise ValueError("a claim id is given twice")
        claim_index = self.claim_index
        self.relations, sources, targets_of = [], [], []
        try:
            for relation, source, target in attacks:
                self.relations.append(relation)
                sources.append(claim_index[source])
                targets_of.append(claim_index[target])
        except KeyError as error:
            raise ValueError(f"objection between unknown claims: {error}") from None
        self.relation_index = {relation: j for j, relation in enumerate(self.relations)}
        if len(self.relation_index) != len(self.relations):
            raise ValueError("an objection id is given twice")
        self.objection_sources, self.objection_targets = sources, targets_of
        relation_index = self.relation_index
        # Undercuts of supports and rephrases are dropped: they attack no argument.
        self.undercuts = []
        for undercutter, relation in dict.fromkeys(undercuts):
            if undercutter not in claim_index:
                raise ValueError(f"undercut by an unknown claim: {undercutter!r}")
            if relation in relation_index:
                self.undercuts.append((claim_index[undercutter], relation_index[relation]))

        n, m = len(self.claims), len(self.relations)
        self.size = n + 2 * m
        self._attacks()

    # What a labelling keeps of its framework when cached: the attack graph, used to label
    # it, is most of its size (a list per argument) and is drawn again when asked for.
    PICKLED = (
        "claims",
        "relations",
        "objection_sources",
        "objection_targets",
        "undercuts",
        "size",
    )

    def __getstate__(self) -> dict:
        return {name: getattr(self, name) for name in self.PICKLED}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.claim_index = {claim: i for i, claim in enumerate(self.claims)}
        self.relation_index = {relation: j for j, relation in enumerate(self.relations)}
        self.targets = self.attacker_count = None

    def _attacks(self) -> None:
        n, m = len(self.claims), len(self.relations)
        sources, targets_of = self.objection_sources, self.objection_targets
        # targets[x]: the arguments x attacks; attacker_count[x]: how many attack x.
        targets = [[] for _ in range(n)]
        targets.extend([target] for target in targets_of)  # R attacks B
        targets.extend([n + j] for j in range(m))  # N_R attacks R
        attacker_count = [0] * n + [1] * m + [1] * m
        for j, source in enumerate(sources):
            targets[source].append(n + m + j)  # A attacks N_R
        for target in targets_of:
            attacker_count[target] += 1
        for undercutter, j in self.undercuts:
            targets[undercutter].append(n + j)  # U attacks R
            attacker_count[n + j] += 1
        self.targets, self.attacker_count = targets, attacker_count

    def grounded_labels(self) -> bytearray:
        """Grounded labelling by propagation: each argument is labelled once, each attack
        followed once (from its attacker), so O(arguments + attacks), without recursion."""
        if self.targets is None:  # read back from the cache
            self._attacks()
        targets = self.targets
        missing = list(self.attacker_count)  # attackers not yet known to be out
        # Undecided until labelled: what the propagation leaves unlabelled stays undecided.
        labels = bytearray([UNDEC_]) * self.size
        queue = [x for x, count in enumerate(missing) if count == 0]
        for x in queue:
            labels[x] = IN_
        position = 0
        while position < len(queue):
            x = queue[position]
            position += 1
            if labels[x] == IN_:
                for y in targets[x]:
                    if labels[y] == UNDEC_:
                        labels[y] = OUT_
                        queue.append(y)
            else:
                for y in targets[x]:
                    if labels[y] == UNDEC_:
                        missing[y] -= 1
                        if missing[y] == 0:
                            labels[y] = IN_
                            queue.append(y)
        return labels


def grounded(
    claims: Iterable[Hashable],
    attacks: Iterable[tuple[Hashable, Hashable, Hashable]],
    undercuts: Iterable[tuple[Hashable, Hashable]] = (),
) -> Labelling:
    """Dung's grounded labelling: in when every attacker is out, out when some attacker is
    in, undecided otherwise. `attacks` are (relation id, objecting claim, claim objected to);
    `undercuts` are (undercutting claim, relation id) for any relation."""
    framework = _Framework(claims, attacks, undercuts)
    return Labelling(framework, framework.grounded_labels())


def preferred(
    claims: Iterable[Hashable],
    attacks: Iterable[tuple[Hashable, Hashable, Hashable]],
    undercuts: Iterable[tuple[Hashable, Hashable]] = (),
    limit: int = PREFERRED_LIMIT,
    steps: int = PREFERRED_STEPS,
) -> list[frozenset]:
    """Every preferred extension (maximal admissible set), as the frozenset of its claims,
    sorted by the claims' input order. Raises TooLarge when more than `limit` arguments stay
    undecided in the grounded labelling, or the search takes more than `steps` steps.

    Every preferred extension holds the grounded extension and none of the arguments it
    defeats, so only the undecided arguments are searched, one connected part at a time (the
    extensions of unconnected parts combine freely). Extensions that differ only on
    objections or auxiliaries count once.
    """
    framework = _Framework(claims, attacks, undercuts)
    labels = framework.grounded_labels()
    undecided = [x for x in range(framework.size) if labels[x] == UNDEC_]
    if len(undecided) > limit:
        raise TooLarge(f"{len(undecided)} undecided arguments, more than {limit}")
    # The undecided part is a framework of its own: the grounded extension attacks none of
    # it and none of it attacks the grounded extension.
    position = {x: k for k, x in enumerate(undecided)}
    attackers = [[] for _ in undecided]
    targets = [[] for _ in undecided]
    for x in undecided:
        for y in framework.targets[x]:
            if y in position:
                targets[position[x]].append(position[y])
                attackers[position[y]].append(position[x])
    budget = [steps]
    choices = []  # per connected part: its maximal admissible sets, as undecided positions
    for part in _connected_parts(attackers, targets):
        local = {x: k for k, x in enumerate(part)}
        part_attackers = [[local[y] for y in attackers[x]] for x in part]
        part_targets = [[local[y] for y in targets[x]] for x in part]
        found = _maximal_admissible(part_attackers, part_targets, budget)
        choices.append([[part[k] for k in members] for members in found])
    if math.prod(len(found) for found in choices) > steps:
        raise TooLarge("too many preferred extensions")
    n = len(framework.claims)
    grounded_claims = [i for i in range(n) if labels[i] == IN_]
    extensions = set()
    for combination in itertools.product(*choices):
        chosen = [undecided[k] for members in combination for k in members]
        extensions.add(tuple(sorted(grounded_claims + [x for x in chosen if x < n])))
    return [frozenset(framework.claims[i] for i in members) for members in sorted(extensions)]


def _connected_parts(attackers: list[list[int]], targets: list[list[int]]) -> list[list[int]]:
    """The arguments of each connected part, attacks taken both ways, in order."""
    seen = [False] * len(attackers)
    parts = []
    for start in range(len(attackers)):
        if seen[start]:
            continue
        seen[start] = True
        part, stack = [], [start]
        while stack:
            x = stack.pop()
            part.append(x)
            for y in attackers[x] + targets[x]:
                if not seen[y]:
                    seen[y] = True
                    stack.append(y)
        parts.append(sorted(part))
    return parts


def _maximal_admissible(
    attackers: list[list[int]], targets: list[list[int]], budget: list[int]
) -> list[list[int]]:
    """The maximal admissible sets of a small framework, by backtracking: arguments are
    taken in turn, tried in, then out. Putting one in keeps its attackers and targets out;
    when an attacker of a member is left with a single possible counter-attacker, that one is
    put in. A branch is dropped when an attacker of a member can no longer be attacked, or
    when all it could still reach lies within a set already found. `budget[0]` counts steps."""
    size = len(attackers)
    FREE, MEMBER, EXCLUDED = 0, 1, 2
    status = [FREE] * size
    found: list[frozenset[int]] = []

    def include(x: int, trail: list[int]) -> bool:
        neighbours = attackers[x] + targets[x]
        if x in neighbours or any(status[y] == MEMBER for y in neighbours):
            return False
        status[x] = MEMBER
        trail.append(x)
        for y in neighbours:
            if status[y] == FREE:
                status[y] = EXCLUDED
                trail.append(y)
        return True

    def defend(trail: list[int]) -> bool:
        changed = True
        while changed:
            changed = False
            for x in range(size):
                if status[x] != MEMBER:
                    continue
                for y in attackers[x]:
                    defenders = [z for z in attackers[y] if status[z] != EXCLUDED]
                    if not defenders:
                        return False
                    if len(defenders) == 1 and status[defenders[0]] == FREE:
                        if not include(defenders[0], trail):
                            return False
                        changed = True
        return True

    def undo(trail: list[int]) -> None:
        for x in trail:
            status[x] = FREE

    def search(k: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise TooLarge("the preferred search took too many steps")
        reachable = frozenset(x for x in range(size) if status[x] != EXCLUDED)
        if any(reachable <= members for members in found):
            return
        while k < size and status[k] != FREE:
            k += 1
        if k == size:
            # Nothing is free, and every attacker of a member is attacked by a member.
            found[:] = [members for members in found if not members < reachable]
            found.append(reachable)
            return
        trail: list[int] = []
        if include(k, trail) and defend(trail):
            search(k + 1)
        undo(trail)
        status[k] = EXCLUDED
        trail = [k]
        if defend(trail):
            search(k + 1)
        undo(trail)

    search(0)
    return [sorted(members) for members in found]


def credulous(extensions: list[frozenset]) -> frozenset:
    """Claims in at least one preferred extension."""
    return frozenset().union(*extensions)


def sceptical(extensions: list[frozenset]) -> frozenset:
    """Claims in every preferred extension."""
    return frozenset.intersection(*extensions) if extensions else frozenset()
