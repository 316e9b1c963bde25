"""Assemble a view of the argument map from the database: its DOT text and its outline.

Reads light rows (three queries whatever the debate's size), lets `selection` choose and
fold, then loads the details of the claims actually drawn (and the justifications of the
editors' links drawn, when there are any). Whole views are cached by the
debate's record revision, the language and the options; renders by their DOT text (`render`).
What readers add (annotation counts) never enters the DOT text: the map page fetches it
beside the drawn map (`views.map_notes`), so an annotation never makes `dot` draw a map again.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from arguments.maps import dot
from arguments.maps.drafts import MapDrafts, drafts_drawn
from arguments.maps.marks import Marks, marks_for
from arguments.maps.options import KINDS, MapOptions
from arguments.maps.outline import OutlineEntry, build_outline, reading_order, to_markdown
from arguments.maps.palette import hues_for
from arguments.maps.render import MapUnavailable, inline_svg, render_cached
from arguments.maps.render import with_title_and_description as titled
from arguments.maps.selection import Scope, Selection, reading_tree, select
from arguments.maps.shape import rows_of_trees
from arguments.record.code_version import code_version
from arguments.record.models import Claim, Debate, Layer, Participant, Source, in_english
from arguments.record.params import ParameterError
from arguments.record.row_reader import (
    collection_paused,
    debate_rows,
    neighbourhood_rows,
    read_rows,
)


@dataclass
class ArgumentMap:
    debate_slug: str
    options: MapOptions
    title: str
    description: list[str]
    dot_source: str
    outline: list[OutlineEntry]
    claim_count: int
    relation_count: int
    in_scope: int
    collapsed: bool
    claim_ids: tuple[int, ...] = ()  # the claims drawn, for the notes joined after rendering
    # The page's drawing, without the legend (the page shows it in HTML above the map);
    # exported files keep `dot_source`, legend inside.
    page_dot_source: str = ""
    legend: tuple[dot.LegendEntry, ...] = ()
    start: str = ""  # the box the first screen shows when there is no focus: the first thesis
    overview: bool = False  # folded to the theses and their direct answers
    # The ids of the drawn claims and lines in the outline's order: the page's drawing is
    # put in it, so that Tab and screen readers follow the argument.
    reading_order: tuple[str, ...] = ()
    # An editor's map: the drafts drawn on it (`maps.drafts`), and by whom besides her.
    draft_count: int = 0
    drafts_by_others: bool = False

    @property
    def file_stem(self) -> str:
        return self.options.file_stem(self.debate_slug)

    def svg_document(self, view_url: str) -> bytes:
        """The SVG file: titled and described (debate, filters, date, address of the view)."""
        svg = render_cached(self.dot_source, "svg").decode("utf-8")
        return titled(svg, self.title, self.export_description(view_url), "map").encode()

    def inline(self) -> tuple[str, str]:
        """(svg markup, error message): one of them is empty."""
        try:
            drawn = render_cached(self.page_dot_source or self.dot_source, "svg")
            svg = inline_svg(drawn, self.reading_order)
        except MapUnavailable as error:
            return "", self.naming_refused_claims(str(error))
        return titled(svg, self.title, " ".join(self.description), "map-svg"), ""

    def naming_refused_claims(self, error: str) -> str:
        """Graphviz's error, led by the claims whose text it refused, so that a reader (or a
        moderator) knows which claim keeps the map from being drawn."""
        statements = {entry.node.id: entry.node.statement for entry in self.outline if entry.node}
        named = [statements[id] for id in dot.refused_claim_ids(error) if id in statements]
        if not named:
            return error
        return (
            ngettext(
                "The map could not be drawn because of the text of this claim: %(claims)s.",
                "The map could not be drawn because of the text of these claims: %(claims)s.",
                len(named),
            )
            % {"claims": "; ".join(f"“{dot.shorten(text, 120)}”" for text in named)}
            + " "
            + error
        )

    def export_lines(self, view_url: str) -> list[str]:
        made = _("Made on %(date)s from %(url)s") % {
            "date": formats.date_format(datetime.date.today(), "DATE_FORMAT"),
            "url": view_url,
        }
        return [*self.description, made]

    def export_description(self, view_url: str) -> str:
        return " ".join(self.export_lines(view_url))

    def markdown(self, view_url: str) -> str:
        return to_markdown(self.outline, self.title, self.export_lines(view_url), _("listed above"))

    def dot_document(self, view_url: str) -> str:
        """The DOT text with a comment saying what it is; the comment cannot end early
        because DOT line comments run to the end of a line and every line is prefixed."""
        header = "\n".join(
            "// " + line.replace("\n", " ")
            for line in [self.title, self.export_description(view_url)]
        )
        return header + "\n" + self.dot_source


def _relation_words() -> dict[tuple[str, bool], str]:
    return {
        ("support", False): _("supports"),
        ("objection", False): _("objects to"),
        ("rephrase", False): _("restates"),
        ("support", True): _("supported by the claim above"),
        ("objection", True): _("objected to by the claim above"),
        ("rephrase", True): _("restated by the claim above"),
        # Listed under the argument whose bearing it denies.
        ("undercut", False): _("denies that it bears on the claim above it"),
    }


def view_key(debate: Debate, revision: tuple, options: MapOptions, site: str = "") -> str:
    """The cache key of a view: it changes with anything the map draws (the debate's record
    revision, `Debate.revision`), the language, the options and the size budget."""
    identity = (
        code_version(),
        debate.pk,
        revision,
        get_language(),
        site,
        options.query_string,
        settings.MAP_NODE_BUDGET,
    )
    return "mapview:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def cached_map(
    debate: Debate,
    options: MapOptions,
    focus: Claim | None,
    revision: tuple,
    key: str,
    site: str = "",
    participants: list[Participant] | None = None,
    sources: list[Source] | None = None,
    marks: Callable[[], Marks] | None = None,
) -> ArgumentMap:
    """The map of a view from the cache, or built (`participants` and `sources` are read
    when the caller has not read them already; a standing view's marks computed unless the
    caller gives `marks()`, asked for only when the map is built)."""
    argument_map = cache.get(key)
    if argument_map is None:
        if participants is None:
            participants = list(debate.participants.annotate_claim_counts())
        if sources is None:
            sources = list(debate.sources.in_date_order())
        rows = view_rows(debate, options, focus, revision, sources)
        found = None
        if options.standing:
            found = marks() if marks else marks_for(debate, revision, options, participants)
        argument_map = build_map(debate, options, participants, sources, focus, site, rows, found)
        cache.set(key, argument_map, settings.MAP_CACHE_SECONDS)
    return argument_map


def drafts_map(
    debate: Debate,
    options: MapOptions,
    focus: Claim | None,
    revision: tuple,
    drafts: MapDrafts,
    participants: list[Participant] | None = None,
    sources: list[Source] | None = None,
) -> ArgumentMap:
    """An editor's map of a view, with the drafts drawn: built for her each time and never
    kept under a view's key, which readers' maps are kept under. What costs is still
    shared: the debate's rows (by revision) and the layout (`render_cached`, by the DOT
    text, which holds the drafts: no reader's map has the same)."""
    if participants is None:
        participants = list(debate.participants.annotate_claim_counts())
    if sources is None:
        sources = list(debate.sources.in_date_order())
    rows = view_rows(debate, options, focus, revision, sources)
    found = marks_for(debate, revision, options, participants) if options.standing else None
    return build_map(debate, options, participants, sources, focus, "", rows, found, drafts)


