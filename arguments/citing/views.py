"""A claim or relation as it was at a revision (where a citation leads), citations as files
(BibTeX, CSL-JSON, plain text), and the small map image shared links preview with."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from arguments.citing import card, citation, record_at
from arguments.citing.box import box
from arguments.citing.cited import (
    claim_citation,
    ends_at,
    map_citation,
    map_title,
    newest_version,
    relation_citation,
    relation_title,
    words,
)
from arguments.maps.build import cached_map, view_key
from arguments.maps.options import MAX_DEPTH, MapOptions
from arguments.maps.render import MapUnavailable, render_cached
from arguments.maps.render_bounds import bounded_renders
from arguments.maps.views import _map_request
from arguments.pages.views import reject_unknown_params
from arguments.record.models import Claim, Debate, Relation, in_english, sees_hidden
from arguments.record.params import whole_number
from arguments.record.reader_cache import on_record, reader_page

FILES = {
    # extension: (content type, what makes it)
    "bib": ("application/x-bibtex; charset=utf-8", citation.bibtex),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", citation.csl_json),
    "txt": ("text/plain; charset=utf-8", lambda cited: citation.plain_text(cited, words())),
}


def _claim(request: HttpRequest, debate_slug: str, claim_slug: str) -> Claim:
    return get_object_or_404(
        Claim.objects.visible_to(request.user).for_display(),
        debate__slug=debate_slug,
        slug=claim_slug,
    )


def _relation(request: HttpRequest, debate_slug: str, pk: int) -> Relation:
    return get_object_or_404(
        Relation.objects.visible_to(request.user)
        .for_display()
        .select_related("from_claim__source", "to_claim__source"),
        debate__slug=debate_slug,
        pk=pk,
    )


def _version(request: HttpRequest, item, history_id: int):
    """One of `item`'s versions; one moderators had hidden at the time is as missing."""
    version = get_object_or_404(item.history.all(), history_id=history_id)
    if version.hidden_at is not None and not sees_hidden(request.user):
        raise Http404
    return version


def _cited_file(cited: citation.Citation, extension: str) -> HttpResponse:
    if extension not in FILES:
        raise Http404
    content_type, make = FILES[extension]
    response = HttpResponse(make(cited), content_type=content_type)
    filename = citation.bibtex_key(cited.key).replace(":", "-")
    response["Content-Disposition"] = f'inline; filename="{filename}.{extension}"'
    return response


@require_GET
@reader_page(on_record)
def claim_version(
    request: HttpRequest, debate_slug: str, claim_slug: str, history_id: int
) -> HttpResponse:
    reject_unknown_params(request, set())
    claim = _claim(request, debate_slug, claim_slug)
    version = _version(request, claim, history_id)
    newest = newest_version(claim)
    context = {
        "debate": claim.debate,
        "claim": claim,
        "version": version,
        "version_statement": version.statement_en
        if in_english() and version.statement_en
        else version.statement,
        "is_current": newest.history_id == version.history_id,
        "citation": claim_citation(request, claim, version),
        "history_url": reverse("arguments:claim_history", args=[debate_slug, claim_slug]),
    }
    return render(request, "arguments/citing/version.html", context)


@require_GET
@reader_page(on_record)
def relation_version(request: HttpRequest, debate_slug: str, pk: int, history_id: int):
    reject_unknown_params(request, set())
    relation = _relation(request, debate_slug, pk)
    version = _version(request, relation, history_id)
    ends = ends_at(relation, version)
    context = {
        "debate": relation.debate,
        "relation": relation,
        "version": version,
        "ends": ends,
        "title": relation_title(relation, version, ends),
        "is_current": newest_version(relation).history_id == version.history_id,
        "citation": relation_citation(request, relation, version),
        "history_url": reverse("arguments:relation_history", args=[debate_slug, pk]),
    }
    return render(request, "arguments/citing/version.html", context)


@require_GET
@reader_page(on_record, dated=True)  # a citation says the day it was read
def claim_cited(request: HttpRequest, debate_slug: str, claim_slug: str, extension: str):
    reject_unknown_params(request, set())
    claim = _claim(request, debate_slug, claim_slug)
    return _cited_file(claim_citation(request, claim), extension)


@require_GET
@reader_page(on_record, dated=True)
def relation_cited(request: HttpRequest, debate_slug: str, pk: int, extension: str):
    reject_unknown_params(request, set())
    relation = _relation(request, debate_slug, pk)
    return _cited_file(relation_citation(request, relation), extension)


@require_GET
@reader_page(on_record, dated=True)
def map_cited(request: HttpRequest, debate_slug: str, extension: str) -> HttpResponse:
    """The citation of the map view the query names (the map page's own query)."""
    debate, options, focus = _map_request(request, debate_slug)
    address = reverse("arguments:map", args=[debate_slug])
    if options.query_string:
        address += f"?{options.query_string}"
    is_box = extension == "html"
    cited = map_citation(request, debate, map_title(debate, focus), address, focus, not is_box)
    if is_box:  # the box alone, for the map page once htmx redrew the map
        context = box(
            cited,
            reverse("arguments:map_cited", args=[debate_slug, "x"])[:-2],
            options.query_string,
        )
        return render(request, "arguments/citing/_cite.html", context)
    return _cited_file(cited, extension)


@require_GET
@reader_page(on_record)
@bounded_renders
def claim_card(request: HttpRequest, debate_slug: str, claim_slug: str) -> HttpResponse:
    """The claim and what answers it directly, as a small PNG drawn by Graphviz through
    the map's own machinery (its cache, its single flight and its bound on renders)."""
    reject_unknown_params(request, set())
    claim = _claim(request, debate_slug, claim_slug)
    debate = claim.debate
    options = MapOptions(claim=claim.slug, depth=1, label="short")
    revision = debate.revision()
    argument_map = cached_map(debate, options, claim, revision, view_key(debate, revision, options))
    try:
        png = render_cached(
            card.card_dot(argument_map.page_dot_source or argument_map.dot_source), "png"
        )
    except MapUnavailable as error:
        response = HttpResponse(str(error), content_type="text/plain; charset=utf-8", status=503)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(png, content_type="image/png")


@require_GET
@reader_page(on_record)
def record_at_revision(request: HttpRequest, debate_slug: str, revision: str) -> HttpResponse:
    """The record as it was at a map view's revision (around a claim and to a depth, as the
    view was): where a map's citation leads."""
    reject_unknown_params(request, {"claim", "depth"})
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    when = record_at.moment(revision)
    if when is None:
        raise Http404
    depth = whole_number(request.GET.get("depth", ""), "depth", 2, 1, MAX_DEPTH)
    focus = None
    if "claim" in request.GET:
        then = Claim.history.as_of(when).filter(debate_id=debate.pk)
        focus = get_object_or_404(then, slug=request.GET["claim"])
    found = record_at.record_at(debate, when, request.user, focus and focus.pk, depth)
    context = {
        "debate": debate,
        "when": when,
        "revision": revision,
        "focus": focus,
        "depth": depth,
        "record": found,
        "corrections_url": reverse("arguments:corrections", args=[debate_slug]),
    }
    return render(request, "arguments/citing/record_at.html", context)
