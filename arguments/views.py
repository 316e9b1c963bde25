"""Pages for reading a debate. Thin function views; htmx requests get the named partial."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from annotations.ratelimit import write_rate_limited
from annotations.views import thread_context

from .forms import ProposeArgumentForm, ProposeRelationForm
from .history import history_versions, restore_version
from .interchange.formats import FORMATS
from .map_options import MAX_DEPTH, MapOptions
from .maps import cached_map, view_key
from .models import Claim, Debate, Participant, Relation, Source, argument_tree
from .params import check_known, whole_number
from .reader_cache import cached_for_readers
from .render import MapUnavailable, render_cached
from .standing import claim_standing

MODERATE = "annotations.moderate_annotation"
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_RESULTS = 100
TREE_MAX_DEPTH = 5
IMPORTED_LISTED = 50


def int_param(request: HttpRequest, name: str, default: int, lowest: int, highest: int) -> int:
    """An integer query parameter, clamped into range; not a number at all is a 400."""
    return whole_number(request.GET.get(name, ""), name, default, lowest, highest)


def reject_unknown_params(request: HttpRequest, allowed: set[str]) -> None:
    check_known(request.GET.keys(), allowed)


def proposals_param(request: HttpRequest) -> bool:
    """`proposals=show` (the default) or `proposals=hide`: readers' contributions or not."""
    value = request.GET.get("proposals", "show")
    if value not in ("show", "hide"):
        raise BadRequest(_("The parameter “proposals” must be “show” or “hide”."))
    return value == "show"


def partial(request: HttpRequest, template: str, name: str) -> str:
    return f"{template}#{name}" if request.htmx else template


def _debate(debate_slug: str) -> Debate:
    return get_object_or_404(Debate, slug=debate_slug)