def view_rows(
    debate: Debate, options: MapOptions, focus: Claim | None, revision: tuple, sources: list
) -> tuple:
    """The light rows a view is drawn from: around a claim, its neighbourhood alone (what
    it costs does not grow with the debate); else the whole debate's, shared by every view
    of the revision. A view around a claim that also has a date, or branches to expand,
    needs the whole debate's: the claims its date leaves out are counted over the whole
    debate, and the branches are named by slugs from anywhere in it."""
    if focus is not None and options.as_of is None and not options.expand:
        return neighbourhood_rows(debate, sources, focus.pk, options.depth)
    return debate_rows(debate, revision, sources)


def build_map(
    debate: Debate,
    options: MapOptions,
    participants: list[Participant],
    sources: list[Source],
    focus: Claim | None,
    site: str = "",
    rows: tuple | None = None,
    marks: Marks | None = None,
    drafts: MapDrafts | None = None,
) -> ArgumentMap:
    """`participants` come most prominent first (the order of the palette); `site` prefixes
    links in exported files, which are opened away from the site; `rows` are the debate's
    light rows when already read; `marks` are drawn on claims (which stand) when given;
    `drafts` (an editor's map only) are drawn highlighted, in views without a date."""
    claims, links, slugs = rows or read_rows(debate, sources)
    by_slug = {participant.slug: participant for participant in participants}
    source = next((s for s in sources if s.slug == options.source), None)
    # What the URL names must exist; a cached map was checked when it was built.
    unknown = [slug for slug in options.participants if slug not in by_slug]
    if unknown:
        raise ParameterError(
            _("Unknown participant(s): %(slugs)s.") % {"slugs": ", ".join(unknown)}
        )
    if options.source and source is None:
        raise ParameterError(_("Unknown source: %(slug)s.") % {"slug": options.source})
    unknown = [slug for slug in options.expand if slug not in slugs]
    if unknown:
        raise ParameterError(
            _("Unknown claim(s) to expand: %(slugs)s.") % {"slugs": ", ".join(unknown)}
        )
    scope = Scope(
        focus_id=focus.pk if focus else None,
        depth=options.depth,
        holder_ids=frozenset(by_slug[slug].pk for slug in options.participants),
        source_id=source.pk if source else None,
        as_of=options.as_of,
        kinds=frozenset(options.kinds),
        proposals=options.proposals,
        editors=options.editors,
        expanded=frozenset(slugs[slug] for slug in options.expand),
        budget=settings.MAP_NODE_BUDGET,
        overview=options.overview,
    )
    with collection_paused():
        selection = select(claims, links, scope)
    # Plain rows, not model instances: a large map draws hundreds of claims.
    details = Claim.objects.filter(pk__in=selection.claim_ids).values_list(
        "pk",
        "slug",
        "statement",
        "statement_en",
        "quotation",
        "holder_id",
        "source_id",
        "proposed_by__username",
        "imported",
        "kind",
        "title",
        named=True,
    )
    by_id = {claim.pk: claim for claim in details}
    drawn = [by_id[claim_id] for claim_id in selection.claim_ids]
    # Hues go to the holders with the most claims on this map (no palette tells 35 apart);
    # the others are neutral, their names printed in their boxes.
    counts: dict[int, int] = {}
    for claim in drawn:
        if claim.holder_id is not None:
            counts[claim.holder_id] = counts.get(claim.holder_id, 0) + 1
    palette = hues_for(counts)
    holders = sorted(
        (participant for participant in participants if participant.pk in counts),
        key=lambda participant: (-counts[participant.pk], participant.display_name),
    )
    nodes = map_nodes(debate, drawn, participants, palette, focus, site, marks)
    undercut_by = undercuts_among(debate, set(selection.claim_ids), options)
    justified = justifications(debate, selection)
    edges = [
        dot.MapEdge(
            link.from_id,
            link.to_id,
            link.kind,
            tuple(claim for claim, _layer in undercut_by.get(link[:3], ())),
            layer=link_layer(link),
            justification=justified.get(link[:3], ""),
            undercut_layers=tuple(layer for _claim, layer in undercut_by.get(link[:3], ())),
        )
        for link in selection.links
    ]
    rows_drawn = (
        None if focus else rows_of_trees(*reading_tree(selection, False), set(selection.hidden))
    )
    draft_count = 0
    drafts_by_others = False
    if drafts is not None and options.as_of is None:
        added = drafts_drawn(
            drafts,
            scope,
            {node.id for node in nodes},
            {(edge.from_id, edge.to_id, edge.kind) for edge in edges},
            {participant.pk: participant.display_name for participant in participants},
            rows_drawn,
        )
        edges = [with_draft_undercuts(edge, added.undercuts) for edge in edges] + added.edges
        nodes = nodes + added.nodes
        if rows_drawn is not None:
            rows_drawn = {**rows_drawn, **added.rows}
        draft_count = len(added.nodes) + len(added.edges)
        draft_count += sum(len(starts) for starts in added.undercuts.values())
        drafts_by_others = added.by_others
    more = folded_branches(debate, options, selection, by_id, site)
    title = map_title(debate, options, focus, [by_slug[s] for s in options.participants], source)
    description = describe(options, selection, len(edges))
    if marks:
        description.append(marks.description)
    legend = [
        dot.LegendEntry(holder.display_name, palette[holder.pk])
        for holder in holders
        if palette[holder.pk] is not None
    ]
    others = sum(1 for holder in holders if palette[holder.pk] is None)
    if others:
        legend.append(
            dot.LegendEntry(
                ngettext(
                    "%(count)s other participant (name in the box)",
                    "%(count)s other participants (name in each box)",
                    others,
                )
                % {"count": others},
                None,
            )
        )
    if any(claim.holder_id is None and claim.imported for claim in drawn):
        legend.append(dot.LegendEntry(_("unattributed (imported)"), None))
    if any(node.contributed for node in nodes):
        legend.append(dot.LegendEntry(_("a reader's proposal (dashed outline)"), None, True))
    if any(node.argument for node in nodes):
        legend.append(
            dot.LegendEntry(
                _("an argument: its premises support its conclusion (double outline)"),
                None,
                argument=True,
            )
        )
    drawing = dict(
        title=title,
        legend_title=_("Legend"),
        rankdir=options.direction,
        kind_names={
            "support": _("supports (arrow)"),
            "objection": _("objects to (bar)"),
            "rephrase": _("restates (open diamond)"),
            "undercut": _("undercuts a relation (bar onto its middle point)"),
        },
        layer_names={
            "text": _("a text's own argument (solid line)"),
            "editors": _("an editors' link, the map makers' own reading (dashed violet line)"),
            "readers": _("a reader's proposal (dotted line)"),
            "draft": _("a draft, seen by editors only (thick dashed magenta line)"),
        },
        layer_words=_layer_words(),
        relation_names={
            "support": _("%(source)s supports %(target)s"),
            "objection": _("%(source)s objects to %(target)s"),
            "rephrase": _("%(source)s restates %(target)s"),
            "undercut": _("%(source)s denies that %(argument)s bears on %(target)s"),
        },
        label_width=options.label_width,
        label_limit=options.label_limit,
        more=more,
        clusters=clusters(options.cluster, drawn, participants, sources),
        standing_names=marks.legend if marks else None,
        rows=rows_drawn,
    )
    source_dot = dot.build_dot(nodes, edges, legend=legend, **drawing)
    page_dot = dot.build_dot(nodes, edges, legend=None, **drawing)
    outline = build_outline(
        nodes,
        edges,
        selection.roots,
        more,
        _relation_words(),
        undirected=focus is not None,
        layer_words=_layer_words(),
    )
    return ArgumentMap(
        debate_slug=debate.slug,
        options=options,
        title=title,
        description=description,
        dot_source=source_dot,
        outline=outline,
        claim_count=len(nodes),
        relation_count=len(edges),
        in_scope=selection.in_scope,
        collapsed=selection.collapsed,
        claim_ids=tuple(node.id for node in nodes),
        page_dot_source=page_dot,
        legend=tuple(legend),
        start=f"claim-{selection.roots[0]}" if selection.roots and focus is None else "",
        overview=selection.overview,
        reading_order=tuple(reading_order(outline)),
        draft_count=draft_count,
        drafts_by_others=drafts_by_others,
    )


