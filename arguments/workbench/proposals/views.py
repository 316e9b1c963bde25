"""The editors' pages for readers' proposals (a queue, oldest first; accept, edited if
needed, or decline with a reason the proposer sees), the debate's questions and their
theses, and the corrections log's entries. Editors only (`editor_required`); read from the
primary database and never cached, like the rest of the workbench.

htmx posts get the item's part of the page back (the decision, or the form with its
errors); without JavaScript, the queue again with a message, or the form's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from arguments.record.models import Answer, Claim, Debate, Relation
from arguments.workbench.access import editor_required
from arguments.workbench.proposals import actions
from arguments.workbench.proposals.forms import (
    AcceptClaimForm,
    AcceptRelationForm,
    AttachThesisForm,
    Choices,
    CorrectionForm,
    DeclineForm,
)

PRIMARY = "default"
QUEUE = "arguments/workbench/proposals.html"
QUESTIONS = "arguments/workbench/proposals_questions.html"
CORRECTION = "arguments/workbench/proposals_correction.html"


def _debate(debate_slug: str) -> Debate:
    return get_object_or_404(Debate.objects.using(PRIMARY), slug=debate_slug)


def _pending_claim(debate_slug: str, claim_slug: str) -> Claim:
    return get_object_or_404(
        actions.pending_claims(_debate(debate_slug)).using(PRIMARY), slug=claim_slug
    )


def _pending_relation(debate_slug: str, pk: int) -> Relation:
    return get_object_or_404(actions.pending_relations(_debate(debate_slug)).using(PRIMARY), pk=pk)


def _claim_row(claim: Claim, choices, form=None, decline_form=None, **extra) -> dict:
    return {
        "item": claim,
        "is_claim": True,
        "accept_form": form or AcceptClaimForm(claim=claim, choices=choices),
        "decline_form": decline_form or DeclineForm(prefix=f"decline-claim-{claim.pk}"),
        **extra,
    }


def _relation_row(relation: Relation, choices, form=None, decline_form=None, **extra) -> dict:
    return {
        "item": relation,
        "is_claim": False,
        "accept_form": form or AcceptRelationForm(relation=relation, choices=choices),
        "decline_form": decline_form or DeclineForm(prefix=f"decline-relation-{relation.pk}"),
        **extra,
    }


@editor_required
@require_GET
@never_cache
def queue(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    claims = actions.pending_claims(debate).using(PRIMARY)
    relations = actions.pending_relations(debate).using(PRIMARY)
    choices = Choices(debate, PRIMARY)
    context = {
        "debate": debate,
        "claim_rows": [_claim_row(claim, choices) for claim in claims],
        "relation_rows": [_relation_row(relation, choices) for relation in relations],
    }
    return render(request, QUEUE, context)


def _answer(request, debate: Debate, row: dict, done: str | None, status: int = 200):
    """The item's part of the page for htmx; otherwise the queue (done) or the queue with
    this item's form and its errors (refused)."""
    if request.htmx:
        return render(
            request, f"{QUEUE}#row", {"debate": debate, "row": row, "done": done}, status=status
        )
    if done:
        messages.success(request, done)
        return redirect("arguments:workbench_proposals", debate.slug)
    claims = actions.pending_claims(debate).using(PRIMARY)
    relations = actions.pending_relations(debate).using(PRIMARY)
    choices = Choices(debate, PRIMARY)
    item = row["item"]
    context = {
        "debate": debate,
        "claim_rows": [
            row if row["is_claim"] and claim.pk == item.pk else _claim_row(claim, choices)
            for claim in claims
        ],
        "relation_rows": [
            row
            if not row["is_claim"] and relation.pk == item.pk
            else _relation_row(relation, choices)
            for relation in relations
        ],
    }
    return render(request, QUEUE, context, status=status)


def _log(request, debate: Debate, form, item) -> None:
    if form.cleaned_data.get("record_correction"):
        title = _("A reader's proposal accepted into the record")
        actions.add_correction(
            debate,
            request.user,
            title=title,
            title_en="A reader's proposal accepted into the record",
            reason=form.cleaned_data["correction_reason"],
            reason_en=form.cleaned_data["correction_reason_en"],
            lines=[actions.accepted_line(item)],
        )


