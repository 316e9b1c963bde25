"""What the home, participant and source pages list, computed once per debate revision and
kept in the cache. The revision is in the key, so a write makes new keys: no time-to-live
decides what is current, it only reclaims the rows of revisions nobody reads any more."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from arguments.record.code_version import code_version
from arguments.record.models import Debate, _record_columns

# The pages built from these rows show the record only (claims, relations, sources,
# participants), never readers' annotations: they are keyed by the debate's record revision
# (`Debate.revision`, without the readers' part), so an annotation never recomputes them.


def record_revision(debate: Debate) -> tuple:
    """The revision of what `debate`'s record shows (one query)."""
    return debate.revision()


def with_record_revisions(debates: QuerySet, limit: int | None = None) -> list[Debate]:
    """`debates` (the first `limit` of them), each with its `record_revision`, in one query
    whatever their number."""
    columns = {f"record_revision_{index}": column for index, column in enumerate(_record_columns())}
    listed = list(debates.annotate(**columns)[:limit])
    for debate in listed:
        debate.record_revision = tuple(getattr(debate, name) for name in columns)
    return listed


def _key(kind: str, revision: tuple, part) -> str:
    identity = (code_version(), kind, revision, part)
    return f"rows:{kind}:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def cached_rows(kind: str, revision: tuple, part, compute: Callable[[], object]):
    """`compute()`'s value for this `kind` of rows of `part` (a debate, a participant…) at
    `revision`, computed once per revision."""
    key = _key(kind, revision, part)
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, settings.MAP_CACHE_SECONDS)
    return rows


def cached_rows_of_many(
    kind: str, debates: Iterable[Debate], compute: Callable[[list[Debate]], dict[int, object]]
) -> dict[int, object]:
    """Rows of each debate (by id) at its `record_revision`, read from the cache in one
    round trip; `compute` gets only the debates whose rows are missing, all at once."""
    keys = {debate.pk: _key(kind, debate.record_revision, debate.pk) for debate in debates}
    stored = cache.get_many(list(keys.values()))
    rows = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [debate for debate in debates if debate.pk not in rows]
    if missing:
        computed = compute(missing)
        cache.set_many(
            {keys[pk]: value for pk, value in computed.items()}, settings.MAP_CACHE_SECONDS
        )
        rows.update(computed)
    return rows