def with_draft_undercuts(edge: dot.MapEdge, undercuts: dict[tuple, list[str]]) -> dot.MapEdge:
    """The view's relation with the drafts undercutting it added to its undercuts."""
    starts = undercuts.get((edge.from_id, edge.to_id, edge.kind))
    if not starts:
        return edge
    layers = edge.undercut_layers or ("text",) * len(edge.undercut_by)
    return dataclasses.replace(
        edge,
        undercut_by=(*edge.undercut_by, *starts),
        undercut_layers=(*layers, *("draft",) * len(starts)),
    )


def _layer_words() -> dict[str, str]:
    """Who draws a relation, in words, when the text does not (tooltips, the outline)."""
    return {"editors": _("editors' link"), "readers": _("reader's proposal"), "draft": _("draft")}


def link_layer(link) -> str:
    """The layer of a light row: the editors' link, a reader's proposal or the text's."""
    layer = Layer.EDITORS if link.by_editors else Layer.READERS if link.proposed else Layer.TEXT
    return layer.value


def justifications(debate: Debate, selection: Selection) -> dict[tuple, str]:
    """Why the editors draw each of their links on the map, by its ends and kind, in the
    reader's language; no query when the map has none."""
    if not any(link.by_editors for link in selection.links):
        return {}
    english = in_english()
    rows = (
        debate.relations.shown()
        .filter(layer=Layer.EDITORS)
        .values_list("from_claim_id", "to_claim_id", "kind", "justification", "justification_en")
    )
    return {
        (from_id, to_id, kind): english_text if english and english_text else text
        for from_id, to_id, kind, text, english_text in rows
    }


