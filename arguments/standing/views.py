"""Pages on who stands: the controversy replayed date by date with its labels, and what the
labels mean and do not mean."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from arguments.maps.build import cached_map, view_key
from arguments.maps.options import MapOptions
from arguments.maps.render_bounds import bounded_renders
from arguments.record.models import Claim, Debate, Participant
from arguments.record.params import ParameterError, check_known, counted_layers, iso_date
from arguments.record.personal import only_common_parts
from arguments.record.reader_cache import on_record, reader_page
from arguments.record.rows import surely_public_by
from arguments.standing.acceptability import Labelling
from arguments.standing.labels import (
    cached_by_revision,
    counted_words,
    label_names,
    labelling,
    preferred_view,
    reason_words,
    rows_once,
    statements,
    step_of,
    timeline_of,
)
from arguments.standing.marks import marks_from
from arguments.standing.timeline import Perspective, Step

THESES_SHOWN = 12
UNDECIDED_SHOWN = 30
DIFFERENCE_SHOWN = 100


@dataclass
class Entry:
    """A claim as the replay lists it: its label and why."""

    claim: Claim
    label: str
    word: str
    reason: str


def _perspective(request: HttpRequest, debate: Debate) -> tuple[Perspective, Participant | None]:
    slug = request.GET.get("participant", "").strip()
    participant = None
    if slug:
        participant = debate.participants.filter(slug=slug).first()
        if participant is None:
            raise ParameterError(_("Unknown participant(s): %(slugs)s.") % {"slugs": slug[:50]})
    count = counted_layers(request.GET.getlist("count"))
    holder = participant.pk if participant else None
    perspective = Perspective.counting(count, holder)
    return perspective, participant


def _entries(labelling: Labelling, claims: list[Claim]) -> list[Entry]:
    """`claims` with their labels and reasons; the claims reasons name, read in one query."""
    reasons = [labelling.reason(claim.pk) for claim in claims]
    named = statements(
        [pk for reason in reasons for pk in (*reason.objectors, *(u for u, _r in reason.undercuts))]
    )
    words = label_names()
    return [
        Entry(
            claim,
            labelling.claims[claim.pk],
            words[labelling.claims[claim.pk]],
            reason_words(labelling, claim.pk, named),
        )
        for claim in claims
    ]


@require_GET
@vary_on_headers("HX-Request")
@bounded_renders  # each date of the replay is a map of its own
@reader_page(on_record, personal=only_common_parts)  # its map shows no annotation
def standing(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    check_known(request.GET.keys(), {"participant", "count", "as_of"})
    perspective, participant = _perspective(request, debate)
    as_of = iso_date(request.GET.get("as_of", ""), "as_of")
    revision = debate.revision()
    rows = rows_once(debate, revision)  # read once, for whichever of the parts is not cached
    found = timeline_of(debate, revision, perspective, rows)
    moments = found.moments
    index, canonical = _step_of(moments, as_of)
    if canonical != as_of and as_of is not None and not request.htmx:
        query = request.GET.copy()
        query["as_of"] = canonical.isoformat()
        return redirect(f"{request.path}?{query.urlencode()}")
    step: StepShown | None = None
    shown: dict = {}
    if index >= 0:
        previous_day = moments[index - 1].date if index else None
        day = moments[index].date
        shown = _step_shown(debate, revision, perspective, day, previous_day, rows)
        step = shown["step"]
    sources_by_day = _texts_shown(request, debate, revision, step)
    context = {
        "debate": debate,
        "participant": participant,
        "participants": debate.participants.order_by("name"),
        "perspective": perspective,
        "steps": [(m, sources_by_day.get(m.date, [])) for m in moments],
        "entering": sources_by_day.get(step.date, []) if step else [],
        "step": step,
        "index": index,
        "previous": moments[index - 1] if index > 0 else None,
        "next": moments[index + 1] if index + 1 < len(moments) else None,
        "as_of": as_of,
        "undated": found.undated_claims,
        "step_query": _query(perspective, participant),
        "counted": counted_words(perspective),
    }
    if step is not None:
        context.update(shown)
        context.update(_step_map(debate, revision, shown, perspective, participant, rows))
    template = "arguments/standing/standing.html"
    return render(request, f"{template}#replay" if request.htmx else template, context)


def _texts_shown(request: HttpRequest, debate: Debate, revision: tuple, step) -> dict:
    """The texts by day: the whole timeline's on the page; for a step fetched alone (htmx),
    the texts of its own day only."""
    if not request.htmx:
        return _sources_by_day(debate)
    return {step.date: _sources_of_day(debate, revision, step.date)} if step else {}


def _step_of(moments: list, as_of: datetime.date | None) -> tuple[int, datetime.date | None]:
    """The index of the step a date falls in (the last one without a date; -1 before the
    first) and that step's own date: every date is sent to its step's one address, so
    readers' kept pages are bounded by the steps, not by the dates anyone may type."""
    if as_of is None:
        return len(moments) - 1, None
    index = max((i for i, m in enumerate(moments) if m.date <= as_of), default=-1)
    before = moments[0].date - datetime.timedelta(days=1) if moments else as_of
    return index, moments[index].date if index >= 0 else before


