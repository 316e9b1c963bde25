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
from django.utils.translation import gettext as _

from arguments.record.dating import TextDate, came_out_before, public_from, written
from arguments.record.models import Claim, Debate, Layer, Participant, Relation, Source, Undercut
from arguments.record.proposal_slugs import first_free, is_proposal_slug
from arguments.workbench.forms import not_found_message
from arguments.workbench.models import DraftClaim, DraftRelation, SourceText
from arguments.workbench.quotations import (
    Match,
    Passage,
    TextIndex,
    closest_passage,
    find_quotation,
)

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
    """A free address among `rows` (a queryset of the debate's items) made of `words`,
    short enough for the rows' slug column with room for a "-2" suffix (a source's or a
    participant's holds 50 characters: PostgreSQL refuses a longer one)."""
    length = min(SLUG_LENGTH, rows.model._meta.get_field("slug").max_length - 6)
    base = slugify(words)[:length].strip("-") or fallback
    if is_proposal_slug(base):  # the proposals' prefix is theirs alone
        base = f"{fallback}-{base}"[:length].strip("-")
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
        match = index.find(claim.quotation, near=claim.quotation_start)
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
    """The mark, and where the quotation is now, on each claim found in `stored`'s text. A
    claim reported from another text keeps no position: its words are not this text's."""
    now = timezone.now()
    mark = stored.checked_against
    for claim in claims:
        match = matches[claim.pk]
        located = claim.source_id == stored.source_id and claim.via_id is None
        start, end = (match.start, match.end) if located else (None, None)
        unchanged = (claim.checked_against, claim.quotation_start, claim.quotation_end)
        if unchanged == (mark, start, end) and claim.paragraph is not None:
            continue
        claim.checked_against = mark
        claim.checked_at = now
        claim.quotation_start, claim.quotation_end = start, end
        if claim.paragraph is None:
            claim.paragraph = match.paragraph
        claim._change_reason = "quotation checked against the source's stored text"
        claim.save(
            update_fields=[
                "checked_against",
                "checked_at",
                "paragraph",
                "quotation_start",
                "quotation_end",
            ]
        )


class QuotationNotInText(Exception):
    """A claim's quotation is not in the stored text it must come from."""

    def __init__(self, closest: Passage | None):
        self.closest = closest
        self.message = not_found_message(closest)
        super().__init__(self.message)


def check_claim_quotation(claim: Claim) -> None:
    """On every save of a record claim outside the workbench (the admin, the staff's API
    edits): when the text its quotation comes from (the reporter's, `via`, for reported
    speech; else its source, as `quoting_claims` picks) has a stored text, the quotation
    must be in it, else `QuotationNotInText` names the closest passage; found, the claim
    gets the checked mark (set on `claim`, saved by the caller). No stored text: nothing."""
    quoting = claim.via_id or claim.source_id
    if quoting is None or not claim.quotation:
        return
    stored = SourceText.objects.select_related("source").filter(source_id=quoting).first()
    if stored is None:
        return
    match = find_quotation(claim.quotation, stored.text)
    if match is None:
        raise QuotationNotInText(closest_passage(claim.quotation, stored.text))
    claim.checked_against = stored.checked_against
    claim.checked_at = timezone.now()
    if claim.paragraph is None:
        claim.paragraph = match.paragraph


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
        match = index.find(claim.quotation, near=claim.quotation_start)
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
        start=match.start,
        end=match.end,
        prefix=match.prefix,
        suffix=match.suffix,
    )


@dataclass(frozen=True)
class LostDraft:
    draft: DraftClaim
    closest: Passage | None


class DraftsNotPublished(Exception):
    """Drafts whose quotation is no longer in their text, or draft relations that no
    longer hold (their passage gone, the dating rule broken): nothing was published."""

    def __init__(self, lost: list[LostDraft], refused: list[tuple[DraftRelation, str]] = ()):
        super().__init__(f"{len(lost) + len(refused)} draft(s) that cannot be published")
        self.lost = lost
        self.refused = list(refused)


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
        index = indexes.get(draft.quoted_from_id)
        match = index.find(draft.quotation, near=draft.start) if index else None
        if match is None:
            closest = closest_passage(draft.quotation, stored.text) if stored else None
            lost.append(LostDraft(draft, closest))
        else:
            found.append((draft, match))
    relations = list(
        DraftRelation.objects.select_for_update(of=("self",))
        .filter(debate=debate, editor=editor)
        .select_related("source", "from_claim", "to_claim", "to_relation")
    )
    refused = [
        (relation, problem)
        for relation in relations
        if (problem := draft_relation_problem(relation)) is not None
    ]
    if lost or refused:
        raise DraftsNotPublished(lost, refused)
    position = Claim.objects.filter(debate=debate).aggregate(Max("position"))["position__max"]
    position = position or 0
    claims = []
    published: dict[int, Claim] = {}
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
            quotation_start=None if draft.reported_from_id else match.start,
            quotation_end=None if draft.reported_from_id else match.end,
            position=position,
            checked_against=texts[draft.quoted_from_id].checked_against,
            checked_at=now,
        )
        claim._change_reason = f"published from the editors' workbench by {editor.get_username()}"
        claim._history_user = editor
        claim.full_clean(exclude=["search_text", "search_quotation"])
        claim.save()
        claims.append(claim)
        published[draft.pk] = claim
    for relation in relations:
        _publish_relation(relation, published, editor)
    # The draft relations go with their claims (CASCADE), the others here.
    DraftRelation.objects.filter(pk__in=[relation.pk for relation in relations]).delete()
    DraftClaim.objects.filter(pk__in=[draft.pk for draft, _match in found]).delete()
    return claims + relations


