"""Moderators' decisions on a whole debate: publish it (an imported debate starts unlisted),
hide it with a reason, and, in an imported debate that no editor checked, hide or restore
its claims (a hidden claim takes its relations out of readers' sight)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from arguments.record.models import MODERATE, Debate

CLAIMS_PER_PAGE = 50
PRIMARY = "default"  # a moderator sees what they just decided, not a lagging replica
DEBATE_ACTIONS = ("publish", "unpublish", "hide", "restore")
TEMPLATE = "arguments/record/debate_moderation.html"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason, shown to readers"), max_length=300, strip=True
    )


def _debate(debate_slug: str) -> Debate:
    return get_object_or_404(Debate.objects.using(PRIMARY), slug=debate_slug)


def _page(request: HttpRequest, debate: Debate, reason_form=None, status: int = 200):
    claims = None
    if debate.is_imported:
        rows = debate.claims.using(PRIMARY).only(
            "slug", "statement", "statement_en", "hidden_at", "hidden_reason", "debate_id"
        )
        claims = Paginator(rows.order_by("position", "pk"), CLAIMS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    context = {"debate": debate, "claims": claims, "reason_form": reason_form or ReasonForm()}
    return render(request, TEMPLATE, context, status=status)


@require_GET
@permission_required(MODERATE, raise_exception=True)
def debate_moderation(request: HttpRequest, debate_slug: str) -> HttpResponse:
    return _page(request, _debate(debate_slug))


@require_POST
@permission_required(MODERATE, raise_exception=True)
def moderate_debate(request: HttpRequest, debate_slug: str, action: str) -> HttpResponse:
    if action not in DEBATE_ACTIONS:
        raise Http404(_("No such action."))
    debate = _debate(debate_slug)
    if action == "hide":
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _page(request, debate, reason_form=form, status=400)
        debate.hide(" ".join(form.cleaned_data["reason"].split()))
        messages.success(request, _("The debate is hidden from readers."))
    elif action == "restore":
        debate.restore()
        messages.success(request, _("The debate is shown to readers again."))
    elif action == "publish":
        debate.publish()
        messages.success(request, _("The debate is published: it is listed on the home page."))
    else:
        debate.unpublish()
        messages.success(request, _("The debate is unlisted again."))
    return redirect("arguments:debate_moderation", debate_slug=debate.slug)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def moderate_imported_claim(
    request: HttpRequest, debate_slug: str, claim_slug: str, action: str
) -> HttpResponse:
    """Hide (with a reason) or restore a claim of an imported debate; the curated record's
    claims are corrected with their history instead, so they are not found here."""
    if action not in ("hide", "restore"):
        raise Http404(_("No such action."))
    debate = _debate(debate_slug)
    if not debate.is_imported:
        raise Http404(_("Only the claims of an imported debate are hidden here."))
    claim = get_object_or_404(debate.claims.using(PRIMARY), slug=claim_slug)
    claim.debate = debate
    if action == "hide":
        reason = " ".join(request.POST.get("reason", "").split())[:300]
        if not reason:
            messages.error(
                request, _("Say why the claim is hidden: the reason is shown to readers.")
            )
            return redirect("arguments:debate_moderation", debate_slug=debate.slug)
        claim.hide(reason)
    else:
        claim.restore()
    return redirect("arguments:debate_moderation", debate_slug=debate.slug)
