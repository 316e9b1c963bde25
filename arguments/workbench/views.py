"""The editors' workbench pages (editors only, `editor_required`): the debate's sources and
which have their full text, the drafts and their publication, a new source with its text,
a text given or replaced (HTML and PDF files read by the task worker), a source's text in
paragraphs with the claims quoting it, and a draft claim made from it with its quotation
typed and checked (the form that works without JavaScript).

Read from the primary database: an editor sees what they just wrote. Nothing here is
cached: the texts must never reach a readers' cache."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from arguments.record.models import Claim, Debate, Source
from arguments.record.params import check_known, search_text
from arguments.workbench.access import editor_required
from arguments.workbench.actions import (
    DatingRefused,
    DraftsNotPublished,
    TextWouldLoseQuotations,
    add_source,
    check_quotations,
    make_draft,
    make_draft_relation,
    publish_drafts,
    quoting_claims,
    set_source_text,
)
from arguments.workbench.forms import (
    TARGET_CHOICES_SHOWN,
    ClaimForm,
    RelationForm,
    SourceForm,
    TextForm,
    not_found_message,
)
from arguments.workbench.models import DraftClaim, DraftRelation, SourceText, TextExtraction
from arguments.workbench.tasks import queue_extraction
from arguments.workbench.texts import paragraphs_with_offsets

PRIMARY = "default"
SOURCES = "arguments/workbench/workbench.html"
NEW_SOURCE = "arguments/workbench/workbench_new_source.html"
TEXT = "arguments/workbench/workbench_text.html"
SOURCE = "arguments/workbench/workbench_source.html"
EXTRACTION = "arguments/workbench/workbench_extraction.html"


def _debate(debate_slug: str) -> Debate:
    return get_object_or_404(Debate.objects.using(PRIMARY), slug=debate_slug)


def _source(debate_slug: str, source_slug: str) -> Source:
    return get_object_or_404(
        Source.objects.using(PRIMARY).select_related("debate"),
        debate__slug=debate_slug,
        slug=source_slug,
    )


@editor_required
@require_GET
@never_cache
def sources(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    rows = (
        debate.sources.using(PRIMARY)
        .in_date_order()
        .annotate(has_text=Exists(SourceText.objects.filter(source=OuterRef("pk"))))
        .prefetch_related("authors")
    )
    return render(request, SOURCES, {"debate": debate, "sources": rows, **_drafts(debate)})


def _drafts(debate: Debate, **extra) -> dict:
    drafts = (
        DraftClaim.objects.using(PRIMARY)
        .filter(debate=debate)
        .select_related("editor", "holder", "quoted_from")
    )
    relations = (
        DraftRelation.objects.using(PRIMARY)
        .filter(debate=debate)
        .select_related("editor", "from_draft", "from_claim", "to_claim", "to_relation__from_claim")
        .select_related("to_relation__to_claim")
    )
    return {"drafts": drafts, "draft_relations": relations, **extra}


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
def new_source(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    if request.method == "POST":
        form = SourceForm(request.POST, request.FILES, debate=debate)
        if form.is_valid():
            source = add_source(debate, request.user, form.cleaned_data)
            if form.cleaned_data["queued"]:
                return _queued(request, source, form.cleaned_data["queued"])
            messages.success(request, _("The source and its text are stored."))
            return redirect("arguments:workbench_source", debate.slug, source.slug)
        return render(request, NEW_SOURCE, {"debate": debate, "form": form}, status=400)
    return render(request, NEW_SOURCE, {"debate": debate, "form": SourceForm(debate=debate)})


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
def source_text(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    """Give a source its text, or replace it: refused, naming them, when claims quote words
    the new text no longer has."""
    source = _source(debate_slug, source_slug)
    context = {"debate": source.debate, "source": source}
    if request.method == "GET":
        return render(request, TEXT, {**context, "form": TextForm()})
    form = TextForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["queued"]:
        return _queued(request, source, form.cleaned_data["queued"])
    if form.is_valid():
        try:
            set_source_text(
                source, request.user, form.cleaned_data["text"], form.cleaned_data["format"]
            )
        except TextWouldLoseQuotations as refusal:
            context["lost"] = [
                {"claim": lost.claim, "message": not_found_message(lost.closest)}
                for lost in refusal.lost
            ]
            form.add_error(
                None,
                _("The new text would lose quotations of the record: it is not stored."),
            )
        else:
            messages.success(request, _("The text is stored."))
            return redirect("arguments:workbench_source", source.debate.slug, source.slug)
    return render(request, TEXT, {**context, "form": form}, status=400)


def _queued(request, source: Source, queued: tuple[str, str, bytes]) -> HttpResponse:
    filename, format_name, content = queued
    job = queue_extraction(source, request.user, filename, format_name, content)
    return redirect("arguments:workbench_extraction", source.debate.slug, job.pk)


@editor_required
@require_GET
@never_cache
@vary_on_headers("HX-Request")
def extraction(request: HttpRequest, debate_slug: str, job_id: int) -> HttpResponse:
    """An uploaded file being read by the worker, then its outcome; htmx polls it."""
    job = get_object_or_404(
        TextExtraction.objects.using(PRIMARY).select_related("source__debate"),
        pk=job_id,
        source__debate__slug=debate_slug,
    )
    context = {"debate": job.source.debate, "source": job.source, "job": job}
    template = f"{EXTRACTION}#status" if request.htmx else EXTRACTION
    return render(request, template, context)


def _source_page(request, source: Source, form=None, status: int = 200, **extra):
    stored = SourceText.objects.using(PRIMARY).filter(source=source).first()
    claims = (
        quoting_claims(source)
        .using(PRIMARY)
        .select_related("debate", "holder")
        .order_by("position", "pk")
    )
    drafts = list(
        DraftClaim.objects.using(PRIMARY)
        .filter(quoted_from=source)
        .select_related("editor", "holder")
    )
    context = {
        "debate": source.debate,
        "source": source,
        "stored": stored,
        "paragraphs": paragraphs_with_offsets(stored.text) if stored else [],
        # The paragraphs the drafts quote: highlighted in the text for the editors.
        "draft_paragraphs": {draft.paragraph for draft in drafts},
        "claims": claims,
        "drafts": drafts,
        "form": form
        or (ClaimForm(source=source, text=stored.text) if stored is not None else None),
        **extra,
    }
    template = f"{SOURCE}#claim-form" if request.htmx and form is not None else SOURCE
    return render(request, template, context, status=status)


@editor_required
@require_GET
@never_cache
@vary_on_headers("HX-Request")
def source(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    return _source_page(request, _source(debate_slug, source_slug))


@editor_required
@require_POST
@vary_on_headers("HX-Request")
def new_claim(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    """A draft claim from the source's text; its quotation must be in the text, else the
    form comes back naming the closest passage (htmx swaps the form alone)."""
    source = _source(debate_slug, source_slug)
    stored = get_object_or_404(SourceText.objects.using(PRIMARY), source=source)
    form = ClaimForm(request.POST, source=source, text=stored.text)
    if not form.is_valid():
        return _source_page(request, source, form=form, status=400)
    make_draft(source, request.user, form.cleaned_data, form.match)
    message = _(
        "The claim is a draft, its quotation found (paragraph %(number)d): publish your "
        "drafts from the workbench to put them in the record."
    ) % {"number": form.match.paragraph}
    if request.htmx:
        fresh = ClaimForm(source=source, text=stored.text)
        return _source_page(request, source, form=fresh, confirmation=message)
    messages.success(request, message)
    return redirect("arguments:workbench_source", source.debate.slug, source.slug)


@editor_required
@require_POST
def publish(request: HttpRequest, debate_slug: str) -> HttpResponse:
    """The editor's drafts into the record, in one transaction, their quotations checked
    again; refused, naming them, if one is no longer in its text."""
    debate = _debate(debate_slug)
    try:
        claims = publish_drafts(debate, request.user)
    except DraftsNotPublished as refusal:
        not_published = [
            {"draft": item.draft, "message": not_found_message(item.closest)}
            for item in refusal.lost
        ] + [{"draft": relation, "message": problem} for relation, problem in refusal.refused]
        sources_rows = debate.sources.using(PRIMARY).in_date_order().prefetch_related("authors")
        sources_rows = sources_rows.annotate(
            has_text=Exists(SourceText.objects.filter(source=OuterRef("pk")))
        )
        context = {"debate": debate, "sources": sources_rows}
        context.update(_drafts(debate, not_published=not_published))
        return render(request, SOURCES, context, status=400)
    if claims:
        messages.success(
            request,
            ngettext(
                "%(count)d draft is published: readers see it now.",
                "%(count)d drafts are published: readers see them now.",
                len(claims),
            )
            % {"count": len(claims)},
        )
    else:
        messages.info(request, _("You have no draft to publish."))
    return redirect("arguments:workbench", debate.slug)


@editor_required
@require_POST
def discard_draft(request: HttpRequest, debate_slug: str, draft_id: int) -> HttpResponse:
    """An editor drops one of their own drafts (another editor's is not theirs to drop)."""
    draft = get_object_or_404(
        DraftClaim.objects.using(PRIMARY),
        pk=draft_id,
        debate__slug=debate_slug,
        editor=request.user,
    )
    draft.delete()
    messages.success(request, _("The draft is discarded."))
    return redirect("arguments:workbench", debate_slug)


@editor_required
@require_POST
def check_source_quotations(request: HttpRequest, debate_slug: str, source_slug: str):
    """Check every quotation of the source against its stored text: those found get the
    checked mark; those not found are listed with their closest passage."""
    source = _source(debate_slug, source_slug)
    get_object_or_404(SourceText.objects.using(PRIMARY), source=source)
    lost = check_quotations(source)
    if not lost:
        messages.success(request, _("Every quotation of this text is in it: all are checked."))
        return redirect("arguments:workbench_source", source.debate.slug, source.slug)
    not_found = [{"claim": item.claim, "message": not_found_message(item.closest)} for item in lost]
    return _source_page(request, source, status=400, not_found=not_found)


RELATION = "arguments/workbench/workbench_relation.html"


def _stored_text(source: Source | None) -> str | None:
    if source is None:
        return None
    stored = SourceText.objects.using(PRIMARY).filter(source=source).first()
    return stored.text if stored else None


def _relation_page(request, debate: Debate, start, source: Source | None, action: str):
    """The relation form for `start` (a draft or a record claim), drawn in `source`.
    GET with ?target= offers the claims the words may mean (htmx: the choices alone)."""
    text = _stored_text(source)
    context = {"debate": debate, "start": start, "source": source, "action": action}
    if request.method == "GET":
        check_known(request.GET.keys(), {"target"})
        typed = search_text(request.GET.get("target", ""))
        # The passage that argues it is most often the claim's own quotation: offered.
        initial = {"target": typed, "passage": start.quotation}
        form = RelationForm(initial=initial, debate=debate, start=start, source=source, text=text)
        candidates = list(form.targets().search(typed)[:TARGET_CHOICES_SHOWN]) if typed else []
        context.update(form=form, candidates=candidates, typed=typed)
        if request.htmx:
            return render(request, "arguments/proposals/_target_choices.html", context)
        return render(request, RELATION, context)
    form = RelationForm(request.POST, debate=debate, start=start, source=source, text=text)
    context.update(form=form, candidates=[], typed="")
    if form.is_valid():
        try:
            make_draft_relation(debate, request.user, form.cleaned_data["relation"])
        except DatingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("The relation is a draft: publish your drafts to put it in the record."),
            )
            return redirect("arguments:workbench", debate.slug)
    context.update(candidates=form.candidates, relation_choices=form.relation_choices)
    context["typed"] = form.data.get("target", "")
    return render(request, RELATION, context, status=400)


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def draft_relation(request: HttpRequest, debate_slug: str, draft_id: int) -> HttpResponse:
    """A relation from one of the editor's drafts; the text's own argument is drawn in the
    text the draft quotes."""
    debate = _debate(debate_slug)
    draft = get_object_or_404(
        DraftClaim.objects.using(PRIMARY).select_related("quoted_from", "reported_from"),
        pk=draft_id,
        debate=debate,
        editor=request.user,
    )
    action = reverse("arguments:workbench_draft_relation", args=[debate.slug, draft.pk])
    return _relation_page(request, debate, draft, draft.quoted_from, action)


@editor_required
@require_http_methods(["GET", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def claim_relation(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    """A relation from a claim of the record; the text's own argument is drawn in the text
    its quotation comes from."""
    debate = _debate(debate_slug)
    claim = get_object_or_404(
        Claim.objects.using(PRIMARY).select_related("source", "via"), debate=debate, slug=claim_slug
    )
    action = reverse("arguments:workbench_claim_relation", args=[debate.slug, claim.slug])
    return _relation_page(request, debate, claim, claim.via or claim.source, action)


@editor_required
@require_POST
def discard_relation(request: HttpRequest, debate_slug: str, relation_id: int) -> HttpResponse:
    """An editor drops one of their own draft relations."""
    relation = get_object_or_404(
        DraftRelation.objects.using(PRIMARY),
        pk=relation_id,
        debate__slug=debate_slug,
        editor=request.user,
    )
    relation.delete()
    messages.success(request, _("The draft relation is discarded."))
    return redirect("arguments:workbench", debate_slug)
