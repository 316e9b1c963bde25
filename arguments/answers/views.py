"""Who answers whom: the participants' map and matrix of a debate (a page, an SVG and a CSV
file), and the relations behind one of its arrows or cells."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from arguments.answers.drawing import EdgeShown, NodeShown, answers_dot, node_id
from arguments.answers.graph import (
    EDITORS,
    KINDS,
    READERS,
    AnswerGraph,
    Node,
    answer_graph,
    hues,
    snapped,
)
from arguments.maps import palette
from arguments.maps.render import (
    MapUnavailable,
    inline_svg,
    render_cached,
    with_title_and_description,
)
from arguments.maps.render_bounds import bounded_renders
from arguments.record.models import Debate, Layer, Participant, Relation
from arguments.record.params import ParameterError, check_known, counted_layers, iso_date
from arguments.record.personal import only_common_parts
from arguments.record.reader_cache import on_record, reader_page
from arguments.record.row_reader import debate_rows
from arguments.standing.labels import counted_words
from arguments.standing.timeline import Perspective

PAGE_PARAMETERS = {"as_of", "count"}
LIST_PARAMETERS = PAGE_PARAMETERS | {"from", "to", "kind"}
LISTED = 500  # relations listed for one pair at most; the rest are counted
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
DOWNLOADS = {"svg": "image/svg+xml; charset=utf-8", "csv": "text/csv; charset=utf-8"}


@dataclass
class Answers:
    """What a request asks for and what it finds: the debate, the layers counted, the date
    (snapped to a step of the debate), the graph, and the participants by id."""

    debate: Debate
    layers: tuple[str, ...]
    asked_as_of: datetime.date | None
    as_of: datetime.date | None
    graph: AnswerGraph
    participants: dict[int, Participant]
    hues: dict[int, int | None]

    @property
    def perspective(self) -> Perspective:
        return Perspective.counting(self.layers)

    def name(self, node: Node) -> str:
        if node == EDITORS:
            return _("the editors")
        if node == READERS:
            return _("readers' proposals")
        return self.participants[node].display_name

    def slug(self, node: Node) -> str:
        return node if node in (EDITORS, READERS) else self.participants[node].slug

    def ordered(self, nodes) -> list[Node]:
        """Participants by name, then the editors, then readers' proposals."""
        people = sorted((n for n in nodes if isinstance(n, int)), key=self.name)
        return people + [n for n in (EDITORS, READERS) if n in nodes]

    def query(self, **pair: str) -> str:
        """This perspective's and date's query, after `pair` (from, to, kind)."""
        items = list(pair.items())
        if self.as_of is not None:
            items.append(("as_of", self.as_of.isoformat()))
        items += [("count", layer) for layer in self.layers]
        return urlencode(items)

    def address(self, name: str, **pair: str) -> str:
        query = self.query(**pair)
        url = reverse(f"arguments:{name}", args=[self.debate.slug])
        return f"{url}?{query}" if query else url

    def list_url(self, drawer: Node, target: Node, kind: str) -> str:
        pair = {"from": self.slug(drawer), "to": self.slug(target), "kind": kind}
        return self.address("answers_relations", **pair)

    def node(self, raw: str, name: str) -> Node:
        """The node a `from` or `to` parameter names, by slug."""
        slug = raw.strip()
        for pk, participant in self.participants.items():
            if participant.slug == slug:
                return pk
        if slug in (EDITORS, READERS):
            return slug
        if not slug:
            raise ParameterError(
                _("The parameter “%(name)s” is required: a participant's slug.") % {"name": name}
            )
        raise ParameterError(
            _("The parameter “%(name)s” names no participant of this debate: “%(value)s”.")
            % {"name": name, "value": slug[:50]}
        )


def _answers(request: HttpRequest, debate_slug: str, allowed: set[str]) -> Answers:
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    check_known(request.GET.keys(), allowed)  # a made-up query would be a page kept apart
    layers = counted_layers(request.GET.getlist("count"))
    asked = iso_date(request.GET.get("as_of", ""), "as_of")
    claims, links, _slugs = debate_rows(debate, debate.revision(), list(debate.sources.all()))
    as_of = snapped(asked, claims, links)
    graph = answer_graph(claims, links, Perspective.counting(layers), as_of)
    participants = {p.pk: p for p in debate.participants.all()}
    return Answers(debate, layers, asked, as_of, graph, participants, hues(claims))


def kind_count(kind: str, count: int) -> str:
    if kind == "objection":
        return ngettext("%(count)s objection", "%(count)s objections", count) % {"count": count}
    return ngettext("%(count)s support", "%(count)s supports", count) % {"count": count}


def title(answers: Answers) -> str:
    words = _("Who answers whom — %(debate)s") % {"debate": answers.debate.display_title}
    if answers.as_of:
        day = formats.date_format(answers.as_of, "DATE_FORMAT")
        words += " — " + _("as of %(date)s") % {"date": day}
    return words