def undercuts_among(
    debate: Debate, drawn: set[int], options: MapOptions
) -> dict[tuple, tuple[tuple[int, str], ...]]:
    """The drawn claims undercutting each relation between drawn claims, with the layer of
    each undercut, by the relation's ends and kind; without the layers the view hides."""
    hidden = {Layer.EDITORS.value} if not options.editors else set()
    hidden |= {Layer.READERS.value} if not options.proposals else set()
    undercut_by: dict[tuple, tuple[tuple[int, str], ...]] = {}
    # Only undercuts by drawn claims: a map draws a few hundred, the debate may hold many.
    rows = debate.undercuts.filter(
        from_claim__hidden_at__isnull=True, from_claim_id__in=sorted(drawn)
    ).values_list(
        "from_claim_id",
        "relation__from_claim_id",
        "relation__to_claim_id",
        "relation__kind",
        "layer",
    )
    for claim, from_id, to_id, kind, layer in rows:
        if claim in drawn and from_id in drawn and to_id in drawn and layer not in hidden:
            key = (from_id, to_id, kind)
            undercut_by[key] = (*undercut_by.get(key, ()), (claim, layer))
    return undercut_by


def map_nodes(
    debate: Debate,
    claims: list,
    participants: list[Participant],
    palette: dict[int, int | None],
    focus: Claim | None,
    site: str,
    marks: Marks | None,
) -> list[dot.MapNode]:
    """`claims` are rows from the query in `build_map`; `palette` gives each holder's colour;
    `marks` what to mark on claims when the map shows them."""
    by_claim = marks.by_claim if marks else {}
    words = marks.words if marks else {}
    names = {participant.pk: participant.display_name for participant in participants}
    # One reverse() for all: "/<debate>/claims/" then each slug.
    claims_url = site + reverse("arguments:claim", args=[debate.slug, "x"])[:-2]
    english = in_english()
    proposed_by = _("proposed by %(name)s")
    unattributed = _("unattributed")
    quote_marks = ("“", "”") if english else ("« ", " »")
    return [
        dot.MapNode(
            id=claim.pk,
            statement=claim.statement_en if english and claim.statement_en else claim.statement,
            holder=names[claim.holder_id]
            if claim.holder_id
            else unattributed
            if claim.imported
            else proposed_by % {"name": claim.proposed_by__username or "?"},
            # Neutral (None) beyond the hued holders, and for imported claims nobody holds.
            participant_index=palette.get(claim.holder_id),
            url=f"{claims_url}{claim.slug}/",
            quotation=claim.quotation,
            quote_marks=quote_marks,
            focus=focus is not None and claim.pk == focus.pk,
            contributed=claim.holder_id is None and not claim.imported,
            standing=by_claim.get(claim.pk, ""),
            standing_word=words.get(by_claim.get(claim.pk, ""), ""),
            argument=claim.kind == Claim.Kind.ARGUMENT,
            title=claim.title,
        )
        for claim in claims
    ]


