"""The seam through which apps built on the record hang their own rows on its claims and
relations (readers' annotations) without the record importing them: such an app registers an
`Extension` at start-up (its AppConfig.ready), and the record's pages, maps, backups and files
ask every registered extension for its part."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

_registered: list[Extension] = []


@dataclass(frozen=True)
class ThreadItem:
    """One entry of a thread as anyone may read it (a feed's entry)."""

    key: str  # stable and unique: the entry's id
    author: str
    title: str
    html: str  # sanitised already
    published: datetime.datetime
    updated: datetime.datetime
    anchor: str  # its place on the claim's page ("annotation-12")


class Extension:
    """What an app adds to the record; each default adds nothing."""

    def page_context(self, target, user) -> dict:
        """Context for the page of a claim or relation (`target`) as `user` sees it."""
        return {}

    def claim_notes(self, claim_ids: list[int]) -> dict[int, str]:
        """Per claim (`claim_ids`: ids or a query of them), a note in words for the map's
        tooltips, served beside the drawn map (`maps.views.map_notes`): it never enters the
        DOT text."""
        return {}

    def public_thread(self, target, limit: int) -> list[ThreadItem]:
        """The newest `limit` entries of the thread on a claim or relation that a reader who
        is not signed in sees: never what is hidden or deleted, nor replies under it."""
        return []

    def backup_querysets(self, debate, claim_ids: list[int], relation_ids: list[int]):
        """(rows, history): querysets of this app's rows on the debate, parents first, and of
        their history, for a backup that restores them with their ids."""
        return [], []

    def document_annotations(self, debate, claim_keys: dict, relation_keys: dict) -> list:
        """This app's rows on the debate as the interchange document's annotations (keys by
        claim and relation id), in a fixed number of queries."""
        return []

    def store_annotations(self, document, claim_ids: dict, relation_ids: dict):
        """Store a document's annotations on the claims and relations just stored (ids by
        key). Their authors are the names the file gives, never site accounts."""


def register(extension: Extension) -> None:
    if not any(type(known) is type(extension) for known in _registered):
        _registered.append(extension)


def registered() -> list[Extension]:
    return list(_registered)
