"""Writing annotations: thin views; htmx gets the thread partial, others a redirect (PRG)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.ratelimit import write_rate_limited
from arguments.record.history import history_versions
from arguments.record.history import restore_version as restore_annotation_version
from arguments.record.models import MODERATE, Claim, Relation
from arguments.record.views import refuse_if_hidden

from .forms import AnnotationForm, ReasonForm, ReplyForm, edited_version
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
        "annotation_form": form or blank_annotation_form(),
        "reply_form": ReplyForm(),
        "user": user,
    }


def blank_annotation_form() -> SafeString:
    """The empty annotation form, rendered once per language and process: the same for
    every reader, and Django's form templates cost more than the rest of a thread."""
    return mark_safe(_blank_annotation_form(get_language()))


@functools.lru_cache(maxsize=len(settings.LANGUAGES))
def _blank_annotation_form(language: str) -> str:
    return str(AnnotationForm())


def _claims(request: HttpRequest, debate_slug: str, claim_slug: str):
    """The claim of the address, if the reader may see it: hidden, it is missing (404)."""
    return Claim.objects.visible_to(request.user).filter(debate__slug=debate_slug, slug=claim_slug)


def _relations(request: HttpRequest, debate_slug: str, pk: int):
    return Relation.objects.visible_to(request.user).filter(debate__slug=debate_slug, pk=pk)


def _back_to(
    target: Claim | Relation, request: HttpRequest, done: Annotation, announce: str
) -> HttpResponse:
    """htmx: the new thread, focused on the annotation just written or changed (`done`),
    with a word for screen readers (`announce`, read from #status: static/js/swap-focus.js).
    Otherwise back where the form was (a safe `next`), or the claim or relation page, which
    says the same at its top (a message)."""
    if request.htmx:
        context = {**thread_context(target, request.user), "focus_pk": done.pk}
        return render(request, THREAD, {**context, "announce": announce})
    messages.success(request, announce)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect(target.get_absolute_url() + "#annotations")


def _refusal(request: HttpRequest, context: dict) -> HttpResponse:
    """A refused form (400): htmx swaps the thread in place, with its errors; without
    JavaScript the same thread comes in a whole page, which has a title and a language."""
    template = THREAD if request.htmx else "annotations/refused.html"
    return render(request, template, context, status=400)


def _thread_etag(
    request: HttpRequest, debate_slug: str, claim_slug: str = "", pk: int | None = None
) -> str | None:
    """Changes whenever anything the thread shows changes: its annotations' newest history
    entry (each is added, edited, deleted, hidden or restored with one), and whether the
    claim, relation or debate is hidden. The reader and the language are part of it because
    they change what is rendered. None, so no 304, when the reader may not see the target:
    the view answers 404 then. One query."""
    if request.method != "GET":
        return None
    if claim_slug:
        targets = _claims(request, debate_slug, claim_slug)
        entries = Annotation.history.filter(claim_id=OuterRef("pk"))
        hidden = ["hidden_at", "debate__hidden_at"]
    else:
        targets = _relations(request, debate_slug, pk)
        entries = Annotation.history.filter(relation_id=OuterRef("pk"))
        hidden = ["hidden_at", "from_claim__hidden_at", "to_claim__hidden_at", "debate__hidden_at"]
    newest = Subquery(entries.order_by("-history_id").values("history_id")[:1])
    state = targets.annotate(newest=newest).values_list("newest", *hidden).first()
    if state is None:
        return None
    parts = (*state, request.user.pk, get_language(), bool(request.htmx))
    return "-".join(str(part) for part in parts).replace(" ", "_")


