"""Every version of a claim or relation, and the moderators' restoring of one: the record
is corrected with its history, never silently."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arguments.record.history import history_versions, restore_version
from arguments.record.models import Claim, Relation

# The fields a version lists, in this order.
CLAIM_FIELDS = [
    "statement",
    "statement_en",
    "holder",
    "source",
    "via",
    "quotation",
    "section",
    "paragraph",
]
RELATION_FIELDS = [
    "kind",
    "from_claim",
    "to_claim",
    "drawn_by",
    "source",
    "hidden_at",
    "hidden_reason",
]


def refuse_if_hidden(item) -> None:
    """Nothing is written on what moderators hid (a reader never gets this far: for them it
    is missing); they restore it first."""
    if item.is_hidden or item.debate.hidden_at:
        raise BadRequest(
            _("This is hidden by the moderators: nothing can be written on it until restored.")
        )


def _history_page(request: HttpRequest, subject, title: str, fields, restore) -> HttpResponse:
    """Every version of `subject` (a claim or relation, which the reader may see: hidden
    ones stay hidden in their history too); `restore(version)` is the address that restores
    one, offered to those who may change the record, while it is not hidden."""
    may_restore = not subject.is_hidden and request.user.has_perm(
        f"arguments.change_{subject._meta.model_name}"
    )
    context = {
        "debate": subject.debate,
        "subject": title,
        "subject_url": subject.get_absolute_url(),
        "versions": history_versions(subject.history, fields, restore if may_restore else None),
    }
    return render(request, "arguments/record/history.html", context)


@require_GET
def claim_history(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user).for_display(),
        debate__slug=debate_slug,
        slug=claim_slug,
    )
    return _history_page(
        request,
        claim,
        claim.display_statement,
        CLAIM_FIELDS,
        lambda version: reverse(
            "arguments:restore_claim_version", args=[debate_slug, claim_slug, version]
        ),
    )


@require_GET
def relation_history(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relation = get_object_or_404(
        Relation.objects.visible_to(request.user).for_display(), debate__slug=debate_slug, pk=pk
    )
    return _history_page(
        request,
        relation,
        relation.summary,
        RELATION_FIELDS,
        lambda version: reverse(
            "arguments:restore_relation_version", args=[debate_slug, pk, version]
        ),
    )


@require_POST
@permission_required("arguments.change_relation", raise_exception=True)
def restore_relation_version(
    request: HttpRequest, debate_slug: str, pk: int, history_id: int
) -> HttpResponse:
    relation = get_object_or_404(
        Relation.objects.visible_to(request.user).select_related("from_claim", "to_claim"),
        debate__slug=debate_slug,
        pk=pk,
    )
    refuse_if_hidden(relation)
    restore_version(relation, history_id)
    return redirect("arguments:relation_history", debate_slug, pk)


@require_POST
@permission_required("arguments.change_claim", raise_exception=True)
def restore_claim_version(
    request: HttpRequest, debate_slug: str, claim_slug: str, history_id: int
) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user), debate__slug=debate_slug, slug=claim_slug
    )
    refuse_if_hidden(claim)
    restore_version(claim, history_id)
    return redirect("arguments:claim_history", debate_slug, claim_slug)