def _sources_of_day(debate: Debate, revision: tuple, day: datetime.date) -> list:
    """The texts a step's day brings in, as `_sources_by_day` has them, read alone: which
    sources enter on which day is kept per revision, as ids."""

    def compute() -> dict:
        entering: dict = {}
        rows = debate.sources.values_list("pk", "published", "date_precision", "date_qualifier")
        for pk, published, precision, qualifier in rows:
            entering.setdefault(surely_public_by(published, precision, qualifier), []).append(pk)
        return entering

    ids = cached_by_revision(debate, revision, ("sources by day",), compute).get(day, [])
    return list(debate.sources.timeline().filter(pk__in=ids)) if ids else []


def _sources_by_day(debate: Debate) -> dict:
    """The texts each step brings in, so the reader sees why the map changes on that day."""
    sources_by_day: dict = {}
    for source in debate.sources.timeline():
        day = surely_public_by(source.published, source.date_precision, source.date_qualifier)
        sources_by_day.setdefault(day, []).append(source)
    return sources_by_day


def _query(perspective: Perspective, participant: Participant | None) -> str:
    """The perspective's part of a step's address."""
    parts = [f"participant={participant.slug}"] if participant else []
    parts += [f"count={layer}" for layer in layers_counted(perspective)]
    return "&".join(parts)


def layers_counted(perspective: Perspective) -> list[str]:
    """The `count` values of a perspective, in a fixed order."""
    return [
        layer
        for layer, counted in (
            ("editors", perspective.editors),
            ("proposals", perspective.proposals),
        )
        if counted
    ]


@dataclass(frozen=True)
class StepShown:
    """What the page shows of a step itself: its date and how many claims it holds. Kept
    per revision instead of the step with every label, so that a step asked for again costs
    the same however large the debate."""

    date: datetime.date
    claim_count: int

    @property
    def labelling(self) -> StepShown:
        # The template counts `step.labelling.claims`; reading `claim_count` instead would
        # let this and `claims` go.
        return self

    @property
    def claims(self) -> range:
        return range(self.claim_count)


def _step_shown(debate, revision, perspective: Perspective, day, previous_day, rows) -> dict:
    """Everything the page shows of a step but its map (labels counted, main theses, what
    changed, the preferred view, what counting the layers changes), computed from the
    step once per revision and language."""

    def compute() -> dict:
        step = step_of(debate, revision, perspective, day, previous_day, rows)
        labelling = step.labelling
        counts = {label: 0 for label in ("in", "out", "undec")}
        for label in labelling.claims.values():
            counts[label] += 1
        undecided_ids = sorted(pk for pk, label in labelling.claims.items() if label == "undec")
        preferred, preferred_claims = _preferred(
            debate, revision, perspective, step, undecided_ids, rows
        )
        return {
            **_step_lists(debate, step),
            **_difference(debate, revision, step, perspective, rows),
            "step": StepShown(step.date, len(labelling.claims)),
            "previous_day": previous_day,
            "counts": counts,
            "preferred": preferred,
            "preferred_claims": preferred_claims,
        }

    parts = ("step shown", perspective, day, previous_day, get_language())
    return cached_by_revision(debate, revision, parts, compute)


