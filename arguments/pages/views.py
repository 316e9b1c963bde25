"""Pages for reading a debate: home, overview, claim, relation, source, participant, search,
about. Thin function views; htmx requests get the named partial."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from arguments.interchange.formats import FORMATS
from arguments.pages.grouping import has_sections
from arguments.pages.rows import (
    cached_rows,
    cached_rows_of_many,
    record_revision,
    with_record_revisions,
)
from arguments.pages.texts import arguments_among, exchanges_of, grouped, label
from arguments.proposals.forms import ProposeArgumentForm, ProposeRelationForm
from arguments.record import extensions
from arguments.record.code_version import code_version
from arguments.record.emphasis import plain
from arguments.record.models import (
    Claim,
    CorrectionItem,
    Debate,
    Participant,
    Relation,
    Source,
    argument_tree,
)
from arguments.record.params import check_known, counted_layers, search_text, whole_number
from arguments.record.personal import only_common_parts
from arguments.record.reader_cache import (
    on_claim_thread,
    on_record,
    on_relation_thread,
    on_site,
    reader_page,
)
from arguments.search.index import best_claims
from arguments.search.text import highlight, query_terms
from arguments.standing.labels import claim_standing
from arguments.standing.timeline import Perspective

SEARCH_MAX_RESULTS = 100
# Participants and sources found by a search: a debate has few, their names are short.
SEARCH_MAX_NAMES = 20
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


def extension_context(target, user) -> dict:
    """What registered extensions show on a claim's or relation's page (readers' threads)."""
    context: dict = {}
    for extension in extensions.registered():
        context.update(extension.page_context(target, user))
    return context


def partial(request: HttpRequest, template: str, name: str) -> str:
    return f"{template}#{name}" if request.htmx else template


def _debate(request: HttpRequest, debate_slug: str) -> Debate:
    """The debate, if `request`'s reader may see it: a hidden one is as missing (404)."""
    return get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)


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


def _claim_counts_of(debates: list[Debate]) -> dict[int, int]:
    counts = dict(
        Claim.objects.filter(debate__in=debates)
        .values("debate")
        .annotate(count=Count("pk"))
        .values_list("debate", "count")
    )
    return {debate.pk: counts.get(debate.pk, 0) for debate in debates}


def _home_own_parts(request: HttpRequest, current: tuple) -> dict[str, str]:
    """A signed-in reader's own part of home: the link to import a map."""
    link = render_to_string("arguments/pages/home.html#import_link", request=request)
    return {"import_link": link}


@require_GET
@reader_page(on_site, personal=_home_own_parts)
def home(request: HttpRequest) -> HttpResponse:
    # The way into each curated debate: the exchange its texts make (arguments/pages/
    # exchange.py), then its other texts; maps readers imported from other tools, listed
    # briefly. Unpublished and hidden debates are not listed. Which debates are listed is
    # read on every request; what each shows is computed once per revision of its record,
    # so the page costs the same whatever the number of claims.
    reject_unknown_params(request, set())  # a made-up query would be a page kept apart
    debates = with_record_revisions(Debate.objects.listed().filter(imported_from=""))
    rows = cached_rows_of_many("exchange", debates, exchanges_of)
    overviews = [{"debate": debate, **rows[debate.pk]} for debate in debates]
    label(entry.thesis for rows in overviews for entry in rows["exchange"] if entry.thesis)
    imported = with_record_revisions(
        Debate.objects.listed().exclude(imported_from="").order_by("-pk"), IMPORTED_LISTED
    )
    claim_counts = cached_rows_of_many("claim-count", imported, _claim_counts_of)
    for debate in imported:
        debate.claim_count = claim_counts[debate.pk]
    context = {"overviews": overviews, "imported": imported}
    return render(request, "arguments/pages/home.html", context)


