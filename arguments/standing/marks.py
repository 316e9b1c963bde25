"""Who stands, as marks on a map: grounded labels over the map's perspective, with the words
and legend the map draws them with (provided to the map by `arguments.apps`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from arguments.maps.marks import Marks
from arguments.maps.options import MapOptions
from arguments.record.models import Debate, Participant
from arguments.standing.labels import counted_words, label_names, labelling
from arguments.standing.timeline import Perspective


def standing_marks(
    debate: Debate, revision: tuple, options: MapOptions, participants: list[Participant]
) -> Marks:
    """Grounded labels for the map: over one participant's commitments when the map shows
    exactly one participant's positions, over the whole map otherwise; as of the map's date,
    with or without readers' proposals as the map has them."""
    holder = None
    if len(options.participants) == 1:
        holder = next((p.pk for p in participants if p.slug == options.participants[0]), None)
    perspective = Perspective.counting(options.count, holder)
    return marks_from(
        labelling(debate, revision, perspective, options.as_of).claims, perspective, options
    )


def marks_from(by_claim: dict[int, str], perspective: Perspective, options: MapOptions) -> Marks:
    """The marks of labels already computed for the map's perspective and date (the
    replay's step has them)."""
    return Marks(
        by_claim=by_claim,
        words=label_names(),
        legend={
            "in": _("no objection in force: every objection to it is defeated (or none)"),
            "out": _("objection in force: an objection to it is not answered"),
            "undec": _("undecided: caught in a cycle of objections"),
        },
        description=_(
            "Marks say which claims meet an objection in force (grounded semantics), over "
            "%(scope)s, counting %(layers)s: a measure of the structure of the objections, "
            "not of truth."
        )
        % {
            "scope": _("this participant's commitments")
            if len(options.participants) == 1
            else _("the whole map"),
            "layers": counted_words(perspective),
        },
    )
