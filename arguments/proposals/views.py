"""Readers' proposals: a new argument under a claim or a relation between two claims, and
the moderators' hiding (with a reason shown to readers) or restoring of one."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.ratelimit import write_rate_limited
from arguments.proposals.forms import (
    ProposeArgumentForm,
    ProposeRelationForm,
    matching_targets,
)
from arguments.record.models import MODERATE, Claim, Relation
from arguments.record.params import check_known, search_text
from arguments.record.views import refuse_if_hidden


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


def _proposal_refused(request, claim, argument_form, relation_form) -> HttpResponse:
    context = {
        "debate": claim.debate,
        "claim": claim,
        "argument_form": argument_form or ProposeArgumentForm(debate=claim.debate),
        "relation_form": relation_form or ProposeRelationForm(claim=claim),
    }
    return render(request, "arguments/proposals/propose.html", context, status=400)


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
    return redirect(argument.get_absolute_url())


@require_POST
@write_rate_limited
def propose_relation(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim, denied = _claim_for_proposal(request, debate_slug, claim_slug)
    if denied:
        return denied
    form = ProposeRelationForm(request.POST, claim=claim)
    if not form.is_valid():
        return _proposal_refused(request, claim, None, form)
    relation = claim.propose_relation(
        request.user, form.cleaned_data["kind"], form.cleaned_data["target"]
    )
    return redirect(relation.get_absolute_url())


@require_GET
def propose_targets(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    """The claims the words typed in the relation form may mean, as choices (htmx swaps
    them under the field as the reader types)."""
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user), debate__slug=debate_slug, slug=claim_slug
    )
    check_known(request.GET.keys(), {"target"})
    typed = search_text(request.GET.get("target", ""))
    candidates = matching_targets(claim, typed) if typed else []
    context = {"candidates": candidates, "typed": typed}
    return render(request, "arguments/proposals/_target_choices.html", context)


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
