"""What editors do to the record from the workbench, each in one transaction: a new source
with its text, a text given or replaced (refused when a quotation of it would be lost), a
draft claim made from a text and the editor's drafts published, the quotations of a text
checked, and where quotations are in their texts (for the W3C export). Each write goes
through the models' saves, so the history names the editor and the readers' caches hear of
it (arguments/record/invalidation.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from arguments.record.models import Claim, Debate, Participant, Source
from arguments.record.proposal_slugs import first_free, is_proposal_slug
from arguments.workbench.models import DraftClaim, SourceText
from arguments.workbench.quotations import Match, Passage, TextIndex, closest_passage

SLUG_LENGTH = 60


@dataclass(frozen=True)
class LostQuotation:
    """A claim whose quotation a new text would no longer hold."""

    claim: Claim
    closest: Passage | None


class TextWouldLoseQuotations(Exception):
    def __init__(self, lost: list[LostQuotation]):
        super().__init__(f"{len(lost)} quotation(s) not in the new text")
        self.lost = lost


def _slug(words: str, rows, fallback: str) -> str:
    """A free address among `rows` (a queryset of the debate's items) made of `words`."""
    base = slugify(words)[:SLUG_LENGTH].strip("-") or fallback
    if is_proposal_slug(base):  # the proposals' prefix is theirs alone
        base = f"{fallback}-{base}"[:SLUG_LENGTH].strip("-")
    return first_free(base, set(rows.filter(slug__startswith=base).values_list("slug", flat=True)))


def quoting_claims(source: Source):
    """The claims whose quotation comes from `source`'s words: stated there and not
    reported from elsewhere, or reported there (`via`)."""
    return Claim.objects.filter(
        Q(via=source) | Q(source=source, via__isnull=True), debate_id=source.debate_id
    ).exclude(quotation="")


@transaction.atomic
def add_source(debate: Debate, editor, data: dict) -> Source:
    """A new source of `debate` from the SourceForm's cleaned data, with its text when it
    was pasted or plain (an HTML or PDF file is read by the task worker afterwards)."""
    authors = list(data.get("authors") or [])
    new_author = " ".join((data.get("new_author") or "").split())
    if new_author:
        existing = debate.participants.filter(name=new_author).first()
        authors.append(
            existing
            or Participant.objects.create(
                debate=debate,
                slug=_slug(new_author, debate.participants.all(), "participant"),
                name=new_author,
            )
        )
    published, precision = data["date"]
    words = " ".join(
        [
            authors[0].slug if authors else "",
            str(published.year) if published else "",
            data["title"],
        ]
    )
    source = Source.objects.create(
        debate=debate,
        slug=_slug(words, debate.sources.all(), "source"),
        title=data["title"],
        venue=data.get("venue") or "",
        published=published,
        date_precision=precision,
        date_qualifier=data["date_qualifier"] if published else "",
        url=data.get("url") or "",
        language=data.get("language") or "fr",
    )
    source.authors.set(authors)
    if data.get("text") is not None:  # else an uploaded file waits for the task worker
        stored = SourceText(source=source, uploaded_by=editor)
        stored.set_text(data["text"], data["format"])
        stored.save()
    return source


@transaction.atomic
def set_source_text(source: Source, editor, text: str, format: str) -> SourceText:
    """Give `source` its text or replace it: refused (`TextWouldLoseQuotations`, naming the
    claims) when a quotation of the record would no longer be found in it. The claims that
    are found are checked against the new text."""
    stored = SourceText.objects.select_for_update().filter(source=source).first()
    stored = stored or SourceText(source=source)
    claims = list(quoting_claims(source))
    matches: dict[int, Match] = {}
    lost = []
    index = TextIndex(text)
    for claim in claims:
        match = index.find(claim.quotation)
        if match is None:
            lost.append(LostQuotation(claim, closest_passage(claim.quotation, text)))
        else:
            matches[claim.pk] = match
    if lost and stored.pk:
        raise TextWouldLoseQuotations(lost)
    stored.uploaded_by = editor
    stored.set_text(text, format)
    stored.save()
    # A first text may leave some quotations unfound (they were typed from elsewhere): they
    # stay unchecked. Those found get the mark.
    _mark_checked([claim for claim in claims if claim.pk in matches], stored, matches)
    return stored


def _mark_checked(claims: list[Claim], stored: SourceText, matches: dict[int, Match]) -> None:
    now = timezone.now()
    mark = stored.checked_against
    for claim in claims:
        paragraph = matches[claim.pk].paragraph
        if claim.checked_against == mark and claim.paragraph == paragraph:
            continue
        claim.checked_against = mark
        claim.checked_at = now
        if claim.paragraph is None:
            claim.paragraph = paragraph
        claim._change_reason = "quotation checked against the source's stored text"
        claim.save(update_fields=["checked_against", "checked_at", "paragraph"])


@transaction.atomic
def check_quotations(source: Source) -> list[LostQuotation]:
    """Check every quotation of `source` against its stored text: those found get the
    mark, those not found are returned with their closest passage."""
    stored = SourceText.objects.select_related("source").get(source=source)
    lost = []
    matches = {}
    found = []
    index = TextIndex(stored.text)
    for claim in quoting_claims(source):
        match = index.find(claim.quotation)
        if match is None:
            lost.append(LostQuotation(claim, closest_passage(claim.quotation, stored.text)))
        else:
            matches[claim.pk] = match
            found.append(claim)
    _mark_checked(found, stored, matches)
    return lost


def make_draft(source: Source, editor, data: dict, match: Match) -> DraftClaim:
    """An editor's draft claim from `source`'s text, its quotation found there (`match`).
    Reported speech: the holder said it in `reported_from`, this text reports it."""
    return DraftClaim.objects.create(
        debate=source.debate,
        editor=editor,
        quoted_from=source,
        reported_from=data.get("reported_from"),
        holder=data["holder"],
        statement=data["statement"],
        statement_en=data["statement_en"],
        quotation=data["quotation"],
        section=data.get("section") or "",
        paragraph=match.paragraph,
    )


@dataclass(frozen=True)
class LostDraft:
    draft: DraftClaim
    closest: Passage | None


class DraftsNotPublished(Exception):
    """Drafts whose quotation is no longer in their text: nothing was published."""

    def __init__(self, lost: list[LostDraft]):
        super().__init__(f"{len(lost)} draft(s) with a quotation not in their text")
        self.lost = lost


@transaction.atomic
def publish_drafts(debate: Debate, editor) -> list[Claim]:
    """Every draft of `editor` in `debate` becomes a claim of the record, in one
    transaction: each quotation is checked again against its text as stored now, and if
    one is no longer found nothing is published (`DraftsNotPublished` names them). Each
    claim's history names the editor; its save tells the readers' caches."""
    drafts = list(
        DraftClaim.objects.select_for_update(of=("self",))
        .filter(debate=debate, editor=editor)
        .select_related("quoted_from", "reported_from", "holder")
    )
    texts = {
        stored.source_id: stored
        for stored in SourceText.objects.filter(source__in={d.quoted_from_id for d in drafts})
    }
    indexes = {source_id: TextIndex(stored.text) for source_id, stored in texts.items()}
    found: list[tuple[DraftClaim, Match]] = []
    lost: list[LostDraft] = []
    for draft in drafts:
        stored = texts.get(draft.quoted_from_id)
        match = indexes[draft.quoted_from_id].find(draft.quotation) if stored else None
        if match is None:
            closest = closest_passage(draft.quotation, stored.text) if stored else None
            lost.append(LostDraft(draft, closest))
        else:
            found.append((draft, match))
    if lost:
        raise DraftsNotPublished(lost)
    position = Claim.objects.filter(debate=debate).aggregate(Max("position"))["position__max"]
    position = position or 0
    claims = []
    now = timezone.now()
    for draft, match in found:
        position += 1
        claim = Claim(
            debate=debate,
            slug=_slug(" ".join(draft.statement.split()[:8]), debate.claims.all(), "claim"),
            statement=draft.statement,
            statement_en=draft.statement_en,
            holder=draft.holder,
            source=draft.reported_from or draft.quoted_from,
            via=draft.quoted_from if draft.reported_from else None,
            quotation=draft.quotation,
            section=draft.section,
            paragraph=match.paragraph,
            position=position,
            checked_against=texts[draft.quoted_from_id].checked_against,
            checked_at=now,
        )
        claim._change_reason = f"published from the editors' workbench by {editor.get_username()}"
        claim._history_user = editor
        claim.full_clean(exclude=["search_text", "search_quotation"])
        claim.save()
        claims.append(claim)
    DraftClaim.objects.filter(pk__in=[draft.pk for draft, _match in found]).delete()
    return claims


@dataclass(frozen=True)
class Located:
    """Where a claim's quotation is in its source's stored text (for the W3C export)."""

    source: str  # the source's slug
    match: Match


def located_quotations(debate: Debate) -> dict[str, Located]:
    """The claims of `debate` stated in a source with a stored text (not reported from
    another: their words are the reporter's) whose quotation is found in it, by slug."""
    located: dict[str, Located] = {}
    for stored in SourceText.objects.filter(source__debate=debate).select_related("source"):
        index = TextIndex(stored.text)
        claims = quoting_claims(stored.source).filter(source=stored.source, via__isnull=True)
        for slug, quotation in claims.values_list("slug", "quotation"):
            match = index.find(quotation)
            if match is not None:
                located[slug] = Located(stored.source.slug, match)
    return located