@dataclass(frozen=True)
class Located:
    """Where a claim's quotation is in its source's stored text (for the W3C export)."""

    source: str  # the source's slug
    match: Match


def located_quotations(debate: Debate) -> dict[str, Located]:
    """The claims of `debate` stated in a source with a stored text (not reported from
    another: their words are the reporter's) whose quotation is found in it, by slug: at
    the position the claim keeps (the passage the editor selected) when the quotation is
    still there, else at its first occurrence."""
    located: dict[str, Located] = {}
    for stored in SourceText.objects.filter(source__debate=debate).select_related("source"):
        index = TextIndex(stored.text)
        claims = quoting_claims(stored.source).filter(source=stored.source, via__isnull=True)
        rows = claims.values_list("slug", "quotation", "quotation_start", "quotation_end")
        for slug, quotation, start, end in rows:
            match = index.at(quotation, start, end) or index.find(quotation)
            if match is not None:
                located[slug] = Located(stored.source.slug, match)
    return located


def _dated(source: Source) -> TextDate:
    return TextDate(source.published, source.date_precision, source.date_qualifier)


def _public_from(original: Source, quoting: Source | None):
    return public_from(_dated(original), _dated(quoting) if quoting else None)


def _ends(relation: DraftRelation) -> list[tuple[str, Source, Source | None]]:
    """The claims a draft relation joins, as (statement, original text, quoting text)."""
    ends = []
    if relation.from_draft_id:
        draft = relation.from_draft
        quoting = draft.quoted_from if draft.reported_from_id else None
        ends.append((draft.statement, draft.reported_from or draft.quoted_from, quoting))
    else:
        ends.append(
            (relation.from_claim.statement, relation.from_claim.source, relation.from_claim.via)
        )
    targets = (
        [relation.to_relation.from_claim, relation.to_relation.to_claim]
        if relation.to_relation_id
        else [relation.to_claim]
    )
    ends += [(claim.statement, claim.source, claim.via) for claim in targets]
    return ends


def dating_problem(relation: DraftRelation) -> str | None:
    """The dating rule: a text cannot answer what came out after it. For the text's own
    argument only (the editors may join any two claims); None when it holds."""
    if relation.layer != DraftRelation.Layer.TEXT or relation.source is None:
        return None
    text = _dated(relation.source)
    for statement, original, quoting in _ends(relation):
        if original is None:
            continue
        start = _public_from(original, quoting)
        if came_out_before(text, start):
            return _(
                "The dating rule refuses it: “%(text)s” (%(date)s) came out before the claim "
                "“%(claim)s” was public (%(public)s); a text cannot answer what came out "
                "after it. Make it an editors' link, with its justification."
            ) % {
                "text": relation.source.title,
                "date": written(text),
                "claim": statement,
                "public": start.isoformat(),
            }
    return None


def passage_problem(relation: DraftRelation) -> str | None:
    """The text's own argument: its passage must be in the text's stored words."""
    if relation.layer != DraftRelation.Layer.TEXT:
        return None
    stored = SourceText.objects.filter(source_id=relation.source_id).first()
    if stored is None:
        return _("The text has no stored text to find the passage in.")
    if find_quotation(relation.passage, stored.text) is None:
        return not_found_message(closest_passage(relation.passage, stored.text))
    return None


def draft_relation_problem(relation: DraftRelation) -> str | None:
    return dating_problem(relation) or passage_problem(relation)


class DatingRefused(Exception):
    """A draft relation the dating rule refuses; the message says why, for the editor."""


def make_draft_relation(debate: Debate, editor, data: dict) -> DraftRelation:
    """An editor's draft relation from the RelationForm's cleaned data (checked there),
    refused (`DatingRefused`) when a text would answer what came out after it."""
    draft = DraftRelation(debate=debate, editor=editor, **data)
    problem = dating_problem(draft)
    if problem is not None:
        raise DatingRefused(problem)
    draft.save()
    return draft


def _publish_relation(draft: DraftRelation, published: dict[int, Claim], editor) -> None:
    start = published[draft.from_draft_id] if draft.from_draft_id else draft.from_claim
    text_layer = draft.layer == DraftRelation.Layer.TEXT
    common = {
        "debate": start.debate,
        "from_claim": start,
        "layer": Layer.TEXT if text_layer else Layer.EDITORS,
        "source": draft.source if text_layer else None,
        "drawn_by": (draft.source.authors.first() if text_layer else None),
        "passage": draft.passage if text_layer else "",
        "justification": "" if text_layer else draft.justification,
        "justification_en": "" if text_layer else draft.justification_en,
    }
    if draft.kind == DraftRelation.Kind.UNDERCUT:
        item = Undercut(relation=draft.to_relation, **common)
    else:
        item = Relation(to_claim=draft.to_claim, kind=draft.kind, **common)
    item._change_reason = f"published from the editors' workbench by {editor.get_username()}"
    item._history_user = editor
    item.save()