def _step_map(debate, revision, shown: dict, perspective, participant, rows) -> dict:
    """The step's map, marked with the step's own labels when it is drawn (the same
    perspective at the same date: not labelled a second time)."""
    step = shown["step"]
    options = MapOptions(
        participants=(participant.slug,) if participant else (),
        as_of=step.date,
        proposals=perspective.proposals,
        editors=perspective.editors,
        standing=True,
        count=tuple(layers_counted(perspective)),
    )

    def marks():
        computed = step_of(debate, revision, perspective, step.date, shown["previous_day"], rows)
        return marks_from(computed.labelling.claims, perspective, options)

    key = view_key(debate, revision, options)
    argument_map = cached_map(debate, options, None, revision, key, marks=marks)
    svg, map_error = argument_map.inline()
    return {
        "map_svg": svg,
        "map_error": map_error,
        "map_options": options,
        "step_map": argument_map,
    }


def _step_lists(debate, step: Step) -> dict:
    """The step's main theses and what it changed, each with its label and reason."""
    labelling = step.labelling
    theses = _main_theses(debate, labelling.claims)
    changed_ids = {*step.new_claims, *step.fell, *step.reinstated, *step.undecided}
    changed_ids |= set(step.newly_attacked)
    changed = {c.pk: c for c in Claim.objects.filter(pk__in=changed_ids).for_display()}
    entries = {e.claim.pk: e for e in _entries(labelling, [*theses, *changed.values()])}

    def listed(ids):
        return [entries[pk] for pk in ids if pk in entries]

    return {
        "theses": listed(t.pk for t in theses),
        "new_claims": listed(step.new_claims),
        "fell": listed(step.fell),
        "reinstated": listed(step.reinstated),
        "undecided": listed(step.undecided),
        "newly_attacked": listed(step.newly_attacked),
    }


# Up to this many claims on a step, its theses are asked for by id; past it, the debate's
# theses are read most argued first until enough of them are on the step: a query does not
# carry 100,000 ids (SQLite refuses more than 32,766), and reads about THESES_SHOWN / share
# rows, the share being that of the debate's claims the step holds.
THESES_BY_ID = 1_000


def _main_theses(debate: Debate, on_step: dict[int, str]) -> list[Claim]:
    """The step's most argued theses, at most THESES_SHOWN."""
    theses = debate.claims.theses().for_display().with_argument_counts().most_argued_first()
    if len(on_step) <= THESES_BY_ID:
        return list(theses.filter(pk__in=list(on_step))[:THESES_SHOWN])
    found = []
    for thesis in theses.iterator(chunk_size=4 * THESES_SHOWN):
        if thesis.pk in on_step:
            found.append(thesis)
            if len(found) == THESES_SHOWN:
                break
    return found


@dataclass
class Difference:
    """A claim whose label changes when the editors' links or readers' proposals count."""

    claim: Claim
    texts_only: str  # its label in the texts' own arguments, or "" when not on that map
    counted: str

    @property
    def texts_only_word(self) -> str:
        return label_names().get(self.texts_only) or _("not on that map")

    @property
    def counted_word(self) -> str:
        return label_names()[self.counted]


def _difference(debate, revision, step: Step, perspective: Perspective, rows) -> dict:
    """What counting the switched-on layers changes, against the texts' own arguments at
    the same date (how many claims, and at most DIFFERENCE_SHOWN of them): the switches'
    effect is shown, never silently folded into the labels."""
    if perspective.texts_only:
        return {"difference": [], "difference_total": 0}
    plain = Perspective(holder_id=perspective.holder_id)
    before = labelling(debate, revision, plain, step.date, rows).claims
    after = step.labelling.claims
    changed = [pk for pk, label in after.items() if before.get(pk, "") != label]
    claims = Claim.objects.filter(pk__in=changed).for_display().order_by("position", "pk")
    shown = [
        Difference(claim, before.get(claim.pk, ""), after[claim.pk])
        for claim in claims[:DIFFERENCE_SHOWN]
    ]
    return {"difference": shown, "difference_total": len(changed)}


def _preferred(debate, revision, perspective, step: Step, undecided_ids: list[int], rows):
    """The preferred semantics' view of the undecided claims (those listed, at most
    UNDECIDED_SHOWN): whether each is sceptically or credulously accepted."""
    if not undecided_ids:
        return None, []
    preferred = preferred_view(debate, revision, perspective, step.date, rows)
    undecided = Claim.objects.filter(pk__in=undecided_ids[:UNDECIDED_SHOWN]).for_display()
    return preferred, [
        (claim, claim.pk in preferred.sceptical, claim.pk in preferred.credulous)
        for claim in undecided
    ]


@require_GET
def standing_explained(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    check_known(request.GET.keys(), set())
    return render(request, "arguments/standing/standing_explained.html", {"debate": debate})