def _overview(debate: Debate) -> dict:
    return {
        "debate": debate,
        "participants": debate.participants.annotate_claim_counts(),
        "timeline": debate.sources.timeline(),
        "theses": debate.claims.shown()
        .theses()
        .for_display()
        .with_argument_counts()
        .most_argued_first(),
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # Curated debates in full; maps readers imported from other tools, listed briefly.
    debates = list(Debate.objects.filter(imported_from=""))
    overviews = [_overview(debate) for debate in debates]
    imported = (
        Debate.objects.exclude(imported_from="")
        .annotate(claim_count=Count("claims"))
        .order_by("-pk")[:IMPORTED_LISTED]
    )
    context = {"overviews": overviews, "imported": imported}
    return render(request, "arguments/home.html", context)


@require_GET
@cached_for_readers
def debate_detail(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    context = _overview(debate)
    context["counts"] = {
        "claims": debate.claims.count(),
        "relations": debate.relations.count(),
    }
    context["export_formats"] = FORMATS.values()
    return render(request, "arguments/debate.html", context)


@require_GET
def about(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    context = {
        "debate": debate,
        "sources": debate.sources.timeline(),
        "counts": {
            "claims": debate.claims.count(),
            "relations": debate.relations.count(),
            "sources": debate.sources.count(),
            "participants": debate.participants.count(),
        },
    }
    return render(request, "arguments/about.html", context)


@require_GET
@vary_on_headers("HX-Request")
@cached_for_readers
def claim_detail(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.for_display(), debate__slug=debate_slug, slug=claim_slug
    )
    if claim.hidden_at and not request.user.has_perm(MODERATE):
        return render(request, "arguments/hidden.html", {"debate": claim.debate, "hidden": claim})
    reject_unknown_params(request, {"depth", "proposals"})
    depth = int_param(request, "depth", 1, 1, TREE_MAX_DEPTH)
    with_proposals = proposals_param(request)
    context = {
        "debate": claim.debate,
        "claim": claim,
        "depth": depth,
        "with_proposals": with_proposals,
        "branches": argument_tree(claim, depth, with_proposals),
    }
    if not request.htmx:
        context["outgoing"] = (
            claim.outgoing.arguments().filter(hidden_at__isnull=True).for_display()
        )
        context["restatements"] = (
            Relation.objects.filter(kind=Relation.Kind.REPHRASE).for_display().involving(claim)
        )
        context["depth_choices"] = range(1, TREE_MAX_DEPTH + 1)
        context["standing"] = claim_standing(claim, with_proposals)
        context.update(thread_context(claim, request.user))
        if request.user.is_authenticated:
            context["argument_form"] = ProposeArgumentForm(debate=claim.debate)
            context["relation_form"] = ProposeRelationForm(claim=claim)
    return render(request, partial(request, "arguments/claim.html", "branch"), context)


@require_GET
def relation_detail(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relation = get_object_or_404(
        Relation.objects.for_display().select_related("from_claim__source", "to_claim__source"),
        debate__slug=debate_slug,
        pk=pk,
    )
    if relation.hidden_at and not request.user.has_perm(MODERATE):
        return render(
            request, "arguments/hidden.html", {"debate": relation.debate, "hidden": relation}
        )
    undercuts = relation.undercuts.select_related("from_claim__holder", "drawn_by", "source")
    context = {"debate": relation.debate, "relation": relation, "undercuts": undercuts}
    context.update(thread_context(relation, request.user))
    return render(request, "arguments/relation.html", context)


@require_GET
@cached_for_readers
def source_detail(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.prefetch_related("authors").select_related("debate"),
        debate__slug=debate_slug,
        slug=source_slug,
    )
    context = {
        "debate": source.debate,
        "source": source,
        "claims": Claim.objects.quoted_in(source).shown().for_display().in_reading_order(),
        "relations": source.relations.shown().for_display().order_by("from_claim__position", "pk"),
    }
    return render(request, "arguments/source.html", context)


@require_GET
@cached_for_readers
def participant_detail(
    request: HttpRequest, debate_slug: str, participant_slug: str
) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.select_related("debate"),
        debate__slug=debate_slug,
        slug=participant_slug,
    )
    relations = Relation.objects.for_display().shown()
    context = {
        "debate": participant.debate,
        "participant": participant,
        "claims": participant.claims.for_display().with_argument_counts().in_reading_order(),
        "objections_made": relations.objections().filter(drawn_by=participant),
        "supports_made": relations.filter(kind=Relation.Kind.SUPPORT, drawn_by=participant),
        "objections_received": relations.objections().filter(to_claim__holder=participant),
        "sources": participant.sources.timeline(),
    }
    return render(request, "arguments/participant.html", context)


@require_GET
@vary_on_headers("HX-Request")
def search(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    reject_unknown_params(request, {"q"})
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
    results = []
    if query:
        results = list(debate.claims.shown().search(query).for_display()[: SEARCH_MAX_RESULTS + 1])
    context = {
        "debate": debate,
        "query": query,
        "results": results[:SEARCH_MAX_RESULTS],
        "truncated": len(results) > SEARCH_MAX_RESULTS,
    }
    return render(request, partial(request, "arguments/search.html", "results"), context)


def _map_address(debate_slug: str, options: MapOptions) -> str:
    """The one address of a view: its canonical query, nothing when it is the default."""
    query = options.query_string
    return reverse("arguments:map", args=[debate_slug]) + (f"?{query}" if query else "")


def _map_request(request: HttpRequest, debate_slug: str):
    """The debate, the options its URL asks for, and the claim it centres on."""
    debate = _debate(debate_slug)
    options = MapOptions.from_query(request.GET)
    focus = None
    if options.claim:
        focus = get_object_or_404(Claim.objects.shown(), debate=debate, slug=options.claim)
    return debate, options, focus


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@cached_for_readers
def debate_map(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate, options, focus = _map_request(request, debate_slug)
    # One view, one address: the controls' raw form query is replaced by the canonical one
    # (a redirect without JavaScript, the pushed URL with htmx), so links stay short.
    canonical = _map_address(debate_slug, options)
    if not request.htmx and request.GET.urlencode() != options.query_string:
        return redirect(canonical)
    # htmx restoring history after a cache miss wants the whole page, not the section.
    section_only = request.htmx and not request.htmx.history_restore_request
    participants = sources = None
    if not section_only:  # the controls list them
        participants = list(debate.participants.annotate_claim_counts())
        sources = list(debate.sources.in_date_order())
    revision = debate.revision()
    key = view_key(debate, revision, options)
    # The map section depends only on the view: rendered once, served from the cache after.
    # Kept encoded: a large map's section is over a megabyte, encoded once, not per request.
    section = cache.get(f"{key}:section")
    if section is None:
        argument_map = cached_map(debate, options, focus, revision, key, "", participants, sources)
        svg, error = argument_map.inline()
        context = {"debate": debate, "argument_map": argument_map, "svg": svg, "error": error}
        section = render_to_string("arguments/map.html#map", context).encode()
        cache.set(f"{key}:section", section, settings.MAP_CACHE_SECONDS)
    if section_only:
        response = HttpResponse(section)
        response["HX-Push-Url"] = canonical
        return response
    context = {
        "debate": debate,
        "focus": focus,
        "options": options,
        "participants": participants,
        "sources": sources,
        "map_section": section.decode(),
        "depth_choices": range(1, MAX_DEPTH + 1),
    }
    return render(request, "arguments/map.html", context)


EXPORTS = {
    # extension: content type
    "svg": "image/svg+xml; charset=utf-8",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@require_GET
def map_download(request: HttpRequest, debate_slug: str, extension: str) -> HttpResponse:
    if extension not in EXPORTS:
        raise Http404
    debate, options, focus = _map_request(request, debate_slug)
    # Links in a file opened away from the site lead back to it.
    site = request.build_absolute_uri("/").rstrip("/")
    view_url = site + _map_address(debate_slug, options)
    revision = debate.revision()
    key = view_key(debate, revision, options, site)
    # Files say the day they were made, so a file is cached for its day.
    file_key = f"{key}:{extension}:{datetime.date.today().isoformat()}"
    content = cache.get(file_key)
    if content is None:
        argument_map = cached_map(debate, options, focus, revision, key, site)
        try:
            content = export(argument_map, extension, view_url)
        except MapUnavailable as error:
            context = {"debate": debate, "error": str(error)}
            return render(request, "arguments/map_unavailable.html", context, status=503)
        cache.set(file_key, content, settings.MAP_CACHE_SECONDS)
    response = HttpResponse(content, content_type=EXPORTS[extension])
    filename = f"{options.file_stem(debate.slug)}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(argument_map, extension: str, view_url: str) -> bytes | str:
    if extension == "svg":
        return argument_map.svg_document(view_url)
    if extension in ("png", "pdf"):
        return render_cached(argument_map.dot_source, extension)
    if extension == "dot":
        return argument_map.dot_document(view_url)
    return argument_map.markdown(view_url)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page, saying which parameter was wrong (Django's default says nothing)."""
    return render(request, "400.html", {"exception": str(exception)}, status=400)


HISTORY_FIELDS = [
    "statement",
    "statement_en",
    "holder",
    "source",
    "via",
    "quotation",
    "section",
    "paragraph",
]


@require_GET
def claim_history(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    claim = get_object_or_404(
        Claim.objects.for_display(), debate__slug=debate_slug, slug=claim_slug
    )
    if claim.hidden_at and not request.user.has_perm(MODERATE):
        raise PermissionDenied  # hidden proposals stay hidden in their history too
    context = {
        "debate": claim.debate,
        "subject": claim.display_statement,
        "subject_url": claim.get_absolute_url(),
        "versions": history_versions(
            claim.history,
            HISTORY_FIELDS,
            (
                lambda version: reverse(
                    "arguments:restore_claim_version", args=[debate_slug, claim_slug, version]
                )
            )
            if request.user.has_perm("arguments.change_claim")
            else None,
        ),
    }
    return render(request, "arguments/history.html", context)


@require_GET
def relation_history(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    relation = get_object_or_404(Relation.objects.for_display(), debate__slug=debate_slug, pk=pk)
    if relation.hidden_at and not request.user.has_perm(MODERATE):
        raise PermissionDenied  # hidden proposals stay hidden in their history too
    fields = ["kind", "from_claim", "to_claim", "drawn_by", "source", "hidden_at", "hidden_reason"]
    context = {
        "debate": relation.debate,
        "subject": relation.summary,
        "subject_url": relation.get_absolute_url(),
        "versions": history_versions(
            relation.history,
            fields,
            (
                lambda version: reverse(
                    "arguments:restore_relation_version", args=[debate_slug, pk, version]
                )
            )
            if request.user.has_perm("arguments.change_relation")
            else None,
        ),
    }
    return render(request, "arguments/history.html", context)


@require_POST
@permission_required("arguments.change_relation", raise_exception=True)
def restore_relation_version(
    request: HttpRequest, debate_slug: str, pk: int, history_id: int
) -> HttpResponse:
    relation = get_object_or_404(Relation, debate__slug=debate_slug, pk=pk)
    restore_version(relation, history_id)
    return redirect("arguments:relation_history", debate_slug, pk)


@require_POST
@permission_required("arguments.change_claim", raise_exception=True)
def restore_claim_version(
    request: HttpRequest, debate_slug: str, claim_slug: str, history_id: int
) -> HttpResponse:
    claim = get_object_or_404(Claim, debate__slug=debate_slug, slug=claim_slug)
    restore_version(claim, history_id)
    return redirect("arguments:claim_history", debate_slug, claim_slug)


def _claim_for_proposal(request: HttpRequest, debate_slug: str, claim_slug: str):
    claim = get_object_or_404(
        Claim.objects.for_display(), debate__slug=debate_slug, slug=claim_slug
    )
    if not request.user.is_authenticated:
        return claim, redirect(f"{reverse('login')}?next={claim.get_absolute_url()}")
    return claim, None


def _proposal_refused(request, claim, argument_form, relation_form) -> HttpResponse:
    context = {
        "debate": claim.debate,
        "claim": claim,
        "argument_form": argument_form or ProposeArgumentForm(debate=claim.debate),
        "relation_form": relation_form or ProposeRelationForm(claim=claim),
    }
    return render(request, "arguments/propose.html", context, status=400)


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
