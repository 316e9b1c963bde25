"""What the API's reads cost: anonymous list and detail answers are served by the readers'
cache (`arguments.record.reader_cache`) like the pages, kept by the site's generations; list
counts are kept by the same generations for everyone, so a list is not counted per request.

A list spans debates: any write to the record (or, for annotations, to any annotation)
gives the next answer anew; no time-to-live decides what is current."""

from __future__ import annotations

import hashlib

from arguments.record import generations
from arguments.record.code_version import code_version
from arguments.record.reader_cache import ReaderPage, on_site, on_site_readers

# What the resources show: the record across debates; annotations add readers' writes.
RECORD = ReaderPage((on_site,), negotiated=True)
ANNOTATED = ReaderPage((on_site, on_site_readers), negotiated=True)


class CachedReads:
    """For a viewset: its list and detail answers to readers who are not signed in served
    from the readers' cache (`reader_page`; signed-in readers see their own proposals and
    moderators hidden items: their answers are never stored), and list counts kept per
    generation of what the list shows."""

    reader_page: ReaderPage = RECORD

    def paginate_queryset(self, queryset):
        if self.paginator is not None:
            keys = self.reader_page.generation_keys({})
            current, _entries = generations.read(keys)
            if current is not None:  # the cache answers: the count is kept in it
                self.paginator.count_key = lambda sql, params: _count_key(current, sql, params)
        return super().paginate_queryset(queryset)


def _count_key(current: tuple, sql: str, params) -> str:
    identity = repr((code_version(), current, sql, params))
    return "api:count:" + hashlib.sha256(identity.encode()).hexdigest()
