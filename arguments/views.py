"""Pages for reading a debate. Thin function views; htmx requests get the named partial."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.core.exceptions import BadRequest, PermissionDenied
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
from .map_options import LABEL_LENGTHS, MAX_DEPTH, MapOptionError, MapOptions
from .maps import cached_map
from .models import Claim, Debate, Participant, Relation, Source, argument_tree
from .render import MapUnavailable, render_cached

MODERATE = "annotations.moderate_annotation"
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_RESULTS = 100
TREE_MAX_DEPTH = 5


def int_param(request: HttpRequest, name: str, default: int, lowest: int, highest: int) -> int:
    """An integer query parameter, clamped into range; not a number at all is a 400."""
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadRequest(
            _("The parameter “%(name)s” must be a whole number, not “%(value)s”.")
            % {"name": name, "value": raw[:50]}
        ) from error
    return max(lowest, min(highest, value))


def reject_unknown_params(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise BadRequest(
            _("Unknown parameter(s): %(unknown)s. This page accepts: %(allowed)s.")
            % {
                "unknown": ", ".join(name[:50] for name in unknown),
                "allowed": ", ".join(sorted(allowed)),
            }
        )


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
    debates = list(Debate.objects.all())
    overviews = [_overview(debate) for debate in debates]
    return render(request, "arguments/home.html", {"overviews": overviews})


@require_GET
def debate_detail(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(debate_slug)
    context = _overview(debate)
    context["counts"] = {
        "claims": debate.claims.count(),
        "relations": debate.relations.count(),
    }
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
    context = {"debate": relation.debate, "relation": relation}
    context.update(thread_context(relation, request.user))
    return render(request, "arguments/relation.html", context)


@require_GET
def source_detail(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.prefetch_related("authors").select_related("debate"),
        debate__slug=debate_slug,
        slug=source_slug,
    )
    context = {
        "debate": source.debate,
        "source": source,
        "claims": Claim.objects.quoted_in(source).for_display().in_reading_order(),
        "relations": source.relations.for_display().order_by("from_claim__position", "pk"),
    }
    return render(request, "arguments/source.html", context)


@require_GET
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


def _map_view(request: HttpRequest, debate_slug: str, site: str = ""):
    """The debate, the map of the view its URL asks for, and what the controls need."""
    debate = _debate(debate_slug)
    try:
        options = MapOptions.from_query(request.GET)
    except MapOptionError as error:
        raise BadRequest(str(error)) from error
    focus = None
    if options.claim:
        focus = get_object_or_404(Claim.objects.shown(), debate=debate, slug=options.claim)
    participants = list(debate.participants.annotate_claim_counts())
    sources = list(debate.sources.in_date_order())
    known_participants = {participant.slug for participant in participants}
    unknown = [slug for slug in options.participants if slug not in known_participants]
    if unknown:
        raise BadRequest(_("Unknown participant(s): %(slugs)s.") % {"slugs": ", ".join(unknown)})
    if options.source and options.source not in {source.slug for source in sources}:
        raise BadRequest(_("Unknown source: %(slug)s.") % {"slug": options.source})
    try:
        argument_map, key = cached_map(debate, options, participants, sources, focus, site)
    except MapOptionError as error:
        raise BadRequest(str(error)) from error
    context = {
        "debate": debate,
        "focus": focus,
        "options": options,
        "participants": participants,
        "sources": sources,
        "argument_map": argument_map,
    }
    return context, key


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def debate_map(request: HttpRequest, debate_slug: str) -> HttpResponse:
    context, key = _map_view(request, debate_slug)
    # One view, one address: the controls' raw form query is replaced by the canonical one
    # (a redirect without JavaScript, the pushed URL with htmx), so links stay short.
    query = context["options"].query_string
    canonical = reverse("arguments:map", args=[debate_slug]) + (f"?{query}" if query else "")
    if not request.htmx and request.GET.urlencode() != query:
        return redirect(canonical)
    # The map section depends only on the view and the language: rendered once, reused.
    section_key = f"{key}:section"
    section = cache.get(section_key)
    if section is None:
        svg, error, too_slow = context["argument_map"].inline()
        section = render_to_string(
            "arguments/map.html#map",
            {**context, "svg": svg, "error": error, "too_slow": too_slow},
            request=None,
        )
        cache.set(section_key, section, settings.MAP_CACHE_SECONDS)
    # htmx restoring history after a cache miss wants the whole page, not the section.
    if request.htmx and not request.htmx.history_restore_request:
        response = HttpResponse(section)
        response["HX-Push-Url"] = canonical
        return response
    context.update(
        map_section=section,
        depth_choices=range(1, MAX_DEPTH + 1),
        label_choices=LABEL_LENGTHS,
    )
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
    site = request.build_absolute_uri("/").rstrip("/")
    context, _key = _map_view(request, debate_slug, site)
    argument_map = context["argument_map"]
    view_url = request.build_absolute_uri(
        reverse("arguments:map", args=[debate_slug]) + "?" + argument_map.options.query_string
    ).rstrip("?")
    try:
        if extension == "svg":
            content = argument_map.svg_document(view_url)
        elif extension in ("png", "pdf"):
            content = render_cached(argument_map.dot_source, extension)
        elif extension == "dot":
            content = argument_map.dot_document(view_url)
        else:
            content = argument_map.markdown(view_url)
    except MapUnavailable as error:
        return render(
            request,
            "arguments/map_unavailable.html",
            {"debate": context["debate"], "error": str(error), "argument_map": argument_map},
            status=503,
        )
    response = HttpResponse(content, content_type=EXPORTS[extension])
    response["Content-Disposition"] = f'attachment; filename="{argument_map.file_name(extension)}"'
    return response


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