@vary_on_headers("HX-Request", "Cookie")
@require_http_methods(["GET", "POST"])
@condition(etag_func=_thread_etag)
@write_rate_limited
def claim_annotations(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claims = _claims(request, debate_slug, claim_slug).select_related("debate")
    return _annotate(request, get_object_or_404(claims))


@vary_on_headers("HX-Request", "Cookie")
@require_http_methods(["GET", "POST"])
@condition(etag_func=_thread_etag)
@write_rate_limited
def relation_annotations(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relations = _relations(request, debate_slug, pk).select_related(
        "debate", "from_claim", "to_claim"
    )
    return _annotate(request, get_object_or_404(relations))


def _annotate(request: HttpRequest, target: Claim | Relation) -> HttpResponse:
    if request.method == "GET":
        return render(request, THREAD, thread_context(target, request.user))
    if denied := _require_login(request):
        return denied
    refuse_if_hidden(target)
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        return _refusal(request, thread_context(target, request.user, form))
    annotation = form.save(commit=False)
    annotation.author = request.user
    if isinstance(target, Claim):
        annotation.claim = target
    else:
        annotation.relation = target
    annotation.save()
    return _back_to(target, request, annotation, _("Annotation published."))


def _own_annotation(request: HttpRequest, pk: int) -> Annotation:
    annotation = _annotation(request, pk)
    if not annotation.can_edit(request.user):
        raise PermissionDenied
    refuse_if_hidden(annotation.target)
    return annotation


@require_POST
@write_rate_limited
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    parent = _annotation(request, pk)
    refuse_if_hidden(parent.target)
    form = ReplyForm(request.POST)
    if not form.is_valid() or parent.is_deleted or parent.is_hidden:
        errors = form.errors.get("body", [])
        kind = "reply"  # the errors link to the reply field, #reply-<pk>
        if parent.is_deleted or parent.is_hidden:
            errors, kind = [_("This annotation takes no more replies.")], ""
        context = {**thread_context(parent.target, request.user), "errors_for": parent.pk}
        context.update(errors=errors, errors_kind=kind)
        return _refusal(request, context)
    answer = parent.reply(request.user, form.cleaned_data["body"])
    return _back_to(parent.target, request, answer, _("Reply published."))


@require_http_methods(["GET", "POST"])
@write_rate_limited
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _own_annotation(request, pk)
    form = AnnotationForm(request.POST or None, instance=annotation)
    status, theirs = 200, None
    version_error = ""
    if request.method == "POST":
        based_on = edited_version(request.POST.get("version", ""))
        if based_on is None:
            version_error = _("This form does not say which version it edits: reload the page.")
            status = 400
        elif form.is_valid():
            fields = {k: form.cleaned_data[k] for k in ("body", "stance", "tags")}
            if annotation.revise(**fields, based_on=based_on):
                return _back_to(annotation.target, request, annotation, _("Annotation saved."))
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
        "version_error": version_error,
    }
    return render(request, "annotations/edit.html", context, status=status)


@require_POST
@write_rate_limited
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _own_annotation(request, pk)
    annotation.soft_delete()
    return _back_to(annotation.target, request, annotation, _("Annotation deleted."))


def _annotation(request: HttpRequest, pk: int) -> Annotation:
    """The annotation, if the reader may see what it annotates (else 404, as if missing)."""
    annotations = Annotation.objects.on_visible_targets(request.user).select_related(
        "claim__debate", "relation__debate", "relation__from_claim", "relation__to_claim"
    )
    return get_object_or_404(annotations, pk=pk)


def _refused(request: HttpRequest, annotation: Annotation, form, kind: str) -> HttpResponse:
    """The thread with the reason's errors under the annotation, linked to its field
    (#flag-<pk> or #hide-<pk>), whose form is shown open."""
    context = {**thread_context(annotation.target, request.user), "errors_for": annotation.pk}
    errors = form.errors.get("reason", [])
    return _refusal(request, {**context, "errors": errors, "errors_kind": kind})


@require_POST
@write_rate_limited
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _require_login(request):
        return denied
    annotation = _annotation(request, pk)
    refuse_if_hidden(annotation.target)
    if annotation.is_hidden or annotation.is_deleted:
        raise BadRequest(_("This annotation is no longer shown: there is nothing to flag."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, annotation, form, "flag")
    annotation.flag(request.user, form.cleaned_data["reason"])
    return _back_to(annotation.target, request, annotation, _("Sent to the moderators."))


@require_POST
@permission_required(MODERATE, raise_exception=True)
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _annotation(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, annotation, form, "hide")
    annotation.hide(request.user, form.cleaned_data["reason"])
    return _back_to(annotation.target, request, annotation, _("Annotation hidden."))


@require_POST
@permission_required(MODERATE, raise_exception=True)
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _annotation(request, pk)
    annotation.restore()
    return _back_to(annotation.target, request, annotation, _("Annotation restored."))


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
    annotation = _annotation(request, pk)
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
    annotation = _annotation(request, pk)
    restore_annotation_version(annotation, history_id)
    return redirect("annotations:history", pk)