def folded_branches(
    debate: Debate, options: MapOptions, selection: Selection, by_id: dict, site: str
) -> list[dot.MoreNode]:
    """A "+N more" node under each claim whose smaller arguments were folded; it links to
    the same view with that branch expanded."""
    base = site + reverse("arguments:map", args=[debate.slug])
    more = [
        dot.MoreNode(
            id=f"more{claim_id}",
            label=more_label(hidden.arguments, hidden.claims),
            # The redrawn map opens on the branch opened (map-zoom.js reads the hash).
            url=f"{base}?{options.expanding(by_id[claim_id].slug).query_string}#claim-{claim_id}",
            parent_id=claim_id,
        )
        for claim_id, hidden in selection.hidden.items()
    ]
    if selection.hidden_roots is not None:
        hidden = selection.hidden_roots
        more.append(
            dot.MoreNode(
                id="more-theses",
                label=ngettext(
                    "+%(count)s more thesis (%(claims)s claims): see the debate's page",
                    "+%(count)s more theses (%(claims)s claims): see the debate's page",
                    hidden.arguments,
                )
                % {"count": hidden.arguments, "claims": hidden.claims},
                url=site + reverse("arguments:debate", args=[debate.slug]),
            )
        )
    return more


def clusters(
    grouping: str, claims: list, participants: list[Participant], sources: list[Source]
) -> list[dot.Cluster]:
    groups: dict[int, list[int]] = {}
    for claim in claims:
        key = {"source": claim.source_id, "participant": claim.holder_id}.get(grouping)
        if key:
            groups.setdefault(key, []).append(claim.pk)
    if grouping == "source":
        labels = {
            source.pk: f"{source.display_title} ({source.date_display})"
            if source.date_display
            else source.display_title
            for source in sources
            if source.pk in groups
        }
    else:
        labels = {p.pk: p.display_name for p in participants}
    return [dot.Cluster(labels[key], tuple(ids)) for key, ids in groups.items()]