def answers_dot_of(answers: Answers, site: str = "") -> str:
    """The map's DOT text; `site` makes its links absolute, for a file read elsewhere."""
    graph = answers.graph
    shown = answers.ordered(graph.drawers | graph.targets)
    nodes = [
        NodeShown(node, answers.name(node))
        if isinstance(node, str)
        else NodeShown(
            node,
            answers.name(node),
            site + answers.participants[node].get_absolute_url(),
            answers.hues.get(node),
        )
        for node in shown
    ]
    place = {node: index for index, node in enumerate(shown)}
    edges = []
    for drawer, target, kind in sorted(
        graph.pairs, key=lambda p: (place[p[0]], place[p[1]], KINDS.index(p[2]))
    ):
        count = graph.count(drawer, target, kind)
        names = {"drawer": answers.name(drawer), "target": answers.name(target)}
        tooltip = _("%(drawer)s → %(target)s") % names + ": " + kind_count(kind, count)
        url = site + answers.list_url(drawer, target, kind)
        edges.append(EdgeShown(drawer, target, kind, count, url, tooltip))
    return answers_dot(nodes, edges, title(answers))


def busiest_node(answers: Answers) -> str:
    """The element id of whoever is in the most relations: where the map opens when it
    cannot be shown whole (a phone)."""
    weight: Counter = Counter()
    for drawer, target, kind in answers.graph.pairs:
        count = answers.graph.count(drawer, target, kind)
        weight[drawer] += count
        weight[target] += count
    if not weight:
        return ""
    return "answers-" + node_id(min(weight, key=lambda node: (-weight[node], str(node))))


def description() -> str:
    return _(
        "One box per participant; an arrow from one to another for each kind of relation "
        "the first draws to the second's claims (objections end in a bar, supports in an "
        "arrowhead), its number and width the count. The table gives the same counts."
    )


def inline_map(answers: Answers) -> tuple[str, str]:
    """The map to embed in the page, or why it could not be drawn."""
    if not answers.graph.pairs:
        return "", ""
    try:
        svg = inline_svg(render_cached(answers_dot_of(answers), "svg"))
    except MapUnavailable as error:
        return "", str(error)
    return with_title_and_description(svg, title(answers), description(), "answers-map"), ""


@dataclass(frozen=True)
class Cell:
    objections: int = 0
    supports: int = 0
    objections_url: str = ""
    supports_url: str = ""
    own: bool = False  # a participant's answers to themselves: left out


@dataclass(frozen=True)
class Heading:
    name: str
    slug: str
    url: str = ""  # the participant's page


def matrix(answers: Answers) -> tuple[list[Heading], list[tuple[Heading, list[Cell]]]]:
    """The columns (who is answered) and rows (who answers), each cell its two counts."""
    graph = answers.graph

    def heading(node: Node) -> Heading:
        url = "" if isinstance(node, str) else answers.participants[node].get_absolute_url()
        return Heading(answers.name(node), answers.slug(node), url)

    columns = answers.ordered(graph.targets)
    rows = []
    for drawer in answers.ordered(graph.drawers):
        cells = []
        for target in columns:
            counts = [graph.count(drawer, target, kind) for kind in KINDS]
            urls = [
                answers.list_url(drawer, target, kind) if count else ""
                for kind, count in zip(KINDS, counts, strict=True)
            ]
            cells.append(Cell(*counts, *urls, own=drawer == target))
        rows.append((heading(drawer), cells))
    return [heading(node) for node in columns], rows


@require_GET
@vary_on_headers("HX-Request")
@bounded_renders
@reader_page(on_record, personal=only_common_parts)  # no annotation shows on it
def who_answers_whom(request: HttpRequest, debate_slug: str) -> HttpResponse:
    answers = _answers(request, debate_slug, PAGE_PARAMETERS)
    if answers.as_of != answers.asked_as_of:
        return redirect(answers.address("answers"))  # one address per step of the debate
    svg, map_error = inline_map(answers)
    columns, rows = matrix(answers)
    involved = answers.graph.drawers | answers.graph.targets
    context = {
        "debate": answers.debate,
        "answers": answers,
        "graph": answers.graph,
        "as_of": answers.as_of,
        "counted": counted_words(answers.perspective),
        "perspective": answers.perspective,
        "svg": svg,
        "map_error": map_error,
        "map_start": busiest_node(answers),
        "colours": palette.EDGE_COLOURS,
        "columns": columns,
        "rows": rows,
        "others": sorted(
            (p.display_name for pk, p in answers.participants.items() if pk not in involved),
            key=str,
        ),
        "file_query": answers.query(),
    }
    template = "arguments/answers/answers.html"
    return render(request, f"{template}#answers" if request.htmx else template, context)