@require_GET
@reader_page(on_record, personal=only_common_parts)  # downloads are for everyone
def debate_detail(request: HttpRequest, debate_slug: str) -> HttpResponse:
    reject_unknown_params(request, set())  # a made-up query would be a page kept apart
    debate = _debate(request, debate_slug)
    context = _overview(debate)
    context["counts"] = {
        "claims": debate.claims.shown().count(),
        "relations": debate.relations.shown().count(),
    }
    context["export_formats"] = FORMATS.values()
    return render(request, "arguments/pages/debate.html", context)


@require_GET
def about(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(request, debate_slug)
    context = {
        "debate": debate,
        "sources": debate.sources.timeline(),
        "counts": {
            "claims": debate.claims.shown().count(),
            "relations": debate.relations.shown().count(),
            "sources": debate.sources.count(),
            "participants": debate.participants.count(),
        },
    }
    return render(request, "arguments/pages/about.html", context)


@require_GET
def corrections(request: HttpRequest, debate_slug: str) -> HttpResponse:
    """The public corrections log: what changed in the record that a reader may have cited."""
    debate = _debate(request, debate_slug)
    reject_unknown_params(request, set())
    items = CorrectionItem.objects.select_related("claim", "relation")
    entries = debate.corrections.prefetch_related(Prefetch("items", queryset=items))
    context = {"debate": debate, "entries": entries}
    return render(request, "arguments/pages/corrections.html", context)


def _own_thread(request: HttpRequest, model, **lookup) -> tuple | None:
    """The claim or relation `lookup` names, if the reader may see it, and its thread as
    she sees it (her buttons, the forms to annotate and reply)."""
    target = model.objects.visible_to(request.user).select_related("debate")
    target = target.filter(**lookup).first()
    if target is None:
        return None
    context = extension_context(target, request.user)
    return target, render_to_string("annotations/thread.html#annotations", context, request=request)


def _claim_own_parts(request: HttpRequest, current: tuple, debate_slug: str, claim_slug: str):
    """A signed-in reader's own parts of a claim's page (see `reader_page`): its thread and
    the forms to propose. None when the claim is not hers to see."""
    found = _own_thread(request, Claim, debate__slug=debate_slug, slug=claim_slug)
    if found is None:
        return None
    claim, thread = found
    return {"annotations": thread, "propose": _proposal_forms(request, claim, current)}


# Rendered in the place of the reader's CSRF token in the proposal forms kept for everyone.
TOKEN_PLACEHOLDER = "csrf-token-of-the-reader"


def _proposal_forms(request: HttpRequest, claim: Claim, current: tuple) -> str:
    """The forms to propose an argument or a relation from `claim`: the same for every
    reader but for her CSRF token, so kept once per generation of the record (the relation
    form lists every claim of the debate)."""
    identity = repr((code_version(), get_language(), claim.pk, current))
    key = "proposal-forms:" + hashlib.sha256(identity.encode()).hexdigest()
    forms = cache.get(key)
    if forms is None:
        context = {
            "debate": claim.debate,
            "claim": claim,
            "argument_form": ProposeArgumentForm(debate=claim.debate),
            "relation_form": ProposeRelationForm(claim=claim),
            "csrf_token": TOKEN_PLACEHOLDER,
        }
        forms = render_to_string("arguments/proposals/propose.html#forms", context)
        cache.set(key, forms, settings.MAP_CACHE_SECONDS)
    return forms.replace(TOKEN_PLACEHOLDER, get_token(request))


def inference_steps(supports: list[Relation]) -> list[dict]:
    """An argument's inference as steps, each its premises and its conclusion, a step
    before the one whose premise its conclusion is (as the argument was written). A loop,
    not recursion, however many steps."""
    steps: dict[int, dict] = {}
    for support in supports:
        step = steps.setdefault(support.to_claim_id, {"premises": [], "conclusion": None})
        step["premises"].append(support.from_claim)
        step["conclusion"] = support.to_claim
    ordered, seen = [], set()
    for root in steps:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(steps[root]["premises"]))]
        while stack:
            conclusion, premises = stack[-1]
            for premise in premises:
                if premise.pk in steps and premise.pk not in seen:
                    seen.add(premise.pk)
                    stack.append((premise.pk, iter(steps[premise.pk]["premises"])))
                    break
            else:
                stack.pop()
                ordered.append(steps[conclusion])
    return ordered


