"""The map's pages: a view of the debate drawn with Graphviz (its section alone for htmx),
and the same view as a file (SVG, PNG, PDF, DOT, Markdown outline)."""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from arguments.maps import palette
from arguments.maps.build import cached_map, drafts_map, view_key
from arguments.maps.drafts import MapDrafts, drafts_for, sees_drafts
from arguments.maps.options import MAX_DEPTH, MapOptions
from arguments.maps.render import MapUnavailable, render_cached
from arguments.maps.render_bounds import bounded_renders
from arguments.record import extensions
from arguments.record.models import Claim, Debate
from arguments.record.personal import only_common_parts
from arguments.record.reader_cache import on_readers, on_record, reader_page
from arguments.record.row_reader import debate_rows


def _map_address(debate_slug: str, options: MapOptions) -> str:
    """The one address of a view: its canonical query, nothing when it is the default."""
    query = options.query_string
    return reverse("arguments:map", args=[debate_slug]) + (f"?{query}" if query else "")


def _map_request(request: HttpRequest, debate_slug: str):
    """The debate, the options its URL asks for (its date snapped to a step), and the claim
    it centres on."""
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    try:
        options, focus = map_view(debate, request.GET)
    except Claim.DoesNotExist:
        raise Http404 from None
    return debate, options, focus


def map_view(debate: Debate, query) -> tuple[MapOptions, Claim | None]:
    """The options a query asks for (its date snapped to a step) and the claim it centres
    on: ParameterError for an option that makes no sense, Claim.DoesNotExist for a focus
    not shown. The map's pages and `manage.py export_map` read a view through it alone."""
    options = _snapped_to_a_step(debate, MapOptions.from_query(query))
    focus = None
    if options.claim:
        focus = Claim.objects.shown().get(debate=debate, slug=options.claim)
    return options, focus


def _snapped_to_a_step(debate: Debate, options: MapOptions) -> MapOptions:
    """The map as of any day is the map as of the last day a claim or relation became
    public by then (or the day before the first): one address per step of the debate, so
    readers' kept maps are bounded by the steps, not by the dates anyone may type."""
    if options.as_of is None:
        return options
    sources = list(debate.sources.in_date_order())
    claims, links, _slugs = debate_rows(debate, debate.revision(), sources)
    days = {row.known_since for row in (*claims, *links) if row.known_since is not None}
    if not days:
        return options
    step = max((day for day in days if day <= options.as_of), default=None)
    if step is None:
        step = min(days) - datetime.timedelta(days=1)
    return dataclasses.replace(options, as_of=step)


def _map_section(
    debate, options: MapOptions, focus, participants, sources, drafts: MapDrafts | None = None
) -> bytes:
    """The map section of a view, drawn for the record revision: the readers' notes are
    served beside it (`map_notes`), so an annotation never makes a section, a page or a
    `dot` run again. Kept encoded, since a large map's section is over a megabyte.

    With an editor's `drafts`, the section is hers: made for her each time and never kept
    (its layout is, by its own DOT text), so no reader's key ever holds a draft."""
    revision = debate.revision()
    if drafts is not None:
        argument_map = drafts_map(debate, options, focus, revision, drafts, participants, sources)
        return _section(debate, options, argument_map, drafts).encode()
    key = view_key(debate, revision, options)
    section_key = f"{key}:section"
    section = cache.get(section_key)
    if section is None:
        argument_map = cached_map(debate, options, focus, revision, key, "", participants, sources)
        section = _section(debate, options, argument_map).encode()
        cache.set(section_key, section, settings.MAP_CACHE_SECONDS)
    return section


def _section(debate, options: MapOptions, argument_map, drafts: MapDrafts | None = None) -> str:
    svg, error = argument_map.inline()
    context = {
        "debate": debate,
        "argument_map": argument_map,
        "svg": svg,
        "error": error,
        "every_branch_url": _map_address(debate.slug, options.with_every_branch()),
        "line_colours": {
            **palette.EDGE_COLOURS,
            "editors": palette.EDITORS_COLOUR,
            "draft": palette.DRAFT_COLOUR,
        },
        "drafts": drafts,
    }
    return render_to_string("arguments/maps/map.html#map", context)