def listed(answers: Answers, drawer: Node, target: Node, kind: str) -> list[Relation]:
    """The pair's relations, read in one query: those of that drawer's layer, kind and
    target's holder, kept when the graph has them (in its perspective and by its date)."""
    keys = set(answers.graph.pairs.get((drawer, target, kind), ()))
    if not keys:
        return []
    relations = answers.debate.relations.shown().filter(kind=kind).for_display()
    if drawer == EDITORS:
        relations = relations.filter(layer=Layer.EDITORS)
    elif drawer == READERS:
        relations = relations.filter(layer=Layer.READERS)
    else:
        unsigned = Q(drawn_by__isnull=True, from_claim__holder_id=drawer)
        relations = relations.filter(Q(drawn_by_id=drawer) | unsigned, layer=Layer.TEXT)
    if target == READERS:
        relations = relations.filter(to_claim__holder__isnull=True)
    else:
        relations = relations.filter(to_claim__holder_id=target)
    return [r for r in relations if (r.from_claim_id, r.to_claim_id, r.kind) in keys]


def _pair(request: HttpRequest, answers: Answers) -> tuple[Node, Node, str]:
    drawer = answers.node(request.GET.get("from", ""), "from")
    target = answers.node(request.GET.get("to", ""), "to")
    kind = request.GET.get("kind", "").strip()
    if kind not in KINDS:
        raise ParameterError(
            _("The parameter “kind” takes %(allowed)s, not “%(value)s”.")
            % {"allowed": ", ".join(KINDS), "value": kind[:50]}
        )
    if drawer == target:
        raise ParameterError(_("A participant's answers to themselves are left out here."))
    return drawer, target, kind


def pair_heading(answers: Answers, drawer: Node, target: Node, kind: str, count: int) -> str:
    names = {"drawer": answers.name(drawer), "target": answers.name(target), "count": count}
    if kind == "objection":
        return (
            ngettext(
                "%(drawer)s objects to %(target)s: %(count)s relation",
                "%(drawer)s objects to %(target)s: %(count)s relations",
                count,
            )
            % names
        )
    return (
        ngettext(
            "%(drawer)s supports %(target)s: %(count)s relation",
            "%(drawer)s supports %(target)s: %(count)s relations",
            count,
        )
        % names
    )


@require_GET
@reader_page(on_record, personal=only_common_parts)
def answers_relations(request: HttpRequest, debate_slug: str) -> HttpResponse:
    answers = _answers(request, debate_slug, LIST_PARAMETERS)
    drawer, target, kind = _pair(request, answers)
    pair = {"from": answers.slug(drawer), "to": answers.slug(target), "kind": kind}
    if answers.as_of != answers.asked_as_of:
        return redirect(answers.address("answers_relations", **pair))
    relations = listed(answers, drawer, target, kind)
    context = {
        "debate": answers.debate,
        "heading": pair_heading(answers, drawer, target, kind, len(relations)),
        "relations": relations[:LISTED],
        "not_listed": max(0, len(relations) - LISTED),
        "as_of": answers.as_of,
        "counted": counted_words(answers.perspective),
        "back": answers.address("answers"),
        "ends": [answers.participants[node] for node in (drawer, target) if isinstance(node, int)],
    }
    return render(request, "arguments/answers/relations.html", context)


def guarded(value: object) -> str:
    """A CSV cell no spreadsheet runs as a formula: text that starts like one gets a quote
    before it."""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def answers_csv(answers: Answers, site: str) -> str:
    """One line per (who, whom, kind): names, slugs, the count and the list's address."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["from", "from_slug", "to", "to_slug", "kind", "count", "relations"])
    graph = answers.graph
    place = {node: i for i, node in enumerate(answers.ordered(graph.drawers | graph.targets))}
    for drawer, target, kind in sorted(
        graph.pairs, key=lambda p: (place[p[0]], place[p[1]], KINDS.index(p[2]))
    ):
        row = [answers.name(drawer), answers.slug(drawer), answers.name(target)]
        row += [answers.slug(target), kind, graph.count(drawer, target, kind)]
        row.append(site + answers.list_url(drawer, target, kind))
        writer.writerow([guarded(cell) for cell in row])
    return out.getvalue()


def answers_svg(answers: Answers, site: str) -> bytes:
    """The map as an SVG document, its links absolute, with its title and description."""
    svg = render_cached(answers_dot_of(answers, site), "svg").decode("utf-8")
    return with_title_and_description(svg, title(answers), description(), "answers-map").encode()


@require_GET
@bounded_renders
@reader_page(on_record)
def answers_download(request: HttpRequest, debate_slug: str, extension: str) -> HttpResponse:
    if extension not in DOWNLOADS:
        raise Http404
    answers = _answers(request, debate_slug, PAGE_PARAMETERS)
    if answers.as_of != answers.asked_as_of:
        query = answers.query()
        return redirect(f"{request.path}?{query}" if query else request.path)
    site = request.build_absolute_uri("/").rstrip("/")
    try:
        make = answers_csv if extension == "csv" else answers_svg
        content = make(answers, site)
    except MapUnavailable as error:
        context = {"debate": answers.debate, "error": str(error)}
        return render(request, "arguments/maps/map_unavailable.html", context, status=503)
    response = HttpResponse(content, content_type=DOWNLOADS[extension])
    stem = "-".join([answers.debate.slug, "who-answers-whom", *answers.layers])
    if answers.as_of:
        stem += f"-{answers.as_of.isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response
