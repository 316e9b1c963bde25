"""Editors' drafts on the map an editor sees: the workbench's draft claims and relations
(`DraftClaim`, `DraftRelation`), drawn highlighted among the record's claims. Every editor
sees every editor's drafts, each box naming whose it is unless it is the viewer's own.

Drafts are for editors only: they are read here for a signed-in editor alone, and the map
they are drawn on is never cached under a reader's key (`views._map_section`); the files
(SVG, PNG, PDF, DOT, outline) and `manage.py export_map` stay the readers' map."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from arguments.maps import dot
from arguments.record.models import Debate, in_english
from arguments.workbench.access import is_editor
from arguments.workbench.models import DraftClaim, DraftRelation

# Drafts are read where the workbench writes them, so that a draft just made is drawn.
PRIMARY = "default"


@dataclass(frozen=True)
class DraftBox:
    pk: int
    holder_id: int
    quoted_from_id: int
    reported_from_id: int | None
    statement: str
    statement_en: str
    quotation: str
    editor_id: int
    editor: str

    @property
    def node_id(self) -> str:
        return f"d{self.pk}"


@dataclass(frozen=True)
class DraftLine:
    from_draft_id: int | None
    from_claim_id: int | None
    kind: str
    to_claim_id: int | None
    # An undercut: the record relation it denies, by its ends and kind (as the map's edges).
    to_relation: tuple[int, int, str] | None
    layer: str  # "text" or "editors": who would draw it once published
    justification: str
    justification_en: str

    @property
    def start(self) -> int | str:
        return f"d{self.from_draft_id}" if self.from_draft_id else self.from_claim_id


@dataclass(frozen=True)
class MapDrafts:
    """A debate's drafts, as an editor (`viewer`) sees them on the map."""

    viewer_id: int
    claims: tuple[DraftBox, ...]
    relations: tuple[DraftLine, ...]
    workbench_url: str


def has_drafts(debate_filter: dict) -> bool:
    """Whether the debate (`Debate.objects.filter(**debate_filter)`) holds any draft: one
    query."""
    return (
        Debate.objects.using(PRIMARY)
        .filter(
            Exists(DraftClaim.objects.filter(debate=OuterRef("pk")))
            | Exists(DraftRelation.objects.filter(debate=OuterRef("pk"))),
            **debate_filter,
        )
        .exists()
    )


def sees_drafts(user, debate_filter: dict) -> bool:
    """A signed-in editor, in a debate holding drafts: one query for anyone signed in (and
    the permission's two when there are drafts), none for an anonymous reader."""
    if not (user and user.is_authenticated):
        return False
    return has_drafts(debate_filter) and is_editor(user)


def drafts_for(debate: Debate, user) -> MapDrafts | None:
    """The debate's drafts for `user` if she is an editor and there are any; None for
    everyone else (readers, moderators, anonymous visitors), whatever they ask."""
    if not sees_drafts(user, {"pk": debate.pk}):
        return None
    claims = tuple(
        DraftBox(*row)
        for row in DraftClaim.objects.using(PRIMARY)
        .filter(debate=debate)
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "holder_id",
            "quoted_from_id",
            "reported_from_id",
            "statement",
            "statement_en",
            "quotation",
            "editor_id",
            "editor__username",
        )
    )
    relations = tuple(
        DraftLine(
            from_draft,
            from_claim,
            kind,
            to_claim,
            (relation_from, relation_to, relation_kind) if relation_from else None,
            layer,
            justification,
            justification_en,
        )
        for (
            from_draft,
            from_claim,
            kind,
            to_claim,
            relation_from,
            relation_to,
            relation_kind,
            layer,
            justification,
            justification_en,
        ) in DraftRelation.objects.using(PRIMARY)
        .filter(debate=debate)
        .order_by("created_at", "pk")
        .values_list(
            "from_draft_id",
            "from_claim_id",
            "kind",
            "to_claim_id",
            "to_relation__from_claim_id",
            "to_relation__to_claim_id",
            "to_relation__kind",
            "layer",
            "justification",
            "justification_en",
        )
    )
    url = reverse("arguments:workbench", args=[debate.slug]) + "#drafts-heading"
    return MapDrafts(user.pk, claims, relations, url)


@dataclass
class DraftsDrawn:
    """What a view adds for its drafts: boxes, lines, undercut arrows onto the view's
    relations (by their ends and kind), and each box's row beside its target's."""

    nodes: list[dot.MapNode]
    edges: list[dot.MapEdge]
    undercuts: dict[tuple, list[str]]
    rows: dict[str, int]
    by_others: bool  # some of the boxes are other editors' drafts


def drafts_drawn(
    drafts: MapDrafts,
    scope,
    drawn: set[int],
    edge_keys: set[tuple],
    names: dict[int, str],
    rows: dict[int, int] | None,
) -> DraftsDrawn:
    """The drafts a view draws: around a claim (`scope.focus_id`), those answering what is
    drawn; on a whole map, every draft claim (of the holders and source the view is
    filtered to). A line is drawn when both its ends are: `drawn` claims, the view's
    relations `edge_keys` for an undercut."""
    english = in_english()
    quote_marks = ("“", "”") if english else ("« ", " »")
    boxes = {
        box.node_id: box
        for box in drafts.claims
        if (not scope.holder_ids or box.holder_id in scope.holder_ids)
        and (scope.source_id in (None, box.quoted_from_id, box.reported_from_id))
    }

    def attached(line: DraftLine) -> bool:
        if line.kind != "undercut" and line.kind not in scope.kinds:
            return False
        if line.to_relation is not None:
            return line.to_relation in edge_keys
        return line.to_claim_id in drawn

    lines = [
        line
        for line in drafts.relations
        if attached(line) and (line.start in boxes or line.start in drawn)
    ]
    if scope.focus_id is not None:  # around a claim: only drafts answering what is drawn
        answering = {line.start for line in lines}
        boxes = {node_id: box for node_id, box in boxes.items() if node_id in answering}
    nodes = [
        dot.MapNode(
            id=box.node_id,
            statement=box.statement_en if english and box.statement_en else box.statement,
            holder=names.get(box.holder_id, "?"),
            participant_index=None,
            url=drafts.workbench_url,
            quotation=box.quotation,
            quote_marks=quote_marks,
            draft=_("draft")
            if box.editor_id == drafts.viewer_id
            else _("draft by %(name)s") % {"name": box.editor},
        )
        for box in boxes.values()
    ]
    edges: list[dot.MapEdge] = []
    undercuts: dict[tuple, list[str]] = {}
    placed: dict[str, int] = {}
    for line in lines:
        justification = line.justification_en if english and line.justification_en else ""
        justification = justification or line.justification
        who = (
            _("editors' link: %(justification)s") % {"justification": justification}
            if line.layer == "editors"
            else _("the text's own argument")
        )
        if line.to_relation is not None:
            undercuts.setdefault(line.to_relation, []).append(line.start)
            target = line.to_relation[1]
        else:
            edges.append(dot.MapEdge(line.start, line.to_claim_id, line.kind, (), "draft", who))
            target = line.to_claim_id
        if rows and isinstance(line.start, str) and target in rows:
            placed.setdefault(line.start, rows[target])
    by_others = any(box.editor_id != drafts.viewer_id for box in boxes.values())
    return DraftsDrawn(nodes, edges, undercuts, placed, by_others)