@require_GET
@vary_on_headers("HX-Request")
@reader_page(on_record, on_claim_thread, personal=_claim_own_parts)
def claim_detail(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    # Hidden (the claim or its debate): a reader gets the 404 of a missing claim; a
    # moderator the page, with a notice.
    claim = get_object_or_404(
        Claim.objects.visible_to(request.user).for_display(),
        debate__slug=debate_slug,
        slug=claim_slug,
    )
    reject_unknown_params(request, {"depth", "proposals", "count"})
    depth = int_param(request, "depth", 1, 1, TREE_MAX_DEPTH)
    with_proposals = proposals_param(request)
    count = counted_layers(request.GET.getlist("count"))
    context = {
        "debate": claim.debate,
        "claim": claim,
        "depth": depth,
        "with_proposals": with_proposals,
        "branches": argument_tree(claim, depth, with_proposals),
    }
    if not request.htmx:
        context["outgoing"] = claim.outgoing.arguments().shown().for_display()
        context["restatements"] = (
            Relation.objects.filter(kind=Relation.Kind.REPHRASE)
            .shown()
            .for_display()
            .involving(claim)
        )
        context["depth_choices"] = range(1, TREE_MAX_DEPTH + 1)
        if claim.kind == Claim.Kind.ARGUMENT:
            supports = claim.inferences.shown().for_display().order_by("pk")
            context["inference_steps"] = inference_steps(list(supports))
        context["standing"] = claim_standing(claim, Perspective.counting(count))
        context.update(extension_context(claim, request.user))
        if request.user.is_authenticated:
            context["argument_form"] = ProposeArgumentForm(debate=claim.debate)
            context["relation_form"] = ProposeRelationForm(claim=claim)
    return render(request, partial(request, "arguments/pages/claim.html", "branch"), context)


def _relation_own_parts(request: HttpRequest, current: tuple, debate_slug: str, pk: int):
    """A signed-in reader's own part of a relation's page: its thread as she sees it."""
    found = _own_thread(request, Relation, debate__slug=debate_slug, pk=pk)
    return None if found is None else {"annotations": found[1]}


@require_GET
@reader_page(on_record, on_relation_thread, personal=_relation_own_parts)
def relation_detail(request: HttpRequest, debate_slug: str, pk: int) -> HttpResponse:
    # Ids are sequential: a hidden relation (or one joining a hidden claim) answers a reader
    # exactly as a missing one, so that counting through them reveals nothing.
    relation = get_object_or_404(
        Relation.objects.visible_to(request.user)
        .for_display()
        .select_related("from_claim__source", "to_claim__source"),
        debate__slug=debate_slug,
        pk=pk,
    )
    undercuts = relation.undercuts.filter(from_claim__hidden_at__isnull=True).select_related(
        "from_claim__holder", "drawn_by", "source"
    )
    context = {"debate": relation.debate, "relation": relation, "undercuts": undercuts}
    context.update(extension_context(relation, request.user))
    return render(request, "arguments/pages/relation.html", context)


@require_GET
@reader_page(on_record, personal=only_common_parts)
def source_detail(request: HttpRequest, debate_slug: str, source_slug: str) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.in_visible_debates(request.user)
        .prefetch_related("authors")
        .select_related("debate"),
        debate__slug=debate_slug,
        slug=source_slug,
    )
    rows = cached_rows(
        "source", record_revision(source.debate), source.pk, lambda: _source_rows(source)
    )
    label(claim for group in rows["groups"] for claim in group.claims)
    label(relation.from_claim for relation in rows["relations"])
    label(relation.to_claim for relation in rows["relations"])
    context = {"debate": source.debate, "source": source, **rows}
    return render(request, "arguments/pages/source.html", context)


