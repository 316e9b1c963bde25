"""Atom feeds to follow a debate (its new claims and texts) and a claim's thread (readers'
annotations). Both show what a reader who is not signed in sees, whoever asks: never what
moderators hid, so a feed is the same for everyone and kept whole in the readers' cache."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arguments.pages.views import reject_unknown_params
from arguments.record import extensions
from arguments.record.models import Claim, Debate, Source
from arguments.record.reader_cache import on_claim_thread, on_record, reader_page

FEED_LENGTH = 50


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    link: str
    author: str
    published: datetime.datetime
    updated: datetime.datetime


def _dated(queryset):
    """Each row with the date of its first and of its newest version (its history)."""
    history = queryset.model.history.model.objects.filter(id=OuterRef("pk"))
    first = history.order_by("history_date").values("history_date")[:1]
    newest = history.order_by("-history_date").values("history_date")[:1]
    return queryset.annotate(added=Subquery(first), changed=Subquery(newest))


def _claim_entry(claim: Claim) -> Entry:
    if claim.is_proposal:
        title = _("Reader's proposal: %(statement)s")
    else:
        title = _("Claim: %(statement)s")
    where = claim.source.display_title if claim.source_id else ""
    return Entry(
        title=title % {"statement": claim.display_statement},
        description=" — ".join(
            part
            for part in (claim.author_label, where, claim.quotation and f"« {claim.quotation} »")
            if part
        ),
        link=claim.get_absolute_url(),
        author=claim.author_label,
        published=claim.added,
        updated=claim.changed or claim.added,
    )


def _source_entry(source: Source) -> Entry:
    authors = ", ".join(author.display_name for author in source.authors.all())
    return Entry(
        title=_("Text: %(title)s") % {"title": source.display_title},
        description=", ".join(
            part for part in (authors, source.venue, source.date_display) if part
        ),
        link=source.get_absolute_url(),
        author=authors,
        published=source.added,
        updated=source.changed or source.added,
    )


class AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, entry: Entry) -> str:
        return entry.title

    def item_description(self, entry: Entry) -> str:
        return entry.description

    def item_link(self, entry: Entry) -> str:
        return entry.link

    def item_author_name(self, entry: Entry) -> str:
        return entry.author

    def item_pubdate(self, entry: Entry) -> datetime.datetime:
        return entry.published

    def item_updateddate(self, entry: Entry) -> datetime.datetime:
        return entry.updated


class DebateFeed(AtomFeed):
    """The debate's newest claims and texts, newest first."""

    def get_object(self, request, debate_slug: str) -> Debate:
        reject_unknown_params(request, set())
        return get_object_or_404(Debate.objects.visible_to(AnonymousUser()), slug=debate_slug)

    def title(self, debate: Debate) -> str:
        return _("%(debate)s: new claims and texts") % {"debate": debate.display_title}

    def subtitle(self, debate: Debate) -> str:
        return debate.display_description

    def link(self, debate: Debate) -> str:
        return debate.get_absolute_url()

    def items(self, debate: Debate) -> list[Entry]:
        claims = _dated(debate.claims.visible_to(AnonymousUser()).for_display())
        sources = _dated(debate.sources.prefetch_related("authors"))
        newest = [
            *map(_claim_entry, claims.order_by("-added", "-pk")[:FEED_LENGTH]),
            *map(_source_entry, sources.order_by("-added", "-pk")[:FEED_LENGTH]),
        ]
        newest.sort(key=lambda entry: (entry.published, entry.link), reverse=True)
        return newest[:FEED_LENGTH]


class ClaimThreadFeed(AtomFeed):
    """Readers' annotations on a claim, newest first: those anyone may read."""

    def get_object(self, request, debate_slug: str, claim_slug: str) -> Claim:
        reject_unknown_params(request, set())
        claims = Claim.objects.visible_to(AnonymousUser()).for_display()
        return get_object_or_404(claims, debate__slug=debate_slug, slug=claim_slug)

    def title(self, claim: Claim) -> str:
        return _("Readers' annotations on “%(statement)s”") % {"statement": claim.display_statement}

    def subtitle(self, claim: Claim) -> str:
        return claim.debate.display_title

    def link(self, claim: Claim) -> str:
        return claim.get_absolute_url()

    def items(self, claim: Claim) -> list[Entry]:
        entries = [
            item
            for extension in extensions.registered()
            for item in extension.public_thread(claim, FEED_LENGTH)
        ]
        return [
            Entry(
                title=item.title,
                description=item.html,
                link=f"{claim.get_absolute_url()}#{item.anchor}",
                author=item.author,
                published=item.published,
                updated=item.updated,
            )
            for item in sorted(entries, key=lambda item: item.published, reverse=True)
        ][:FEED_LENGTH]


debate_feed = require_GET(reader_page(on_record)(DebateFeed()))
claim_feed = require_GET(reader_page(on_record, on_claim_thread)(ClaimThreadFeed()))
