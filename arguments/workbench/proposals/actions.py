"""What editors decide on readers' proposals, and what they write for the questions and the
corrections log, each in one transaction. Every write goes through the models' saves, so
the history names the editor and the readers' caches hear of it
(arguments/record/invalidation.py); a correction entry, which has no signal, tells them
itself. A refusal is `Refused`, its message for the editor; nothing is written then."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arguments.record import generations
from arguments.record.dating import TextDate, came_out_before, public_from, written
from arguments.record.models import (
    QUOTATION_MAX_LENGTH,
    Answer,
    Claim,
    Correction,
    CorrectionItem,
    Debate,
    Layer,
    Participant,
    Question,
    Relation,
    Source,
)
from arguments.record.text import clean_text
from arguments.workbench.actions import _slug
from arguments.workbench.forms import not_found_message
from arguments.workbench.models import SourceText
from arguments.workbench.quotations import closest_passage, find_quotation

REASON_MAX_LENGTH = 2000
LINE_MAX_LENGTH = 300


class Refused(Exception):
    """The decision cannot be made as asked; the message says why, for the editor."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def one_line(value, limit: int = LINE_MAX_LENGTH, *, what: str, required: bool = True) -> str:
    """A line of the editor's text: control characters dropped, spaces collapsed; refused
    when empty (if required), too long, or not text."""
    return _text(value, limit, what=what, required=required, multiline=False)