@editor_required
@require_POST
@vary_on_headers("HX-Request")
def accept_claim(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim = _pending_claim(debate_slug, claim_slug)
    debate = claim.debate
    choices = Choices(debate, PRIMARY)
    form = AcceptClaimForm(request.POST, claim=claim, choices=choices)
    if not form.is_valid():
        return _answer(request, debate, _claim_row(claim, choices, form=form), None, status=400)
    data = form.cleaned_data
    try:
        accepted = actions.accept_claim(
            claim,
            request.user,
            statement=data["statement"],
            statement_en=data["statement_en"],
            holder=data["holder"],
            source=data["source"],
            quotation=data["quotation"],
        )
        _log(request, debate, form, accepted)
    except actions.Refused as refusal:
        row = _claim_row(claim, choices, form=form, refusal=refusal.message)
        return _answer(request, debate, row, None, status=400)
    done = _("The claim is in the record, credited to its proposer.")
    return _answer(request, debate, _claim_row(accepted, choices), done)


@editor_required
@require_POST
@vary_on_headers("HX-Request")
def accept_relation(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relation = _pending_relation(debate_slug, pk)
    debate = relation.debate
    choices = Choices(debate, PRIMARY)
    form = AcceptRelationForm(request.POST, relation=relation, choices=choices)
    if not form.is_valid():
        row = _relation_row(relation, choices, form=form)
        return _answer(request, debate, row, None, status=400)
    data = form.cleaned_data
    try:
        accepted = actions.accept_relation(
            relation,
            request.user,
            kind=data["kind"],
            justification=data["justification"],
            justification_en=data["justification_en"],
            text_source=data["text_source"],
            passage=data["passage"],
        )
        _log(request, debate, form, accepted)
    except actions.Refused as refusal:
        row = _relation_row(relation, choices, form=form, refusal=refusal.message)
        return _answer(request, debate, row, None, status=400)
    if accepted.layer == "text":
        done = _("The relation is in the record as the text's own argument.")
    else:
        done = _("The relation is in the record as an editors' link.")
    return _answer(request, debate, _relation_row(accepted, choices), done)


@editor_required
@require_POST
@vary_on_headers("HX-Request")
def decline(
    request: HttpRequest, debate_slug: str, claim_slug: str = "", pk: int = 0
) -> HttpResponse:
    if claim_slug:
        item = _pending_claim(debate_slug, claim_slug)
        prefix, row_of = f"decline-claim-{item.pk}", _claim_row
    else:
        item = _pending_relation(debate_slug, pk)
        prefix, row_of = f"decline-relation-{item.pk}", _relation_row
    choices = Choices(item.debate, PRIMARY)
    form = DeclineForm(request.POST, prefix=prefix)
    if not form.is_valid():
        row = row_of(item, choices, decline_form=form)
        return _answer(request, item.debate, row, None, status=400)
    try:
        declined = actions.decline(item, request.user, form.cleaned_data["reason"])
    except actions.Refused as refusal:
        row = row_of(item, choices, decline_form=form, refusal=refusal.message)
        return _answer(request, item.debate, row, None, status=400)
    done = _("The proposal is declined; its proposer sees your reason.")
    return _answer(request, item.debate, row_of(declined, choices), done)


def _questions_page(request, debate: Debate, form=None, status: int = 200, **extra):
    context = {
        "debate": debate,
        "questions": debate.questions.using(PRIMARY).with_answers(),
        "form": form or AttachThesisForm(debate=debate),
        **extra,
    }
    return render(request, QUESTIONS, context, status=status)


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
def questions(request: HttpRequest, debate_slug: str) -> HttpResponse:
    """The debate's questions with their theses; a thesis attached to one (POST)."""
    debate = _debate(debate_slug)
    if request.method == "GET":
        return _questions_page(request, debate)
    form = AttachThesisForm(request.POST, debate=debate)
    if not form.is_valid():
        return _questions_page(request, debate, form, status=400)
    claim = debate.claims.using(PRIMARY).filter(slug=form.cleaned_data["claim"]).first()
    if claim is None:
        form.add_error("claim", _("No claim of this debate has this address."))
        return _questions_page(request, debate, form, status=400)
    try:
        actions.attach_thesis(
            form.cleaned_data["question"],
            claim,
            request.user,
            form.cleaned_data["gist"],
            form.cleaned_data["gist_en"],
        )
    except actions.Refused as refusal:
        return _questions_page(request, debate, form, status=400, refusal=refusal.message)
    messages.success(request, _("The thesis answers the question now."))
    return redirect("arguments:workbench_questions", debate.slug)


@editor_required
@require_POST
def detach(request: HttpRequest, debate_slug: str, answer_id: int) -> HttpResponse:
    answer = get_object_or_404(
        Answer.objects.using(PRIMARY), pk=answer_id, question__debate__slug=debate_slug
    )
    actions.detach_thesis(answer)
    messages.success(request, _("The thesis no longer answers the question."))
    return redirect("arguments:workbench_questions", debate_slug)


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
def correction(request: HttpRequest, debate_slug: str) -> HttpResponse:
    """A corrections log entry, for what the editor changed (publishing drafts, say)."""
    debate = _debate(debate_slug)
    if request.method == "GET":
        return render(request, CORRECTION, {"debate": debate, "form": CorrectionForm()})
    form = CorrectionForm(request.POST)
    refusal = None
    if form.is_valid():
        try:
            actions.add_correction(debate, request.user, **form.cleaned_data)
        except actions.Refused as error:
            refusal = error.message
        else:
            messages.success(request, _("The correction is in the public log."))
            return redirect("arguments:corrections", debate.slug)
    context = {"debate": debate, "form": form, "refusal": refusal}
    return render(request, CORRECTION, context, status=400)
