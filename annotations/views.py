"""Writing annotations: thin views; htmx gets the thread partial, others a redirect (PRG)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.ratelimit import write_rate_limited
from arguments.record.history import history_versions
from arguments.record.history import restore_version as restore_annotation_version
from arguments.record.models import MODERATE, Claim, Relation

from .forms import AnnotationForm, ReasonForm, ReplyForm
from .models import Annotation

THREAD = "annotations/thread.html#annotations"


def _require_login(request: HttpRequest):
    """Anonymous writers: htmx gets a 403, a plain form post goes to the login page."""
    if request.user.is_authenticated:
        return None
    if request.htmx:
        raise PermissionDenied
    return redirect(f"{reverse('login')}?next={request.path}")


def thread_context(target: Claim | Relation, user, form=None) -> dict:
    """The annotation thread of a claim or a relation, with its forms."""
    is_claim = isinstance(target, Claim)
    annotations = Annotation.objects.filter(**{"claim" if is_claim else "relation": target})
    counts = annotations.stance_counts()
    return {
        "debate": target.debate,
        "target": target,
        "target_url": target.get_absolute_url(),
        "post_url": reverse(
            "annotations:claim" if is_claim else "annotations:relation",
            args=[target.debate.slug, target.slug if is_claim else target.pk],
        ),
        "threads": annotations.threads_for(target),
        "stance_summary": [
            (value, label, counts.get(value, 0)) for value, label in Annotation.Stance.choices
        ],
        "annotation_form": form or AnnotationForm(),
        "reply_form": ReplyForm(),
        "user": user,
    }


def _claim(debate_slug: str, claim_slug: str) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related("debate"), debate__slug=debate_slug, slug=claim_slug
    )


def _back_to(target: Claim | Relation, request: HttpRequest) -> HttpResponse:
    """htmx: the new thread. Otherwise back where the form was (a safe `next`), or the
    claim or relation page."""
    if request.htmx:
        return render(request, THREAD, thread_context(target, request.user))
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect(target.get_absolute_url() + "#annotations")


def _thread_etag(
    request: HttpRequest, debate_slug: str, claim_slug: str = "", pk: int | None = None
) -> str | None:
    """Changes whenever an annotation on the claim is added, edited or deleted; the reader
    and the language are part of it because they change what is rendered."""
    if request.method != "GET":
        return None
    on = (
        {"claim__debate__slug": debate_slug, "claim__slug": claim_slug}
        if claim_slug
        else {"relation__debate__slug": debate_slug, "relation__pk": pk}
    )
    state = Annotation.objects.filter(**on).aggregate(
        count=Count("pk"), edited=Max("edited_at"), deleted=Max("deleted_at")
    )
    return "-".join(
        str(part)
        for part in (
            state["count"],
            state["edited"],
            state["deleted"],
            request.user.pk,
            get_language(),
            bool(request.htmx),
        )
    ).replace(" ", "_")


@vary_on_headers("HX-Request", "Cookie")
@require_http_methods(["GET", "POST"])
@condition(etag_func=_thread_etag)
@write_rate_limited
def claim_annotations(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    return _annotate(request, _claim(debate_slug, claim_slug))


@vary_on_headers("HX-Request", "Cookie")
@require_http_methods(["GET", "POST"])
@condition(etag_func=_thread_etag)
@write_rate_limited
def relation_annotations(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relation = get_object_or_404(
        Relation.objects.select_related("debate"), debate__slug=debate_slug, pk=pk
    )
    return _annotate(request, relation)


def _annotate(request: HttpRequest, target: Claim | Relation) -> HttpResponse:
    if request.method == "GET":
        return render(request, THREAD, thread_context(target, request.user))
    if denied := _require_login(request):
        return denied
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        return render(request, THREAD, thread_context(target, request.user, form), status=400)
    annotation = form.save(commit=False)
    annotation.author = request.user
    if isinstance(target, Claim):
        annotation.claim = target
    else:
        annotation.relation = target
    annotation.save()
    return _back_to(target, request)


def _own_annotation(request: HttpRequest, pk: int) -> Annotation:
    annotation = get_object_or_404(
        Annotation.objects.select_related("claim__debate", "relation__debate", "author"), pk=pk
    )
    if not annotation.can_edit(request.user):
        raise PermissionDenied
    return annotation


@require_POST
@write_rate_limited
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    parent = _annotation(pk)
    form = ReplyForm(request.POST)
    if not form.is_valid() or parent.is_deleted:
        context = thread_context(parent.target, request.user)
        context["reply_errors"] = {parent.pk: form.errors.get("body", [])}
        return render(request, THREAD, context, status=400)
    parent.reply(request.user, form.cleaned_data["body"])
    return _back_to(parent.target, request)


@require_http_methods(["GET", "POST"])
@write_rate_limited
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _own_annotation(request, pk)
    form = AnnotationForm(request.POST or None, instance=annotation)
    status, theirs = 200, None
    if request.method == "POST":
        try:
            based_on = int(request.POST.get("version", ""))
        except ValueError:
            based_on = -1
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in ("body", "stance", "tags")}
            if annotation.revise(**fields, based_on=based_on):
                return _back_to(annotation.target, request)
            # Someone saved another version since this form was opened: show both, keep
            # the reader's text in the form, and let a second submit save it deliberately.
            annotation.refresh_from_db()
            theirs = annotation
            status = 409
        else:
            status = 400
    context = {
        "annotation": annotation,
        "form": form,
        "debate": annotation.target.debate,
        "theirs": theirs,
        "version": annotation.version,
    }
    return render(request, "annotations/edit.html", context, status=status)


@require_POST
@write_rate_limited
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _own_annotation(request, pk)
    annotation.soft_delete()
    return _back_to(annotation.target, request)


def _annotation(pk: int) -> Annotation:
    return get_object_or_404(
        Annotation.objects.select_related("claim__debate", "relation__debate"), pk=pk
    )


def _refused(request: HttpRequest, annotation: Annotation, form) -> HttpResponse:
    context = thread_context(annotation.target, request.user)
    context["reason_errors"] = {annotation.pk: form.errors.get("reason", [])}
    return render(request, THREAD, context, status=400)


@require_POST
@write_rate_limited
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _annotation(pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, annotation, form)
    annotation.flag(request.user, form.cleaned_data["reason"])
    return _back_to(annotation.target, request)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _annotation(pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, annotation, form)
    annotation.hide(request.user, form.cleaned_data["reason"])
    return _back_to(annotation.target, request)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _annotation(pk)
    annotation.restore()
    return _back_to(annotation.target, request)


@require_http_methods(["GET"])
@permission_required(MODERATE, raise_exception=True)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    proposals = Claim.objects.filter(proposed_at__isnull=False).select_related(
        "debate", "proposed_by"
    )
    proposed_relations = Relation.objects.filter(proposed_at__isnull=False).select_related(
        "debate", "proposed_by", "from_claim", "to_claim"
    )
    context = {
        "proposals": proposals.filter(hidden_at__isnull=True).order_by("-proposed_at")[:50],
        "hidden_proposals": proposals.filter(hidden_at__isnull=False).order_by("-hidden_at")[:50],
        "proposed_relations": proposed_relations.order_by("-proposed_at")[:50],
        "flagged": Annotation.objects.awaiting_moderation(),
        "hidden": Annotation.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by", "claim__debate", "relation__debate")
        .order_by("-hidden_at")[:50],
    }
    return render(request, "annotations/moderation.html", context)


@require_http_methods(["GET"])
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """An annotation's versions: for its author and the moderators (it may hold hidden text)."""
    annotation = _annotation(pk)
    if not (
        request.user.is_authenticated
        and (request.user.pk == annotation.author_id or request.user.has_perm(MODERATE))
    ):
        raise PermissionDenied
    fields = ["body", "stance", "tags", "deleted_at", "hidden_at", "hidden_reason"]
    restore_url = None
    if request.user.has_perm(MODERATE):

        def restore_url(version):
            return reverse("annotations:restore_version", args=[pk, version])

    context = {
        "debate": annotation.target.debate,
        "subject": annotation.body[:120],
        "subject_url": annotation.target.get_absolute_url() + f"#annotation-{annotation.pk}",
        "versions": history_versions(annotation.history, fields, restore_url),
    }
    return render(request, "arguments/record/history.html", context)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def restore_version(request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
    annotation = _annotation(pk)
    restore_annotation_version(annotation, history_id)
    return redirect("annotations:history", pk)
