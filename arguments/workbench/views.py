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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from arguments.record.models import Debate, Source
from arguments.workbench.access import editor_required
from arguments.workbench.actions import (
    DraftsNotPublished,
    TextWouldLoseQuotations,
    add_source,
    check_quotations,
    make_draft,
    publish_drafts,
    quoting_claims,
    set_source_text,
)
from arguments.workbench.forms import ClaimForm, SourceForm, TextForm, not_found_message
from arguments.workbench.models import DraftClaim, SourceText, TextExtraction
from arguments.workbench.tasks import queue_extraction

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
    return {"drafts": drafts, **extra}


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
    context = {
        "debate": source.debate,
        "source": source,
        "stored": stored,
        "paragraphs": stored.paragraphs() if stored else [],
        "claims": claims,
        "drafts": DraftClaim.objects.using(PRIMARY)
        .filter(quoted_from=source)
        .select_related("editor", "holder"),
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
        ]
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
                "%(count)d claim is published: readers see it now.",
                "%(count)d claims are published: readers see them now.",
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
