"""A synthetic debate of any size, with the shape of a real one, for benchmarks and for
testing large maps. Pure Python, no database: `manage.py generate_debate` stores it.

Shape, for N claims:
- about N/40 theses, spread through the reading order (claim 0 is always one);
- every other claim supports or objects to exactly one earlier claim, its tree parent.
  Parents are drawn partly by preferential attachment (a claim with many arguments
  attracts more), partly among the claims just before (a text arguing its own points,
  which builds deep chains), partly among the theses; depth reaches 6-10 at 10,000;
- about N/10 cross links between claims of different branches (neither an ancestor of
  the other). Rephrases are only cross links: a tree edge that restates would leave its
  claim arguing nothing, and the site would count it as one more thesis;
- over all relations, about 70% support, 27% objection, 3% rephrase;
- a few participants hold most claims; an objection is usually by someone else than the
  holder of the claim it attacks;
- a claim is quoted from one of its holder's texts; reading order roughly follows
  publication dates, and an argument is quoted from a text no older than its parent's
  when its holder has written one since.

Everything is drawn from `random.Random(seed)`: the same (claims, seed) gives the same
debate. Indexes (holder, source, parent, relation ends) are positions in the lists of
`SyntheticDebate`; claim `i` has slug `c-{i:05d}` and reading position `i`.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

THESIS_EVERY = 40  # one thesis per this many claims
CROSS_LINK_SHARE = 0.10  # cross links, as a share of the claims
MAX_DEPTH = 10
POOL_WINDOW = 400  # recent entries of the attachment pool a parent is drawn from
MAX_PARTICIPANTS = 12
CLAIMS_PER_SOURCE = 20

# Tree edges are support or objection; cross links carry the rephrases, so that over all
# relations (about 0.975 N tree edges + 0.1 N cross links) the mix is ~70/27/3.
TREE_OBJECTION_SHARE = 0.28
CROSS_KINDS = ("support", "objection", "rephrase")
CROSS_KIND_WEIGHTS = (0.50, 0.18, 0.32)

FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
MONTH_PRECISION_SHARE = 0.25

FIRST_NAMES = [
    "Camille", "Dominique", "Sacha", "Alix", "Morgan", "Claude", "Maxime", "Noé",
    "Lou", "Eden", "Charlie", "Ange",
]  # fmt: skip
LAST_NAMES = [
    "Aubrac", "Verlaine", "Ferrand", "Lemaître", "Castel", "Rivière", "Delorme", "Sorel",
    "Marchal", "Tessier", "Vidal", "Brunet",
]  # fmt: skip
COLLECTIVES = ["Collectif Orion", "Atelier Sirius", "Groupe Véga"]

# (French, English) pairs, so that the English statement translates the French one.
SUBJECTS = [
    ("la plateforme", "the platform"),
    ("le capital numérique", "digital capital"),
    ("la rente", "rent"),
    ("l'État", "the state"),
    ("l'algorithme", "the algorithm"),
    ("le marché", "the market"),
    ("le cloud", "the cloud"),
    ("la finance", "finance"),
    ("l'usager", "the user"),
    ("le travail gratuit", "free labour"),
    ("la donnée", "data"),
    ("le monopole", "the monopoly"),
]
VERBS = [
    ("capte", "captures"),
    ("remplace", "replaces"),
    ("reproduit", "reproduces"),
    ("affaiblit", "weakens"),
    ("renforce", "strengthens"),
    ("dissimule", "conceals"),
    ("transforme", "transforms"),
    ("exploite", "exploits"),
    ("ne supprime pas", "does not abolish"),
    ("prolonge", "extends"),
    ("contourne", "bypasses"),
    ("accapare", "seizes"),
]
OBJECTS = [
    ("la valeur produite par les usagers", "the value produced by users"),
    ("le profit industriel", "industrial profit"),
    ("la concurrence", "competition"),
    ("les rapports de classe", "class relations"),
    ("la démocratie", "democracy"),
    ("l'attention des usagers", "users' attention"),
    ("la dépendance des entreprises", "firms' dependence"),
    ("le salariat", "wage labour"),
    ("la souveraineté", "sovereignty"),
    ("l'innovation", "innovation"),
    ("la propriété privée", "private property"),
    ("le féodalisme", "feudalism"),
]
QUALIFIERS = [
    ("", ""),
    ("", ""),
    (" depuis 2008", " since 2008"),
    (" à l'échelle mondiale", " on a global scale"),
    (" sans le dire", " without saying so"),
    (" de façon durable", " lastingly"),
    (" dans les faits", " in practice"),
]
QUOTATION_FRAMES = [
    "{s} {v} {o}{q}.",
    "Il faut le dire : {s} {v} {o}{q}.",
    "Ce que nous observons, c'est que {s} {v} {o}{q}.",
    "On ne peut plus ignorer que {s} {v} {o}{q}.",
    "Disons-le nettement : {s} {v} {o}{q}, et c'est là tout l'enjeu.",
]
TOPICS = [
    "la rente des plateformes",
    "le capital et le nuage",
    "la fin de la concurrence ?",
    "travail, données et valeur",
    "l'État face aux géants",
    "retour sur le techno-féodalisme",
    "ce que cache l'algorithme",
    "une réponse à nos critiques",
]
VENUES = ["Revue Fictive", "Carnets synthétiques", "Blog de l'auteur", "Le Quotidien imaginaire"]


@dataclass(frozen=True)
class SyntheticParticipant:
    slug: str
    name: str
    kind: str  # "person" or "collective", as Participant.Kind


@dataclass(frozen=True)
class SyntheticSource:
    slug: str
    title: str
    venue: str
    published: datetime.date
    precision: str  # "day" or "month" (then `published` is the 1st), as Source.Precision
    authors: tuple[int, ...]  # participant indexes, at least one


@dataclass(frozen=True)
class SyntheticClaim:
    index: int
    slug: str
    statement: str
    statement_en: str
    holder: int  # participant index
    source: int  # source index
    quotation: str
    paragraph: int
    position: int
    parent: int | None  # the claim it bears on in the tree; None for a thesis
    depth: int  # 0 for a thesis


@dataclass(frozen=True)
class SyntheticRelation:
    from_index: int
    to_index: int
    kind: str  # "support", "objection" or "rephrase", as Relation.Kind
    cross: bool  # False: the tree edge from a claim to its parent; True: a cross link


@dataclass
class SyntheticDebate:
    seed: int
    title: str
    title_en: str
    description: str
    description_en: str
    participants: list[SyntheticParticipant]
    sources: list[SyntheticSource]
    claims: list[SyntheticClaim]
    relations: list[SyntheticRelation]

    @property
    def theses(self) -> list[int]:
        return [claim.index for claim in self.claims if claim.parent is None]

    @property
    def max_depth(self) -> int:
        return max(claim.depth for claim in self.claims)


def generate(claims: int, seed: int = 1) -> SyntheticDebate:
    """A synthetic debate of `claims` claims (at least 1), the same for the same seed."""
    if claims < 1:
        raise ValueError(f"a debate needs at least one claim, not {claims}")
    rng = random.Random(seed)
    participants = _participants(claims)
    # Zipf-like weights: the first three participants hold about two thirds of the claims.
    holder_weights = list(accumulate(1 / (rank + 1) ** 1.3 for rank in range(len(participants))))
    sources = _sources(rng, claims, len(participants), holder_weights)
    claim_list, relations = _claims(rng, claims, len(participants), holder_weights, sources)
    relations += _cross_links(rng, claim_list)
    plural = "s" if claims > 1 else ""
    return SyntheticDebate(
        seed=seed,
        # French groups thousands with a no-break space: "10 000".
        title=f"Débat synthétique ({claims:,} affirmation{plural})".replace(",", "\u00a0"),
        title_en=f"Synthetic debate ({claims:,} claim{plural})",
        description=(
            f"Débat généré (graine {seed}) pour les mesures de performance et les grandes "
            "cartes : participants, textes et citations sont fictifs."
        ),
        description_en=(
            f"Generated debate (seed {seed}) for benchmarks and large maps: participants, "
            "texts and quotations are fictitious."
        ),
        participants=participants,
        sources=sources,
        claims=claim_list,
        relations=relations,
    )


def _participants(claims: int) -> list[SyntheticParticipant]:
    # No more participants than claims, so that every participant can hold something.
    count = min(MAX_PARTICIPANTS, claims)
    people = []
    for index in range(count):
        if index % 4 == 3:  # one in four is a collective
            name, kind = COLLECTIVES[(index // 4) % len(COLLECTIVES)], "collective"
        else:
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            last = LAST_NAMES[(index * 5) % len(LAST_NAMES)]
            name, kind = f"{first} {last}", "person"
        people.append(SyntheticParticipant(slug=f"p-{index + 1:02d}", name=name, kind=kind))
    return people


def _sources(
    rng: random.Random, claims: int, participants: int, holder_weights: list[float]
) -> list[SyntheticSource]:
    count = max(participants, claims // CLAIMS_PER_SOURCE)
    span = (LAST_DAY - FIRST_DAY).days
    drafts = []
    for index in range(count):
        # The first texts give every participant one; the others follow the holders' skew.
        author = index if index < participants else _pick(rng, holder_weights)
        authors = [author]
        if participants > 1 and rng.random() < 0.15:
            second = _pick(rng, holder_weights)
            if second != author:
                authors.append(second)
        published = FIRST_DAY + datetime.timedelta(days=rng.randint(0, span))
        precision = "day"
        if rng.random() < MONTH_PRECISION_SHARE:
            published, precision = published.replace(day=1), "month"
        drafts.append((published, precision, tuple(authors)))
    # Slugs in date order, so that s-0001 is the oldest text.
    drafts.sort()
    return [
        SyntheticSource(
            slug=f"s-{number:04d}",
            title=f"Texte {number} : {TOPICS[number % len(TOPICS)]}",
            venue=VENUES[number % len(VENUES)],
            published=published,
            precision=precision,
            authors=authors,
        )
        for number, (published, precision, authors) in enumerate(drafts, start=1)
    ]


def _claims(
    rng: random.Random,
    claims: int,
    participants: int,
    holder_weights: list[float],
    sources: list[SyntheticSource],
) -> tuple[list[SyntheticClaim], list[SyntheticRelation]]:
    """The claims, and the tree edges from each claim to its parent."""
    # Each participant's texts, by source index, which is date order.
    texts: list[list[int]] = [[] for _ in range(participants)]
    for index, source in enumerate(sources):
        for author in source.authors:
            texts[author].append(index)
    thesis_count = max(1, round(claims / THESIS_EVERY))
    thesis_at = {number * claims // thesis_count for number in range(thesis_count)}
    # Preferential attachment: a claim appears in the pool once, plus once per argument it
    # receives, so a uniform pick from it favours the claims already discussed.
    pool: list[int] = []
    theses: list[int] = []
    parents: list[int | None] = []
    depths: list[int] = []
    holders: list[int] = []
    texts_of: list[int] = []
    result = []
    edges = []
    for index in range(claims):
        # Reading order follows time: claim i is quoted from a text published about i/N
        # of the way through the period, and if possible not before its parent's text.
        moment = index * len(sources) // claims
        if index in thesis_at:
            parent, depth = None, 0
            holder = _pick(rng, holder_weights)
            source = _text_for(rng, texts[holder], moment)
            theses.append(index)
        else:
            parent = _pick_parent(rng, index, pool, theses, parents, depths)
            depth = depths[parent] + 1
            objection = rng.random() < TREE_OBJECTION_SHARE
            holder = _pick_holder(rng, holder_weights, holders[parent], objection)
            source = _text_for(rng, texts[holder], max(moment, texts_of[parent]))
            edges.append(
                SyntheticRelation(index, parent, "objection" if objection else "support", False)
            )
            pool.append(parent)
        pool.append(index)
        parents.append(parent)
        depths.append(depth)
        holders.append(holder)
        texts_of.append(source)
        result.append(_claim(rng, index, holder, source, parent, depth))
    return result, edges


def _pick_parent(
    rng: random.Random,
    index: int,
    pool: list[int],
    theses: list[int],
    parents: list[int | None],
    depths: list[int],
) -> int:
    draw = rng.random()
    if draw < 0.05:
        # Any thesis, however old: some theses keep drawing answers for the whole debate.
        parent = rng.choice(theses)
    elif draw < 0.25:
        # One of the latest theses: what the current texts argue about.
        parent = theses[max(0, len(theses) - 1 - int(rng.expovariate(1 / 2)))]
    elif draw < 0.5:
        # One of the claims just before: a text arguing for its own points.
        parent = max(0, index - 1 - int(rng.expovariate(1 / 3)))
    else:
        # Preferential attachment among the recent activity: the tail of the pool.
        parent = pool[len(pool) - 1 - int(rng.random() * min(len(pool), POOL_WINDOW))]
    # Deep claims draw fewer answers, and MAX_DEPTH bounds the trees: climb towards the
    # thesis instead.
    while depths[parent] >= MAX_DEPTH or (
        depths[parent] > 5 and rng.random() < (depths[parent] - 5) / (MAX_DEPTH - 4)
    ):
        parent = parents[parent]
    return parent


def _pick_holder(
    rng: random.Random, holder_weights: list[float], target_holder: int, objection: bool
) -> int:
    if not objection and rng.random() < 0.5:
        return target_holder  # authors often argue for their own claims
    holder = _pick(rng, holder_weights)
    # Nine objections in ten come from someone else; a few authors object to themselves.
    if objection and len(holder_weights) > 1 and rng.random() < 0.9:
        while holder == target_holder:
            holder = _pick(rng, holder_weights)
    return holder


def _text_for(rng: random.Random, texts: list[int], moment: int) -> int:
    """One of the holder's texts (source indexes, in date order), at or soon after `moment`;
    the latest one when there is none after."""
    start = bisect_left(texts, moment)
    if start == len(texts):
        return texts[-1]
    return texts[min(len(texts) - 1, start + int(rng.expovariate(1.5)))]


def _claim(
    rng: random.Random, index: int, holder: int, source: int, parent: int | None, depth: int
) -> SyntheticClaim:
    subject, subject_en = rng.choice(SUBJECTS)
    verb, verb_en = rng.choice(VERBS)
    obj, obj_en = rng.choice(OBJECTS)
    qualifier, qualifier_en = rng.choice(QUALIFIERS)
    quotation = rng.choice(QUOTATION_FRAMES).format(s=subject, v=verb, o=obj, q=qualifier)
    return SyntheticClaim(
        index=index,
        slug=f"c-{index:05d}",
        statement=f"Affirmation {index} : {subject} {verb} {obj}{qualifier}.",
        statement_en=f"Claim {index}: {subject_en} {verb_en} {obj_en}{qualifier_en}.",
        holder=holder,
        source=source,
        quotation=quotation[0].upper() + quotation[1:],
        paragraph=rng.randint(1, 40),
        position=index,
        parent=parent,
        depth=depth,
    )


def _cross_links(rng: random.Random, claims: list[SyntheticClaim]) -> list[SyntheticRelation]:
    arguing = [claim.index for claim in claims if claim.parent is not None]
    wanted = round(len(claims) * CROSS_LINK_SHARE)
    if not arguing or len(claims) < 3:
        return []
    # Targets by preferential attachment too: much-discussed claims get more links.
    pool = list(range(len(claims))) + [claim.parent for claim in claims if claim.parent is not None]
    kind_weights = list(accumulate(CROSS_KIND_WEIGHTS))
    seen: set[tuple[int, int, str]] = set()
    links = []
    attempts = 0
    while len(links) < wanted and attempts < wanted * 20:
        attempts += 1
        # Only claims that already argue: a thesis that supported something would stop
        # being a thesis.
        origin = rng.choice(arguing)
        target = rng.choice(pool)
        kind = CROSS_KINDS[_pick(rng, kind_weights)]
        if (origin, target, kind) in seen or not _other_branch(claims, origin, target):
            continue
        if (
            kind == "objection"
            and claims[origin].holder == claims[target].holder
            and rng.random() < 0.9
        ):
            continue
        seen.add((origin, target, kind))
        links.append(SyntheticRelation(origin, target, kind, cross=True))
    return links


def _other_branch(claims: list[SyntheticClaim], one: int, other: int) -> bool:
    """True when neither claim is the other or one of its ancestors in the tree."""
    return (
        one != other
        and not _is_ancestor(claims, one, other)
        and not (_is_ancestor(claims, other, one))
    )


def _is_ancestor(claims: list[SyntheticClaim], ancestor: int, claim: int) -> bool:
    parent = claims[claim].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = claims[parent].parent
    return False


def _pick(rng: random.Random, cumulative_weights: list[float]) -> int:
    """An index drawn with the given cumulative weights."""
    return bisect_left(cumulative_weights, rng.random() * cumulative_weights[-1])