def _text(value, limit: int, *, what: str, required: bool, multiline: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(_("%(what)s must be text.") % {"what": what})
    value = clean_text(value, multiline).strip()
    if not multiline:
        value = " ".join(value.split())
    if required and not value:
        raise Refused(_("%(what)s is required.") % {"what": what})
    if len(value) > limit:
        raise Refused(
            _("%(what)s is too long: at most %(limit)d characters.")
            % {"what": what, "limit": limit}
        )
    return value


def reason_text(value, *, what: str, required: bool = True) -> str:
    return _text(value, REASON_MAX_LENGTH, what=what, required=required, multiline=True)


def pending_claims(debate: Debate):
    """Readers' proposed claims no editor has decided on, oldest first (what moderators
    hid is theirs: it is not in the queue)."""
    return (
        Claim.objects.filter(
            debate=debate,
            proposed_at__isnull=False,
            declined_at__isnull=True,
            hidden_at__isnull=True,
        )
        .select_related("proposed_by", "source", "holder", "debate")
        .order_by("proposed_at", "pk")
    )


def pending_relations(debate: Debate):
    return (
        Relation.objects.filter(
            debate=debate,
            proposed_at__isnull=False,
            declined_at__isnull=True,
            hidden_at__isnull=True,
            from_claim__hidden_at__isnull=True,
            to_claim__hidden_at__isnull=True,
        )
        .select_related("proposed_by", "from_claim", "to_claim", "debate")
        .order_by("proposed_at", "pk")
    )


def _locked_pending(model, pk: int):
    item = model.objects.select_for_update(of=("self",)).select_related("debate").get(pk=pk)
    if item.proposed_at is None or item.declined_at is not None:
        raise Refused(_("This proposal is already decided."))
    if item.hidden_at is not None:
        raise Refused(_("This proposal is hidden by the moderators."))
    return item


def _credit(item, editor, what: str) -> None:
    item.proposal_made_at = item.proposed_at
    item.proposed_at = None
    item.accepted_at = timezone.now()
    item.accepted_by = editor
    item._history_user = editor
    item._change_reason = f"{what} accepted from the readers' proposals by {editor.get_username()}"


def _full_clean(item, exclude=()) -> None:
    try:
        item.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error


@transaction.atomic
def accept_claim(
    claim: Claim,
    editor,
    *,
    statement: str,
    statement_en: str = "",
    holder: Participant | None = None,
    source: Source | None = None,
    quotation: str = "",
) -> Claim:
    """A reader's proposed claim into the record, with the editor's words if they changed
    them. The record's claims have a holder, a source and a quotation: the proposer's, or
    the editor's. When the source's text is stored the quotation must be in it, and the
    claim gets the "checked" mark; otherwise it stays unchecked, as the shipped ones were
    before their texts were stored. The claim takes an address of the record."""
    claim = _locked_pending(Claim, claim.pk)
    statement = _text(statement, 5000, what=_("The statement"), required=True, multiline=True)
    statement_en = _text(
        statement_en, 5000, what=_("The English statement"), required=False, multiline=True
    )
    quotation = _text(
        quotation or claim.quotation,
        QUOTATION_MAX_LENGTH,
        what=_("The quotation"),
        required=True,
        multiline=False,
    )
    holder = holder or claim.holder
    source = source or claim.source
    if holder is None or source is None:
        raise Refused(_("A claim of the record needs its holder and its source."))
    if holder.debate_id != claim.debate_id or source.debate_id != claim.debate_id:
        raise Refused(_("The holder and the source must be of the claim's debate."))
    stored = SourceText.objects.filter(source=source).select_related("source").first()
    claim.checked_against, claim.checked_at = "", None
    claim.quotation_start = claim.quotation_end = None
    if claim.via_id == source.pk:
        claim.via = None
    if stored is not None:
        match = find_quotation(quotation, stored.text)
        if match is None:
            raise Refused(not_found_message(closest_passage(quotation, stored.text)))
        claim.checked_against, claim.checked_at = stored.checked_against, timezone.now()
        claim.paragraph = match.paragraph
        if claim.via_id is None:  # else the words are the reporting text's, not this one's
            claim.quotation_start, claim.quotation_end = match.start, match.end
    claim.statement, claim.statement_en = statement, statement_en
    claim.holder, claim.source, claim.quotation = holder, source, quotation
    # The proposal's address stays a former one: links shared to it lead to the claim.
    claim.readdress(
        _slug(" ".join(statement.split()[:8]), claim.debate.claims.exclude(pk=claim.pk), "claim")
    )
    position = Claim.objects.filter(debate_id=claim.debate_id, proposed_at__isnull=True)
    claim.position = (position.aggregate(Max("position"))["position__max"] or 0) + 1
    _credit(claim, editor, "claim")
    _full_clean(claim, exclude=["search_text", "search_quotation"])
    claim.save()
    return claim


def _public_from(claim: Claim):
    def date_of(source: Source | None) -> TextDate | None:
        if source is None:
            return None
        return TextDate(source.published, source.date_precision, source.date_qualifier)

    return public_from(date_of(claim.source), date_of(claim.via)) if claim.source else None


@transaction.atomic
def accept_relation(
    relation: Relation,
    editor,
    *,
    kind: str,
    justification: str = "",
    justification_en: str = "",
    text_source: Source | None = None,
    passage: str = "",
) -> Relation:
    """A reader's proposed relation into the record: an editors' link with the editor's
    justification, or, when the editor names the passage of a stored text that makes it,
    that text's own argument (credited to its author, the passage found in the text, the
    dating rule kept: a text cannot answer what came out after it). Both claims must be of
    the record already."""
    relation = _locked_pending(Relation, relation.pk)
    if kind not in Relation.Kind.values:
        raise Refused(_("Choose the kind of the relation."))
    ends = Claim.objects.select_related("source", "via").filter(
        pk__in=[relation.from_claim_id, relation.to_claim_id]
    )
    if any(end.proposed_at is not None for end in ends):
        raise Refused(_("Accept the claims this relation joins first: both must be of the record."))
    clash = Relation.objects.filter(
        from_claim_id=relation.from_claim_id, to_claim_id=relation.to_claim_id, kind=kind
    ).exclude(pk=relation.pk)
    if clash.exists():
        raise Refused(_("These claims are already joined by a relation of this kind."))
    relation.kind = kind
    if text_source is None:
        relation.layer = Layer.EDITORS
        relation.justification = one_line(justification, what=_("The justification"))
        relation.justification_en = one_line(
            justification_en, what=_("The English justification"), required=False
        )
        relation.drawn_by, relation.source, relation.passage = None, None, ""
    else:
        _made_by_text(relation, ends, text_source, passage)
    _credit(relation, editor, "relation")
    _full_clean(relation)
    relation.save()
    return relation


def _made_by_text(relation: Relation, ends, source: Source, passage: str) -> None:
    if source.debate_id != relation.debate_id:
        raise Refused(_("The text must be of the relation's debate."))
    stored = SourceText.objects.filter(source=source).first()
    if stored is None:
        raise Refused(_("This source has no stored text to find the passage in."))
    passage = _text(passage, 5000, what=_("The passage"), required=True, multiline=True)
    if find_quotation(passage, stored.text) is None:
        raise Refused(not_found_message(closest_passage(passage, stored.text)))
    text_date = TextDate(source.published, source.date_precision, source.date_qualifier)
    for end in ends:
        start = _public_from(end)
        if came_out_before(text_date, start):
            raise Refused(
                _(
                    "This text (%(date)s) came out before “%(claim)s” was public (%(start)s): "
                    "it cannot answer it. Make it an editors' link."
                )
                % {"date": written(text_date), "claim": end.statement, "start": start}
            )
    author = source.authors.order_by("pk").first()
    if author is None:
        raise Refused(_("This text has no author to credit the argument to."))
    relation.layer = Layer.TEXT
    relation.drawn_by, relation.source, relation.passage = author, source, passage
    relation.justification = relation.justification_en = ""


@transaction.atomic
def decline(item: Claim | Relation, editor, reason: str) -> Claim | Relation:
    """The proposal stays, as a proposal, with the reason its proposer sees."""
    item = _locked_pending(type(item), item.pk)
    item.declined_reason = reason_text(reason, what=_("The reason"))
    item.declined_at = timezone.now()
    item.declined_by = editor
    item._history_user = editor
    item._change_reason = f"proposal declined by {editor.get_username()}"
    item.save(update_fields=["declined_at", "declined_by", "declined_reason"])
    return item


@dataclass(frozen=True)
class CorrectionLine:
    """One change the entry records (a CorrectionItem)."""

    what: str
    change: str
    item: str
    claim: Claim | None = None
    relation: Relation | None = None
    before: str = ""
    after: str = ""


@transaction.atomic
def add_correction(
    debate: Debate,
    editor,
    *,
    title: str,
    title_en: str = "",
    reason: str,
    reason_en: str = "",
    lines: list[CorrectionLine] = (),
) -> Correction:
    """A dated entry of the corrections log, its changes each with the editor's reason."""
    title = one_line(title, what=_("The title"))
    title_en = one_line(title_en, what=_("The English title"), required=False)
    reason = reason_text(reason, what=_("The reason"))
    reason_en = reason_text(reason_en, what=_("The English reason"), required=False)
    today = timezone.localdate()
    base = f"{today.isoformat()}-{slugify(title)[:30].strip('-') or 'correction'}"
    slug = _slug(base, debate.corrections.all(), "correction")[:50].strip("-")
    correction = Correction.objects.create(
        debate=debate,
        slug=slug,
        date=today,
        title=title,
        title_en=title_en,
        summary=reason,
        summary_en=reason_en,
    )
    for position, line in enumerate(lines, start=1):
        CorrectionItem.objects.create(
            correction=correction,
            position=position,
            what=line.what,
            change=line.change[:30],
            item=line.item[:600],
            claim=line.claim,
            relation=line.relation,
            before=line.before,
            after=line.after,
            reason=reason,
            reason_en=reason_en,
        )
    # No signal tells the caches of a correction: the corrections page must show it.
    generations.record_changed(debate.slug)
    return correction


def accepted_line(item: Claim | Relation) -> CorrectionLine:
    if isinstance(item, Claim):
        return CorrectionLine(
            CorrectionItem.What.CLAIM, "accepted", item.statement, claim=item, after=item.statement
        )
    return CorrectionLine(
        CorrectionItem.What.RELATION, "accepted", str(item.summary), relation=item
    )


@transaction.atomic
def attach_thesis(question: Question, claim: Claim, editor, gist: str, gist_en: str = "") -> Answer:
    """A claim of the record as an answer to one of its debate's questions, with the
    editors' few words saying what it answers."""
    if claim.debate_id != question.debate_id:
        raise Refused(_("The claim must belong to the question's debate."))
    if claim.proposed_at is not None or claim.hidden_at is not None:
        raise Refused(_("Only a claim of the record can answer a question."))
    gist = one_line(gist, 200, what=_("The answer in a few words"))
    gist_en = one_line(gist_en, 200, what=_("The answer in a few words (English)"), required=False)
    if Answer.objects.filter(question=question, claim=claim).exists():
        raise Refused(_("This claim already answers this question."))
    last = question.answers.aggregate(Max("position"))["position__max"] or 0
    return Answer.objects.create(
        question=question, claim=claim, gist=gist, gist_en=gist_en, position=last + 1
    )


@transaction.atomic
def detach_thesis(answer: Answer) -> None:
    answer.delete()
