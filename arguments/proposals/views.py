"""Readers' proposals: a new argument under a claim or a relation between two claims, and
the moderators' hiding (with a reason shown to readers) or restoring of one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.ratelimit import write_rate_limited
from arguments.proposals.forms import (
    TARGET_CHOICES_SHOWN,
    ProposeArgumentForm,
    ProposeRelationForm,
    matching_targets,
)
from arguments.record.models import MODERATE, Claim, Relation
from arguments.record.params import check_known, search_text
from arguments.record.views import refuse_if_hidden
from arguments.search.text import highlight, query_terms

FORMS = "arguments/proposals/propose.html"


def _claim_for_proposal(request: HttpRequest, debate_slug: str, claim_slug: str):
    """The claim argued about: missing for a reader if hidden, refused to a moderator."""
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user).for_display(),
        debate__slug=debate_slug,
        slug=claim_slug,
    )
    if not request.user.is_authenticated:
        return claim, redirect(f"{reverse('login')}?next={claim.get_absolute_url()}")
    refuse_if_hidden(claim)
    return claim, None


def _forms(request, claim, argument_form=None, relation_form=None, **extra) -> dict:
    return {
        "debate": claim.debate,
        "claim": claim,
        "argument_form": argument_form or ProposeArgumentForm(debate=claim.debate),
        "relation_form": relation_form or ProposeRelationForm(claim=claim),
        **extra,
    }


def _proposal_refused(request, claim, argument_form, relation_form) -> HttpResponse:
    """The forms with their errors, what was typed kept: htmx swaps them in place (the
    error summary takes focus); without JavaScript, a page of their own."""
    context = _forms(request, claim, argument_form, relation_form)
    template = f"{FORMS}#forms" if request.htmx else FORMS
    return render(request, template, context, status=400)


def _proposed(request, claim, proposal, message: str) -> HttpResponse:
    """Done: htmx gets fresh forms under a confirmation that links to the proposal (also
    read out from #status); without JavaScript, the proposal's page with the message."""
    if request.htmx:
        context = _forms(request, claim, confirmation=message, proposal=proposal)
        return render(request, f"{FORMS}#forms", context)
    messages.success(request, message)
    return redirect(proposal.get_absolute_url())


@require_POST
@write_rate_limited
def propose_argument(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim, denied = _claim_for_proposal(request, debate_slug, claim_slug)
    if denied:
        return denied
    form = ProposeArgumentForm(request.POST, debate=claim.debate)
    if not form.is_valid():
        return _proposal_refused(request, claim, form, None)
    argument = claim.propose_argument(request.user, **form.cleaned_data)
    if form.cleaned_data["kind"] == Relation.Kind.OBJECTION:
        message = _("Your objection is proposed, marked as a reader's contribution.")
    else:
        message = _("Your support is proposed, marked as a reader's contribution.")
    return _proposed(request, claim, argument, message)


@require_POST
@write_rate_limited
def propose_relation(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim, denied = _claim_for_proposal(request, debate_slug, claim_slug)
    if denied:
        return denied
    form = ProposeRelationForm(request.POST, claim=claim)
    if not form.is_valid():
        return _proposal_refused(request, claim, None, form)
    kind, target = form.cleaned_data["kind"], form.cleaned_data["target"]
    relation = claim.propose_relation(request.user, kind, target)
    if kind == Relation.Kind.OBJECTION:
        message = _("Your relation is proposed: this claim objects to “%(target)s”.")
    else:
        message = _("Your relation is proposed: this claim supports “%(target)s”.")
    return _proposed(request, claim, relation, message % {"target": target.display_statement})


@require_GET
@vary_on_headers("HX-Request")
def propose_targets(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    """The claims the words typed may mean, best first, their words marked. htmx swaps them
    under the relation form's field as the reader types; without JavaScript this is a page
    of its own: a search box, and the claims found to choose from in the relation form."""
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user).select_related("debate"),
        debate__slug=debate_slug,
        slug=claim_slug,
    )
    check_known(request.GET.keys(), {"target"})
    typed = search_text(request.GET.get("target", ""))
    candidates = matching_targets(claim, typed) if typed else []
    terms = query_terms(typed)
    for candidate in candidates:
        candidate.marked_statement = mark_safe(highlight(candidate.display_statement, terms))
    context = {"candidates": candidates, "typed": typed}
    if request.htmx:
        return render(request, "arguments/proposals/_target_choices.html", context)
    context.update(
        debate=claim.debate,
        claim=claim,
        relation_form=ProposeRelationForm(claim=claim),
        shown=TARGET_CHOICES_SHOWN,
    )
    return render(request, "arguments/proposals/targets.html", context)


def _reason(request: HttpRequest) -> str:
    reason = " ".join(request.POST.get("reason", "").split())[:300]
    if not reason:
        raise BadRequest(_("Say why the proposal is hidden: the reason is shown to readers."))
    return reason


def _proposal_or_404(queryset, **lookup):
    return get_object_or_404(queryset, proposed_at__isnull=False, **lookup)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def moderate_proposal(
    request: HttpRequest, debate_slug: str, action: str, claim_slug: str = "", pk: int = 0
) -> HttpResponse:
    """Hide (with a reason) or restore a reader's proposed claim or relation."""
    if claim_slug:
        proposal = _proposal_or_404(Claim.objects.all(), debate__slug=debate_slug, slug=claim_slug)
    else:
        proposal = _proposal_or_404(Relation.objects.all(), debate__slug=debate_slug, pk=pk)
    if action == "hide":
        proposal.hide(_reason(request))
    else:
        proposal.restore()
    return redirect("annotations:moderation")
