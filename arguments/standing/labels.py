"""Which claims stand on a debate's live map: grounded labels for a perspective and a date,
and the replay of the controversy, read from the map's light rows and cached by the
debate's record revision (any edit or proposal gives a new one; an annotation does not)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from arguments.record.code_version import code_version
from arguments.record.models import Claim, Debate, Layer, in_english
from arguments.record.row_reader import collection_paused, debate_rows
from arguments.record.rows import ClaimRow, LinkRow, surely_public_by
from arguments.standing.acceptability import Labelling, TooLarge, credulous, preferred, sceptical
from arguments.standing.timeline import (
    Perspective,
    Step,
    Timeline,
    UndercutRow,
    framework,
    step,
    timeline,
)


def label_names() -> dict[str, str]:
    """The labels in words, for badges, map marks and legends: they describe the state of
    the objections on the map, never the truth of a claim."""
    return {
        "in": _("no objection in force"),
        "out": _("objection in force"),
        "undec": _("undecided"),
    }


# What a perspective counts, by (editors' links, readers' proposals): as a noun phrase for
# legends, and as the place a badge's label holds in.
LAYER_PHRASES = {
    (False, False): (
        gettext_lazy("the texts' own arguments only"),
        gettext_lazy("in the texts"),
    ),
    (True, False): (
        gettext_lazy("the texts' own arguments and the editors' links"),
        gettext_lazy("in the texts and the editors' links"),
    ),
    (False, True): (
        gettext_lazy("the texts' own arguments and readers' proposals"),
        gettext_lazy("in the texts and readers' proposals"),
    ),
    (True, True): (
        gettext_lazy("the texts' own arguments, the editors' links and readers' proposals"),
        gettext_lazy("in the texts, the editors' links and readers' proposals"),
    ),
}


def counted_words(perspective: Perspective) -> str:
    """What a perspective counts, as a noun phrase: "the texts' own arguments only", ..."""
    return str(LAYER_PHRASES[perspective.editors, perspective.proposals][0])


def perspective_words(perspective: Perspective) -> str:
    """Where a label holds: "in the texts", "in the texts and the editors' links", ..."""
    return str(LAYER_PHRASES[perspective.editors, perspective.proposals][1])


@dataclass
class StandingRows:
    claims: list[ClaimRow]
    links: list[LinkRow]
    undercuts: list[UndercutRow]


def cached_by_revision(debate: Debate, revision: tuple, parts: tuple, compute):
    """`compute()`, cached by the code, the debate's record revision (`Debate.revision`:
    annotations are not in it, no label depends on them) and `parts`."""
    identity = (code_version(), debate.pk, tuple(revision), *parts)
    key = f"standing:{debate.pk}:" + hashlib.sha256(repr(identity).encode()).hexdigest()
    # Tens of thousands of small tuples, computed or read back: none forms a cycle.
    with collection_paused():
        return cache.get_or_set(key, compute, settings.MAP_CACHE_SECONDS)


def standing_rows(debate: Debate, revision: tuple) -> StandingRows:
    """The map's light rows (the map's own cache entry: not stored twice) and the debate's
    undercuts (cached here, as plain tuples: quick to store and read back)."""
    sources = list(debate.sources.all())
    claims, links, _slugs = debate_rows(debate, revision, sources)

    def read_undercuts() -> list[tuple]:
        return [tuple(row) for row in _undercut_rows(debate, claims, links, sources)]

    undercuts = cached_by_revision(debate, revision, ("undercuts",), read_undercuts)
    return StandingRows(claims, links, list(map(UndercutRow._make, undercuts)))


RowsReader = Callable[[], StandingRows]


def rows_once(debate: Debate, revision: tuple) -> RowsReader:
    """The standing rows, read (from the cache, else the database) on first use and kept for
    the caller: a page that computes a timeline, a step and labels reads them once, not once
    for each."""
    kept: list[StandingRows] = []

    def read() -> StandingRows:
        if not kept:
            kept.append(standing_rows(debate, revision))
        return kept[0]

    return read


def _undercut_rows(debate, claims, links, sources) -> list[UndercutRow]:
    """An undercut counts from its own text's date, or else from when both its claim and
    the relation it undercuts were public."""
    public = {
        s.pk: surely_public_by(s.published, s.date_precision, s.date_qualifier) for s in sources
    }
    claim_since = {claim.id: claim.known_since for claim in claims}
    link_since = {(link.from_id, link.to_id, link.kind): link.known_since for link in links}
    rows = debate.undercuts.filter(from_claim__hidden_at__isnull=True).values_list(
        "from_claim_id",
        "relation__from_claim_id",
        "relation__to_claim_id",
        "relation__kind",
        "drawn_by_id",
        "source_id",
        "from_claim__proposed_at",
        "layer",
    )
    undercuts = []
    for claim, from_id, to_id, kind, drawn_by, source, proposed_at, layer in rows:
        relation = (from_id, to_id, kind)
        ends = [claim_since.get(claim), link_since.get(relation)]
        since = public.get(source) or (max(ends) if None not in ends else None)
        proposed = proposed_at is not None
        by_editors = layer == Layer.EDITORS
        undercuts.append(UndercutRow(claim, relation, drawn_by, since, proposed, by_editors))
    return undercuts


def labelling(
    debate: Debate,
    revision: tuple,
    perspective: Perspective,
    as_of: date | None = None,
    rows: RowsReader | None = None,
) -> Labelling:
    """The grounded labelling of `perspective` as of `as_of` (today's whole map if None);
    `rows` reads the standing rows when the caller shares them (`rows_once`)."""
    read = rows or rows_once(debate, revision)

    def compute() -> Labelling:
        rows = read()
        return framework(rows.claims, rows.links, rows.undercuts, perspective, as_of).labelled()

    return cached_by_revision(debate, revision, ("labels", perspective, as_of), compute)


def timeline_of(
    debate: Debate, revision: tuple, perspective: Perspective, rows: RowsReader | None = None
) -> Timeline:
    """The dates on which the perspective grows (no labels: cheap at any size)."""
    read = rows or rows_once(debate, revision)

    def compute() -> Timeline:
        rows = read()
        return timeline(rows.claims, rows.links, rows.undercuts, perspective)

    return cached_by_revision(debate, revision, ("timeline", perspective), compute)


def step_of(
    debate: Debate,
    revision: tuple,
    perspective: Perspective,
    day: date,
    previous: date | None,
    rows: RowsReader | None = None,
) -> Step:
    """One step of the replay, labelled, with what it changed since `previous`."""
    read = rows or rows_once(debate, revision)

    def compute() -> Step:
        rows = read()
        return step(rows.claims, rows.links, rows.undercuts, perspective, day, previous)

    return cached_by_revision(debate, revision, ("step", perspective, day, previous), compute)


@dataclass
class PreferredView:
    """The preferred semantics over a perspective, when it is small enough to enumerate."""

    extensions: int = 0
    credulous: frozenset = frozenset()  # claims in at least one preferred extension
    sceptical: frozenset = frozenset()  # claims in all of them
    too_large: bool = False


# Bounds on the enumeration, so that a page never spends long on it.
PREFERRED_STEPS = 5_000


def preferred_view(
    debate: Debate,
    revision: tuple,
    perspective: Perspective,
    as_of: date | None = None,
    rows: RowsReader | None = None,
) -> PreferredView:
    read = rows or rows_once(debate, revision)

    def compute() -> PreferredView:
        rows = read()
        fw = framework(rows.claims, rows.links, rows.undercuts, perspective, as_of)
        try:
            found = preferred(fw.claims, fw.attacks, fw.undercuts, steps=PREFERRED_STEPS)
        except TooLarge:
            return PreferredView(too_large=True)
        return PreferredView(len(found), credulous(found), sceptical(found))

    return cached_by_revision(debate, revision, ("preferred", perspective, as_of), compute)


def statements(claim_ids) -> dict[int, str]:
    """Claims' statements in the reader's language, to name them in reasons. One query."""
    english = in_english()
    rows = Claim.objects.filter(pk__in=set(claim_ids)).values_list(
        "pk", "statement", "statement_en"
    )
    return {pk: (en if english and en else fr) for pk, fr, en in rows}


def shortened(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def reason_words(labelling: Labelling, claim_id: int, names: dict[int, str] | None = None) -> str:
    """Why `claim_id` has its label, in plain words naming the claims that decide it."""
    reason = labelling.reason(claim_id)
    if names is None:
        names = statements(
            [*reason.objectors, *(undercutter for undercutter, _r in reason.undercuts)]
        )
    return reason.words(lambda pk: shortened(names.get(pk, "?")), _, ngettext)


@dataclass
class ClaimStanding:
    label: str
    word: str
    reason: str
    perspective: Perspective
    as_of: date | None  # the latest date the perspective holds: the label is as of then
    texts_only: str = ""  # the label in the texts' own arguments, when a switch changes it

    @property
    def scope(self) -> str:
        return perspective_words(self.perspective)

    @property
    def texts_only_word(self) -> str:
        return label_names().get(self.texts_only, "")


TEXTS_ONLY = Perspective()


def claim_standing(claim: Claim, perspective: Perspective = TEXTS_ONLY) -> ClaimStanding | None:
    """The claim's label on today's whole map in `perspective` (by default the texts' own
    arguments alone), why, and as of which date; None when it is not on that map. Cached by
    claim: a claim page reads its own few words, not the whole debate's labels again."""
    debate = claim.debate
    revision = debate.revision()

    def compute() -> tuple[ClaimStanding | None]:
        return (_claim_standing(claim, debate, revision, perspective),)

    parts = ("claim", claim.pk, perspective, get_language())
    return cached_by_revision(debate, revision, parts, compute)[0]


def _claim_standing(
    claim: Claim, debate: Debate, revision: tuple, perspective: Perspective
) -> ClaimStanding | None:
    rows = rows_once(debate, revision)
    labels = labelling(debate, revision, perspective, rows=rows)
    label = labels.claims.get(claim.pk)
    if label is None:
        return None
    moments = timeline_of(debate, revision, perspective, rows=rows).moments
    standing = ClaimStanding(
        label,
        label_names()[label],
        reason_words(labels, claim.pk),
        perspective,
        moments[-1].date if moments else None,
    )
    if not perspective.texts_only:
        plain_perspective = Perspective(holder_id=perspective.holder_id)
        plain = labelling(debate, revision, plain_perspective, rows=rows)
        if plain.claims.get(claim.pk, "") != label:
            standing.texts_only = plain.claims.get(claim.pk, "")
    return standing
