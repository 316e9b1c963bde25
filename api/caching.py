"""What the API's reads cost: anonymous answers kept per revision, and list counts with them.

A resource's revision is the newest history id of each table its JSON shows, across all
debates (a list spans debates): one query of index look-ups, whatever the size of the
tables. Any write through the models leaves a history entry, so it changes the revision and
the next answer; no time-to-live decides what is current."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.translation import get_language
from rest_framework.response import Response

from annotations.models import Annotation
from arguments.record.code_version import code_version
from arguments.record.models import Claim, Debate, Participant, Relation, Source, Undercut

# The tables of the record: every resource shows some of them (a hidden debate or claim
# takes what is in it out of the lists).
RECORD = (Debate, Participant, Source, Claim, Relation, Undercut)
# What each resource's JSON shows: an annotation changes none of the record's answers.
PARTICIPANTS = (Debate, Participant)
SOURCES = (Debate, Participant, Source)
CLAIMS = (Debate, Participant, Source, Claim)
RELATIONS = (Debate, Participant, Source, Claim, Relation)
# Annotations are shown in their debates: a hidden claim or debate takes them out.
ANNOTATED = (*RECORD, Annotation)


def newest_history_ids(models: tuple) -> tuple:
    """The newest history id of each model's table, in one query."""
    alias = router.db_for_read(models[0])
    quote = connections[alias].ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote('history_id')}) FROM {quote(model.history.model._meta.db_table)})"
        for model in models
    )
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return tuple(cursor.fetchone())


@functools.cache
def api_code_version() -> str:
    """The code that draws the maps and pages, and the API's own: a deployment that changes
    the JSON never serves answers cached by the one before."""
    digest = hashlib.sha256(code_version().encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(kind: str, identity) -> str:
    return (
        f"api:{kind}:" + hashlib.sha256(repr((api_code_version(), identity)).encode()).hexdigest()
    )


class CachedReads:
    """For a viewset: its list and detail answers to anonymous readers kept per revision of
    `shown_tables`, language and full address (with the host: the JSON holds absolute
    URLs); list counts kept per revision for everyone. Signed-in readers see their own
    proposals and moderators hidden items: their answers are never stored."""

    shown_tables: tuple = RECORD

    def shown_revision(self) -> tuple:
        if not hasattr(self, "_shown_revision"):
            self._shown_revision = newest_history_ids(self.shown_tables)
        return self._shown_revision

    def list(self, request, *args, **kwargs):
        return self._cached(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(request, super().retrieve, *args, **kwargs)

    def paginate_queryset(self, queryset):
        if self.paginator is not None:
            revision = self.shown_revision()
            self.paginator.count_key = lambda sql, params: _key("count", (revision, sql, params))
        return super().paginate_queryset(queryset)

    def _cached(self, request, answer, *args, **kwargs):
        if request.user.is_authenticated:
            return answer(request, *args, **kwargs)
        identity = (self.shown_revision(), get_language(), request.build_absolute_uri())
        key = _key("answer", identity)
        data = cache.get(key)
        if data is not None:
            return Response(data)
        response = answer(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            cache.set(key, response.data, settings.MAP_CACHE_SECONDS)
        return response
