"""The debate read as light rows (`rows`) in three queries whatever its size, cached by its
revision: what the map and acceptability work on."""

from __future__ import annotations

import datetime
import gc
import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField
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
    rows = cache.get(key)
    if rows is None:
        rows = read_rows(debate, sources)
        cache.set(key, rows, settings.MAP_CACHE_SECONDS)
    return rows


def read_rows(debate: Debate, sources: list[Source]) -> tuple[list[ClaimRow], list[LinkRow], dict]:
    """The debate as light rows, dated by when each claim and relation was surely public."""
    with collection_paused():
        return _read_rows(debate, sources)


# The day a proposal was made, as text: a date column would be converted row by row in
# Python, tens of thousands of times, though only proposals have one.
PROPOSED_ON = Cast(TruncDate("proposed_at"), output_field=CharField())


def _read_rows(debate: Debate, sources: list[Source]) -> tuple[list[ClaimRow], list[LinkRow], dict]:
    public = {
        source.pk: surely_public_by(source.published, source.date_precision, source.date_qualifier)
        for source in sources
    }
    claims = []
    slugs = {}
    for pk, slug, holder, source, via, proposed_on in (
        Claim.objects.filter(debate=debate)
        .shown()
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
    links = []
    relations = debate.relations.shown().annotate(proposed_on=PROPOSED_ON)
    for from_id, to_id, kind, source, drawn_by, proposed_on, layer in relations.values_list(
        "from_claim_id", "to_claim_id", "kind", "source_id", "drawn_by_id", "proposed_on", "layer"
    ):
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
