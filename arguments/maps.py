"""Assemble an argument map from the database and draw it with Graphviz."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import dot
from .models import Claim, Debate, neighbourhood, participants_by_weight
from .render import MapUnavailable, inline_svg, render

MAX_DEPTH = 6
DEFAULT_DEPTH = 2


@dataclass
class ArgumentMap:
    debate: Debate
    focus: Claim | None
    depth: int
    claim_count: int
    relation_count: int
    dot_source: str

    @property
    def file_stem(self) -> str:
        if self.focus is None:
            return f"{self.debate.slug}-map"
        return f"{self.debate.slug}-claim-{self.focus.slug}-depth-{self.depth}"

    @property
    def file_name(self) -> str:
        return f"{self.file_stem}.svg"

    def svg(self) -> bytes:
        return render(self.dot_source, "svg")

    def inline(self) -> tuple[str, str]:
        """(svg markup, error message): one of them is empty."""
        try:
            return inline_svg(self.svg()), ""
        except MapUnavailable as error:
            return "", str(error)


def annotation_notes(debate: Debate) -> dict[int, str]:
    """Per claim, its readers' annotations in words: "3 annotations (agree 2, question 1)"."""
    from annotations.models import Annotation

    labels = dict(Annotation.Stance.choices)
    rows = (
        Annotation.objects.visible()
        .filter(claim__debate=debate)
        .values("claim_id", "stance")
        .annotate(count=Count("pk"))
    )
    stances: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        stances.setdefault(row["claim_id"], []).append((row["stance"], row["count"]))
    notes = {}
    for claim_id, counts in stances.items():
        total = sum(count for _stance, count in counts)
        detail = ", ".join(f"{labels[stance]} {count}" for stance, count in sorted(counts))
        notes[claim_id] = ngettext(
            "%(total)s annotation (%(detail)s)", "%(total)s annotations (%(detail)s)", total
        ) % {"total": total, "detail": detail}
    return notes


def build_map(
    debate: Debate,
    focus: Claim | None = None,
    depth: int = DEFAULT_DEPTH,
    direction: str = "BT",
    with_proposals: bool = True,
) -> ArgumentMap:
    claims, links = neighbourhood(debate, focus, depth, with_proposals)
    # Colours go to the holders on this map, the most prominent in the debate first, so a
    # map with at most eight holders never repeats a colour.
    present = {claim.holder_id for claim in claims}
    holders_in_order = [p for p in participants_by_weight(debate) if p.pk in present]
    palette = {p.pk: index for index, p in enumerate(holders_in_order)}
    notes = annotation_notes(debate)
    nodes = [
        dot.MapNode(
            id=claim.pk,
            statement=claim.display_statement,
            holder=claim.author_label,
            participant_index=palette.get(claim.holder_id, 0),
            url=reverse("arguments:claim", args=[debate.slug, claim.slug]),
            quotation=claim.quotation,
            focus=focus is not None and claim.pk == focus.pk,
            note=notes.get(claim.pk, ""),
            contributed=claim.is_proposal,
        )
        for claim in claims
    ]
    edges = [dot.MapEdge(from_id, to_id, kind) for from_id, to_id, kind in links]
    holders = {claim.holder_id: claim.holder for claim in claims if claim.holder_id}
    legend = [
        dot.LegendEntry(holder.name, palette.get(pk, 0))
        for pk, holder in sorted(holders.items(), key=lambda item: palette.get(item[0], 0))
    ]
    if any(node.contributed for node in nodes):
        legend.append(dot.LegendEntry(_("a reader's proposal (dashed outline)"), 0, True))
    if focus is None:
        title = debate.display_title
    else:
        title = _("%(debate)s — around “%(claim)s”, depth %(depth)s") % {
            "debate": debate.display_title,
            "claim": dot.shorten(focus.display_statement, 50),
            "depth": depth,
        }
    source = dot.build_dot(
        nodes,
        edges,
        title=title,
        legend=legend,
        legend_title=_("Legend"),
        rankdir=direction,
        kind_names={
            "support": _("supports (solid line, arrow)"),
            "objection": _("objects to (dashed line, bar)"),
            "rephrase": _("restates (dotted line, diamond)"),
        },
    )
    return ArgumentMap(debate, focus, depth, len(nodes), len(edges), source)