def map_title(
    debate: Debate,
    options: MapOptions,
    focus: Claim | None,
    participants: list[Participant],
    source: Source | None,
) -> str:
    parts = [debate.display_title]
    if focus is not None:
        parts.append(
            _("around “%(claim)s”, depth %(depth)s")
            % {"claim": dot.shorten(focus.display_statement, 50), "depth": options.depth}
        )
    if participants:
        parts.append(
            _("positions of %(names)s") % {"names": ", ".join(p.display_name for p in participants)}
        )
    if source is not None:
        title = dot.shorten(source.display_title, 60)
        parts.append(_("the argument of “%(title)s”") % {"title": title})
    if options.as_of:
        parts.append(
            _("as of %(date)s") % {"date": formats.date_format(options.as_of, "DATE_FORMAT")}
        )
    return " — ".join(parts)


def describe(options: MapOptions, selection: Selection, relation_count: int) -> list[str]:
    """The view in words, for the SVG's description and the outline's header."""
    lines = [
        ngettext(
            "%(claims)s claim and %(relations)s relations drawn.",
            "%(claims)s claims and %(relations)s relations drawn.",
            len(selection.claim_ids),
        )
        % {"claims": len(selection.claim_ids), "relations": relation_count}
    ]
    if selection.collapsed:
        lines.append(
            _(
                "The view holds %(total)s claims: the smaller branches are folded into "
                "“+N more” boxes that open them."
            )
            % {"total": formats.number_format(selection.in_scope, force_grouping=True)}
        )
    if set(options.kinds) != set(KINDS):
        names = {
            "support": pgettext("kinds of relation", "supports"),
            "objection": pgettext("kinds of relation", "objections"),
            "rephrase": pgettext("kinds of relation", "restatements"),
        }
        lines.append(
            _("Relations shown: %(kinds)s.") % {"kinds": ", ".join(names[k] for k in options.kinds)}
        )
    if not options.proposals:
        lines.append(_("Readers' proposals are hidden."))
    if not options.editors:
        lines.append(_("The editors' links are hidden."))
    if options.as_of:
        lines.append(
            _(
                "Only what was surely published by that date: a text dated by its month counts "
                "from the month's last day, by its year from 31 December."
            )
        )
        if selection.undated_left_out:
            lines.append(
                ngettext(
                    "%(count)s claim from an undated text is left out.",
                    "%(count)s claims from undated texts are left out.",
                    selection.undated_left_out,
                )
                % {"count": selection.undated_left_out}
            )
    return lines


def more_label(arguments: int, claims: int) -> str:
    """A folded branch's box: its arguments, and its claims when they are more."""
    if claims <= arguments:
        return ngettext("+%(count)s more argument", "+%(count)s more arguments", arguments) % {
            "count": arguments
        }
    return ngettext(
        "+%(count)s more argument (%(claims)s claims)",
        "+%(count)s more arguments (%(claims)s claims)",
        arguments,
    ) % {"count": arguments, "claims": claims}