def _source_rows(source: Source) -> dict:
    quoted = Claim.objects.quoted_in(source).shown()
    claims = list(quoted.for_display().in_reading_order())
    relations = source.relations.shown().for_display().order_by("from_claim__position", "pk")
    sections = has_sections(claims)
    groups = grouped(claims, [] if sections else arguments_among(quoted), sections=sections)
    rows = {"count": len(claims), "groups": groups, "by_section": sections}
    return {**rows, "relations": list(relations)}


@require_GET
@reader_page(on_record, personal=only_common_parts)
def participant_detail(
    request: HttpRequest, debate_slug: str, participant_slug: str
) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.in_visible_debates(request.user).select_related("debate"),
        debate__slug=debate_slug,
        slug=participant_slug,
    )
    rows = cached_rows(
        "participant",
        record_revision(participant.debate),
        participant.pk,
        lambda: _participant_rows(participant),
    )
    for name in ("objections_made", "objections_received", "supports_made"):
        label(relation.from_claim for relation in rows[name])
        label(relation.to_claim for relation in rows[name])
    label(claim for group in rows["groups"] for claim in group.claims)
    context = {"debate": participant.debate, "participant": participant, **rows}
    return render(request, "arguments/pages/participant.html", context)


def _participant_rows(participant: Participant) -> dict:
    relations = Relation.objects.for_display().shown()
    held = participant.claims.shown()
    claims = list(held.for_display().with_argument_counts().in_reading_order())
    rows = {
        "objections_made": relations.objections().filter(drawn_by=participant),
        "supports_made": relations.filter(kind=Relation.Kind.SUPPORT, drawn_by=participant),
        "objections_received": relations.objections().filter(to_claim__holder=participant),
        "sources": participant.sources.timeline(),
    }
    found = {name: list(found) for name, found in rows.items()}
    groups = grouped(claims, arguments_among(held))
    return {**found, "count": len(claims), "groups": groups}


@require_GET
@reader_page(on_record, personal=only_common_parts, fragments=True)
@vary_on_headers("HX-Request")
def search(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = _debate(request, debate_slug)
    reject_unknown_params(request, {"q"})
    query = search_text(request.GET.get("q", ""))
    terms = query_terms(query)
    claims, participants, sources = [], [], []
    if terms:
        # Four queries whatever the debate's size: the debate, then each group, capped.
        claims = list(
            best_claims(debate.claims.shown(), terms, SEARCH_MAX_RESULTS + 1).for_display()
        )
        participants = list(debate.participants.matching(terms)[:SEARCH_MAX_NAMES])
        sources = list(debate.sources.matching(terms).in_date_order()[:SEARCH_MAX_NAMES])
    for claim in claims:
        claim.marked_statement = mark_safe(highlight(claim.display_statement, terms))
        claim.marked_quotation = mark_safe(highlight(plain(claim.quotation), terms))
    for participant in participants:
        participant.marked_name = mark_safe(highlight(participant.display_name, terms))
    for source in sources:
        source.marked_title = mark_safe(highlight(source.display_title, terms))
    context = {
        "debate": debate,
        "query": query,
        "results": claims[:SEARCH_MAX_RESULTS],
        "truncated": len(claims) > SEARCH_MAX_RESULTS,
        "participants": participants,
        "sources": sources,
    }
    return render(request, partial(request, "arguments/pages/search.html", "results"), context)


# Errors. Under /api/ a client reads JSON, {"detail": ...}, whatever went wrong, as DRF's
# own refusals are written; elsewhere a reader gets a page.


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page, saying which parameter was wrong (Django's default says nothing)."""
    if _is_api(request):
        return JsonResponse({"detail": str(exception) or _("Bad request.")}, status=400)
    return render(request, "400.html", {"exception": str(exception)}, status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("You may not do this.")}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Server error: the error was logged.")}, status=500)
    return defaults.server_error(request)
