"""The options of a map view, read from and written back to its URL. Pure: no database.

One URL holds the whole state of a view (focus, filters, layout), so a link shares it, the
back button restores it, and the cache knows it by its canonical query string.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from arguments.record.params import (
    ParameterError,
    check_known,
    counted_layers,
    iso_date,
    whole_number,
)

MAX_DEPTH = 6
DEFAULT_DEPTH = 2
DIRECTIONS = ("BT", "TB", "LR")
KINDS = ("support", "objection", "rephrase")
LABEL_LENGTHS = {"short": 60, "medium": 160, "full": 400}
CLUSTERS = ("none", "source", "participant")
DETAILS = ("overview", "all")
MAX_LISTED = 30  # participants or expanded branches in one URL
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
PARAMETERS = {
    "claim",
    "depth",
    "direction",
    "participant",
    "source",
    "as_of",
    "kind",
    "label",
    "cluster",
    "proposals",
    "editors",
    "expand",
    "standing",
    "count",
    "detail",
}


@dataclass(frozen=True)
class MapOptions:
    claim: str = ""
    depth: int = DEFAULT_DEPTH
    direction: str = "BT"
    participants: tuple[str, ...] = ()
    source: str = ""
    as_of: datetime.date | None = None
    kinds: tuple[str, ...] = KINDS
    label: str = "medium"
    cluster: str = "none"
    proposals: bool = True
    editors: bool = True  # draw the editors' links (in their own line style)
    expand: tuple[str, ...] = ()
    standing: bool = False  # mark the grounded labels on the map
    count: tuple[str, ...] = ()  # layers the marks count besides the texts' own arguments
    # A large map without a focus opens on its overview (the theses and what answers them
    # directly); "detail=all" draws every branch.
    overview: bool = True

    @classmethod
    def from_query(cls, query) -> MapOptions:
        """From a QueryDict (or anything with `get` and `getlist`)."""
        check_known(query.keys(), PARAMETERS)
        kinds = tuple(kind for kind in KINDS if kind in query.getlist("kind")) or KINDS
        standing = _choice(query.get("standing", "") or "hide", ("show", "hide"), "standing")
        count = counted_layers(query.getlist("count"))
        return cls(
            claim=_slug(query.get("claim", ""), "claim"),
            depth=whole_number(query.get("depth", ""), "depth", DEFAULT_DEPTH, 1, MAX_DEPTH),
            direction=_choice(query.get("direction", "") or "BT", DIRECTIONS, "direction"),
            participants=_slugs(query.getlist("participant"), "participant"),
            source=_slug(query.get("source", ""), "source"),
            as_of=iso_date(query.get("as_of", ""), "as_of"),
            kinds=_kinds(query.getlist("kind"), kinds),
            label=_choice(query.get("label", "") or "medium", tuple(LABEL_LENGTHS), "label"),
            cluster=_choice(query.get("cluster", "") or "none", CLUSTERS, "cluster"),
            proposals=_choice(query.get("proposals", "") or "show", ("show", "hide"), "proposals")
            == "show",
            editors=_choice(query.get("editors", "") or "show", ("show", "hide"), "editors")
            == "show",
            expand=_slugs(query.getlist("expand"), "expand"),
            standing=standing == "show",
            # What the marks count means nothing without marks: one address per view.
            count=count if standing == "show" else (),
            overview=_choice(query.get("detail", "") or "overview", DETAILS, "detail")
            == "overview",
        )

    def query_pairs(self) -> list[tuple[str, str]]:
        """The canonical query: defaults left out, a fixed order, lists sorted."""
        pairs: list[tuple[str, str]] = []
        if self.claim:
            pairs += [("claim", self.claim), ("depth", str(self.depth))]
        if self.direction != "BT":
            pairs.append(("direction", self.direction))
        pairs += [("participant", slug) for slug in sorted(self.participants)]
        if self.source:
            pairs.append(("source", self.source))
        if self.as_of:
            pairs.append(("as_of", self.as_of.isoformat()))
        if set(self.kinds) != set(KINDS):
            pairs += [("kind", kind) for kind in self.kinds]
        if self.label != "medium":
            pairs.append(("label", self.label))
        if self.cluster != "none":
            pairs.append(("cluster", self.cluster))
        if not self.proposals:
            pairs.append(("proposals", "hide"))
        if not self.editors:
            pairs.append(("editors", "hide"))
        pairs += [("expand", slug) for slug in sorted(self.expand)]
        if self.standing:
            pairs.append(("standing", "show"))
        pairs += [("count", layer) for layer in self.count]
        if not self.overview:
            pairs.append(("detail", "all"))
        return pairs

    @property
    def query_string(self) -> str:
        return urlencode(self.query_pairs())

    def with_every_branch(self) -> MapOptions:
        """The same view drawn whole: no overview, nothing expanded one by one."""
        return replace(self, overview=False, expand=())

    def expanding(self, slug: str) -> MapOptions:
        """The same view with one more folded branch opened."""
        return replace(self, expand=tuple(sorted({*self.expand, slug}))[-MAX_LISTED:])

    @property
    def label_limit(self) -> int:
        return LABEL_LENGTHS[self.label]

    @property
    def label_width(self) -> int:
        return 36 if self.label == "full" else 28

    def file_stem(self, debate_slug: str) -> str:
        """A file name that says what the map holds, e.g. technofeodalisme-claim-x-depth-2."""
        parts = [debate_slug]
        parts += [f"claim-{self.claim}", f"depth-{self.depth}"] if self.claim else []
        parts += [f"participant-{slug}" for slug in sorted(self.participants)]
        parts += [f"source-{self.source}"] if self.source else []
        parts += [f"as-of-{self.as_of.isoformat()}"] if self.as_of else []
        if set(self.kinds) != set(KINDS):
            parts += ["-".join(self.kinds)]
        parts += ["without-proposals"] if not self.proposals else []
        parts += ["without-editors-links"] if not self.editors else []
        parts += [f"by-{self.cluster}"] if self.cluster != "none" else []
        parts += ["standing"] if self.standing else []
        parts += [f"counting-{layer}" for layer in self.count] if self.standing else []
        parts += ["every-branch"] if not self.overview else []
        if len(parts) == 1:
            parts.append("map")
        return "-".join(parts)[:180]


def _slug(value: str, name: str) -> str:
    value = value.strip()
    if value and not SLUG.match(value):
        raise ParameterError(
            _(
                "The parameter “%(name)s” must be a slug (letters, digits, hyphens), "
                "not “%(value)s”."
            )
            % {"name": name, "value": value[:50]}
        )
    return value


def _slugs(values: list[str], name: str) -> tuple[str, ...]:
    slugs = sorted({_slug(value, name) for value in values} - {""})
    if len(slugs) > MAX_LISTED:
        raise ParameterError(
            _("At most %(count)s values of “%(name)s” at once.")
            % {"count": MAX_LISTED, "name": name}
        )
    return tuple(slugs)


def _choice(value: str, choices: tuple[str, ...], name: str) -> str:
    if value not in choices:
        raise ParameterError(
            _("The parameter “%(name)s” must be one of %(choices)s, not “%(value)s”.")
            % {"name": name, "choices": ", ".join(choices), "value": value[:50]}
        )
    return value


def _kinds(values: list[str], kinds: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        _choice(value, KINDS, "kind")
    return kinds
