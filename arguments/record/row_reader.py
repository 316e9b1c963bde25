"""The debate read as light rows (`rows`) in three queries whatever its size, cached by its
revision: what the map and acceptability work on."""

from __future__ import annotations

import datetime
import gc
import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast, TruncDate

from arguments.record.code_version import code_version
from arguments.record.models import Claim, Debate, Layer, Source
from arguments.record.rows import ClaimRow, LinkRow, surely_public_by


@contextmanager
def collection_paused():
    """Building tens of thousands of small tuples sets off the cyclic garbage collector again
    and again, though none of them can form a cycle; pausing it halves that time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def debate_rows(debate: Debate, revision: tuple, sources: list[Source]) -> tuple:
    """The debate's light rows, shared by every view of the same revision: a new view of a
    large, unchanged debate does not read it again."""
    identity = repr((code_version(), revision)).encode()
    key = f"maprows:{debate.pk}:{hashlib.sha256(identity).hexdigest()}"
    packed = cache.get(key)
    if packed is not None:
        return unpacked(packed)
    rows = read_rows(debate, sources)
    cache.set(key, packed_rows(rows), settings.MAP_CACHE_SECONDS)
    return rows


def packed_rows(rows: tuple) -> tuple:
    """The rows as plain tuples for the cache: pickle writes a named tuple through a Python
    call per row, a plain one in C (a seventh of the time; half to read back)."""
    claims, links, slugs = rows
    with collection_paused():
        return [tuple(claim) for claim in claims], [tuple(link) for link in links], slugs


def unpacked(packed: tuple) -> tuple:
    claims, links, slugs = packed
    with collection_paused():
        return list(map(ClaimRow._make, claims)), list(map(LinkRow._make, links)), slugs


def read_rows(debate: Debate, sources: list[Source]) -> tuple[list[ClaimRow], list[LinkRow], dict]:
    """The debate as light rows, dated by when each claim and relation was surely public."""
    with collection_paused():
        return _read_rows(debate, sources)


# The day a proposal was made, as text: a date column would be converted row by row in
# Python, tens of thousands of times, though only proposals have one. Asked only of rows
# that have one: SQLite's date functions are Python functions, called per row.
PROPOSED_ON = Case(
    When(proposed_at__isnull=True, then=Value(None, output_field=CharField())),
    default=Cast(TruncDate("proposed_at"), output_field=CharField()),
    output_field=CharField(),
)


# What a relation's light row is made of, as read.
RELATION_COLUMNS = (
    "from_claim_id",
    "to_claim_id",
    "kind",
    "source_id",
    "drawn_by_id",
    "proposed_on",
    "layer",
)


def neighbourhood_rows(
    debate: Debate, sources: list[Source], focus_id: int, depth: int
) -> tuple[list[ClaimRow], list[LinkRow], dict]:
    """The light rows of the claims within `depth` relations of the focus (either way,
    whatever the relations' kinds, dates and layers), and of every relation among them:
    all that a view around the focus can draw, whatever filters it has, read in at most
    depth + 2 queries whose size is the neighbourhood's, not the debate's."""
    with collection_paused():
        relations = debate.relations.shown().annotate(proposed_on=PROPOSED_ON)
        reached = {focus_id}
        frontier = {focus_id}
        touching = {}  # the relations that touch a reached claim, by id
        for level in range(depth + 1):
            if not frontier:
                break
            found = relations.filter(
                Q(from_claim_id__in=frontier) | Q(to_claim_id__in=frontier)
            ).values_list("pk", *RELATION_COLUMNS)
            for row in found:
                touching[row[0]] = row[1:]
            # The last round only finds the relations between claims already reached.
            if level < depth:
                ends = {end for row in touching.values() for end in row[:2]}
                frontier = ends - reached
                reached |= frontier
        among = [
            touching[pk]
            for pk in sorted(touching)  # the order of the whole debate's rows: by id
            if touching[pk][0] in reached and touching[pk][1] in reached
        ]
        claims_query = Claim.objects.filter(debate=debate, pk__in=reached)
        return _read_rows(debate, sources, claims_query, among)


def _read_rows(
    debate: Debate, sources: list[Source], claims_query=None, relation_rows=None
) -> tuple[list[ClaimRow], list[LinkRow], dict]:
    """`claims_query` and `relation_rows` (values of RELATION_COLUMNS) are all the debate's
    shown claims and relations when not given."""
    public = {
        source.pk: surely_public_by(source.published, source.date_precision, source.date_qualifier)
        for source in sources
    }
    if claims_query is None:
        claims_query = Claim.objects.filter(debate=debate)
    claims = []
    slugs = {}
    for pk, slug, holder, source, via, proposed_on in (
        claims_query.shown()
        .annotate(proposed_on=PROPOSED_ON)
        .values_list("pk", "slug", "holder_id", "source_id", "via_id", "proposed_on")
    ):
        if proposed_on is not None:
            since = datetime.date.fromisoformat(proposed_on)
        else:
            since = public.get(source) or public.get(via)
        claims.append(ClaimRow(pk, holder, source, via, since, proposed_on is not None))
        slugs[slug] = pk
    since_by_claim = {claim.id: claim.known_since for claim in claims}
    if relation_rows is None:
        relation_rows = (
            debate.relations.shown()
            .annotate(proposed_on=PROPOSED_ON)
            .values_list(*RELATION_COLUMNS)
        )
    links = []
    for from_id, to_id, kind, source, drawn_by, proposed_on, layer in relation_rows:
        if proposed_on is not None:
            since = datetime.date.fromisoformat(proposed_on)
        else:
            ends = [since_by_claim.get(from_id), since_by_claim.get(to_id)]
            since = public.get(source) or (max(ends) if None not in ends else None)
        links.append(
            LinkRow(
                from_id,
                to_id,
                kind,
                source,
                drawn_by,
                since,
                proposed_on is not None,
                layer == Layer.EDITORS,
            )
        )
    return claims, links, slugs