def _page_parts(request: HttpRequest, current: tuple, **url_kwargs) -> dict[str, str] | None:
    """A signed-in reader gets the readers' kept map page with her header stitched in; an
    editor, when the debate holds drafts, gets her own page made (None), drafts drawn."""
    if sees_drafts(request.user, {"slug": url_kwargs["debate_slug"]}):
        return None
    return only_common_parts(request, current, **url_kwargs)


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
# The readers' notes come beside it (`map_notes`).
@reader_page(on_record, personal=_page_parts)
@bounded_renders
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
    drafts = drafts_for(debate, request.user)
    section = _map_section(debate, options, focus, participants, sources, drafts)
    if section_only:
        response = HttpResponse(section)
        response["HX-Push-Url"] = canonical
        return _hers(response) if drafts else response
    context = {
        "debate": debate,
        "focus": focus,
        "options": options,
        "participants": participants,
        "sources": sources,
        "map_section": section.decode(),
        "depth_choices": range(1, MAX_DEPTH + 1),
    }
    response = render(request, "arguments/maps/map.html", context)
    return _hers(response) if drafts else response


def _hers(response: HttpResponse) -> HttpResponse:
    """An editor's page with drafts: kept by no shared cache, nor by her browser for
    another visit (she may sign out, another may sign in)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@reader_page(on_readers)
def map_notes(request: HttpRequest, debate_slug: str) -> JsonResponse:
    """What readers said of each claim, in words ("3 annotations (agree 2, question 1)"), by
    the id its box has on the map (`claim-<pk>`): the map page adds them to the boxes'
    tooltips. Kept apart from the map so that an annotation costs the map nothing."""
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    shown = debate.claims.shown().values("pk")
    notes: dict[int, str] = {}
    for extension in extensions.registered():
        notes.update(extension.claim_notes(shown))
    return JsonResponse({f"claim-{pk}": note for pk, note in sorted(notes.items())})


EXPORTS = {
    # extension: content type
    "svg": "image/svg+xml; charset=utf-8",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@require_GET
@reader_page(on_record, dated=True)  # files show the record alone and say their day
@bounded_renders
def map_download(request: HttpRequest, debate_slug: str, extension: str) -> HttpResponse:
    if extension not in EXPORTS:
        raise Http404
    debate, options, focus = _map_request(request, debate_slug)
    # Links in a file opened away from the site lead back to it.
    site = request.build_absolute_uri("/").rstrip("/")
    try:
        content = map_file(debate, options, focus, extension, site)
    except MapUnavailable as error:
        context = {"debate": debate, "error": str(error)}
        return render(request, "arguments/maps/map_unavailable.html", context, status=503)
    response = HttpResponse(content, content_type=EXPORTS[extension])
    filename = f"{options.file_stem(debate.slug)}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def map_file(
    debate: Debate, options: MapOptions, focus: Claim | None, extension: str, site: str
) -> bytes | str:
    """A view of the map as a file (`EXPORTS`), its links led by `site`: built, drawn and
    kept in the cache once, whoever asks (the site's downloads, `manage.py export_map`).
    MapUnavailable when Graphviz cannot draw it."""
    view_url = site + _map_address(debate.slug, options)
    # The files are the map as the record: without readers' annotation counts, which the
    # map page shows. So an annotation never makes a file be made again.
    revision = debate.revision()
    key = view_key(debate, revision, options, site)
    # Files say the day they were made, so a file is cached for its day.
    file_key = f"{key}:{extension}:{datetime.date.today().isoformat()}"
    content = cache.get(file_key)
    if content is None:
        argument_map = cached_map(debate, options, focus, revision, key, site)
        content = export(argument_map, extension, view_url)
        cache.set(file_key, content, settings.MAP_CACHE_SECONDS)
    return content


def export(argument_map, extension: str, view_url: str) -> bytes | str:
    if extension == "svg":
        return argument_map.svg_document(view_url)
    if extension in ("png", "pdf"):
        return render_cached(argument_map.dot_source, extension)
    if extension == "dot":
        return argument_map.dot_document(view_url)
    return argument_map.markdown(view_url)
