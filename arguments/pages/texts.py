"""What the home, source and participant pages read from the record, in a bounded number of
queries whatever a debate's size: the exchange each debate starts from (`exchange.py`) with
each text's central thesis, and claims in groups (`grouping.py`). The rows hold model
instances, never words in a language: they are kept in the cache per revision of the record
(`rows.cached_rows`), and the page words them in the reader's language."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, Subquery

from arguments.pages.exchange import KINDS, Dated, exchange_entries, exchange_texts
from arguments.pages.grouping import by_section, by_thesis, shorten
from arguments.record.models import Answer, Claim, Debate, Layer, Relation, Source
from arguments.record.rows import surely_public_by

SHORT_LABEL = 90  # characters of a claim's statement shown before the reader opens it


def answer_counts(debates: list[Debate]) -> dict[int, dict]:
    """By debate, how many of its own arguments each text draws to claims first stated in
    another text, by (answering text, answered text, kind): one query."""
    counts: dict[int, dict] = {debate.pk: {} for debate in debates}
    rows = (
        Relation.objects.filter(debate__in=debates, layer=Layer.TEXT, kind__in=KINDS)
        .historical()
        .shown()
        .filter(from_claim__source=F("source"), to_claim__source__isnull=False)
        .exclude(to_claim__source=F("source"))
        .values_list("debate", "source", "to_claim__source", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for debate_pk, answering, answered, kind, count in rows:
        counts[debate_pk][(answering, answered, kind)] = count
    return counts


def central_theses(texts: list[Source]) -> dict[int, tuple[Claim, Answer | None]]:
    """Each text's central thesis, held by one of its authors: the first the editors give as
    an answer to their questions (they list the most central first), with their few words;
    for a text none of whose claims answers a question, its claim the texts answer most.
    Two or three queries, however many texts."""
    if not texts:
        return {}
    authors = {text.pk: {author.pk for author in text.authors.all()} for text in texts}
    answers = (
        Answer.objects.filter(claim__source__in=texts, claim__hidden_at__isnull=True)
        .select_related("claim__holder", "claim__debate")
        .order_by("question__position", "question__pk", "position", "pk")
    )
    found: dict[int, tuple[Claim, Answer | None]] = {}
    for answer in answers:
        text = answer.claim.source_id
        if text not in found and answer.claim.holder_id in authors[text]:
            found[text] = (answer.claim, answer)
    missing = [text.pk for text in texts if text.pk not in found]
    if missing:
        answered = Count(
            "incoming", filter=Q(incoming__layer=Layer.TEXT, incoming__hidden_at__isnull=True)
        )
        most_answered = (
            Claim.objects.filter(source=OuterRef("pk"), holder__sources=OuterRef("pk"))
            .filter(hidden_at__isnull=True, proposed_at__isnull=True)
            .annotate(answered=answered)
            .order_by("-answered", "position", "pk")
            .values("pk")[:1]
        )
        chosen = Source.objects.filter(pk__in=missing).annotate(central=Subquery(most_answered))
        ids = {pk: central for pk, central in chosen.values_list("pk", "central") if central}
        claims = Claim.objects.filter(pk__in=ids.values()).select_related("holder", "debate")
        by_pk = {claim.pk: claim for claim in claims}
        found.update({text: (by_pk[claim], None) for text, claim in ids.items()})
    return found


def exchanges_of(debates: list[Debate]) -> dict[int, dict]:
    """Each debate's exchange, as `Entry` rows holding the texts themselves, and its other
    texts in date order: five to seven queries, whatever the number of debates."""
    sources = list(
        Source.objects.filter(debate__in=debates).in_date_order().prefetch_related("authors")
    )
    counts = answer_counts(debates)
    by_pk = {source.pk: source for source in sources}
    shown: dict[int, dict] = {}
    for debate in debates:
        own = [source for source in sources if source.debate_id == debate.pk]
        dates = {source.pk: Dated(source.published, source.title) for source in own}
        order = exchange_texts(dates, counts[debate.pk])
        entries = exchange_entries(order, dates, counts[debate.pk])
        for entry in entries:
            entry.text = by_pk[entry.text]
            entry.answers = [(by_pk[pk], kinds) for pk, kinds in entry.answers]
            entry.answered_by = [(by_pk[pk], kinds) for pk, kinds in entry.answered_by]
            text = entry.text
            entry.since = surely_public_by(text.published, text.date_precision, text.date_qualifier)
        in_exchange = set(order)
        for pk in in_exchange:
            by_pk[pk].in_exchange = True  # its answers link to its place on the page
        others = [source for source in own if source.pk not in in_exchange]
        shown[debate.pk] = {"exchange": entries, "others": others}
    theses = central_theses([entry.text for rows in shown.values() for entry in rows["exchange"]])
    for rows in shown.values():
        for entry in rows["exchange"]:
            entry.thesis, entry.gist = theses.get(entry.text.pk, (None, None))
    return shown


def grouped(claims: list[Claim], arguments, sections: bool = False) -> list:
    """`claims` (in reading order) by section if `sections`, else by the thesis they argue
    about along `arguments` ((from, to) pairs)."""
    return by_section(claims) if sections else by_thesis(claims, arguments)


def arguments_among(claims) -> list[tuple[int, int]]:
    """The shown supports and objections between `claims` (a queryset): one query."""
    return list(
        Relation.objects.arguments()
        .shown()
        .filter(from_claim__in=claims, to_claim__in=claims)
        .values_list("from_claim", "to_claim")
    )


def label(claims) -> None:
    """Give each claim its short label, in the reader's language (after the cache)."""
    for claim in claims:
        claim.short_label = shorten(claim.display_statement, SHORT_LABEL)
