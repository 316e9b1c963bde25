"""`{% load citing %}`: the "Cite this" box of a claim, relation or map view, the head's
cards (Open Graph, Twitter) and feed links, and the visible links to the feeds. The pages
include them with one line each; what they show is read here, from what the page holds."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from arguments.citing.box import box
from arguments.citing.cited import claim_citation, map_citation, map_title, relation_citation
from arguments.record.models import Claim, Debate, Relation

register = template.Library()

DESCRIPTION_LENGTH = 300


@register.inclusion_tag("arguments/citing/_cite.html", takes_context=True)
def cite_box(context, item, version=None) -> dict:
    """The box of a claim or relation, as read now (or at `version`, one of its versions).
    The page is kept until the record changes: the day of reading is left to the files."""
    request = context["request"]
    debate = item.debate.slug
    if isinstance(item, Claim):
        files = reverse("arguments:claim_cited", args=[debate, item.slug, "x"])[:-2]
        return box(claim_citation(request, item, version, dated=False), files)
    files = reverse("arguments:relation_cited", args=[debate, item.pk, "x"])[:-2]
    return box(relation_citation(request, item, version, dated=False), files)


def _map_address(debate: Debate, options) -> str:
    query = options.query_string
    return reverse("arguments:map", args=[debate.slug]) + (f"?{query}" if query else "")


@register.inclusion_tag("arguments/citing/_map_cite.html", takes_context=True)
def map_cite_box(context, debate: Debate, options, focus=None) -> dict:
    """The box of the map view the page shows; htmx fetches it again for the view it
    redraws (the map's controls are its query)."""
    files = reverse("arguments:map_cited", args=[debate.slug, "x"])[:-2]
    title = map_title(debate, focus)
    address = _map_address(debate, options)
    cited = map_citation(context["request"], debate, title, address, focus, dated=False)
    return {**box(cited, files, options.query_string), "refresh_url": f"{files}.html"}


@register.inclusion_tag("arguments/citing/_head_meta.html", takes_context=True)
def map_head_meta(context, debate: Debate, options, focus=None) -> dict:
    return head_meta(
        context, focus or debate, map_title(debate, focus), _map_address(debate, options)
    )


@register.inclusion_tag("arguments/citing/_follow.html", takes_context=True)
def follow_links(context, item) -> dict:
    """The feeds a reader may follow from the page, as visible links."""
    return {"feeds": _feeds(context["request"], item, context.get("debate"))}


def _feeds(request, item, debate: Debate | None = None) -> list[tuple[str, str]]:
    debate = item if isinstance(item, Debate) else debate or item.debate
    feeds = [
        (
            _("New claims and texts in this debate"),
            reverse("arguments:debate_feed", args=[debate.slug]),
        )
    ]
    if isinstance(item, Claim):
        feeds.append(
            (
                _("Readers' annotations on this claim"),
                reverse("arguments:claim_feed", args=[debate.slug, item.slug]),
            )
        )
    return [(label, request.build_absolute_uri(url)) for label, url in feeds]


@register.inclusion_tag("arguments/citing/_head_meta.html", takes_context=True)
def head_meta(context, item, title: str = "", address: str = "") -> dict:
    """Cards for a claim, a relation or a debate (`title` and `address` for a view of it,
    such as a map), and the feeds a reader may follow from the page."""
    request = context["request"]
    absolute = request.build_absolute_uri
    debate = item if isinstance(item, Debate) else context.get("debate") or item.debate
    if isinstance(item, Claim):
        card_claim, description, kind = item, item.display_statement, "article"
        title = title or item.display_statement
    elif isinstance(item, Relation):
        card_claim, description, kind = item.to_claim, item.summary, "article"
        title = title or item.summary
    else:
        card_claim = _first_thesis(debate)
        description, kind = debate.display_description or debate.display_title, "website"
        title = title or debate.display_title
    image = alt = ""
    if card_claim is not None:
        image = absolute(reverse("arguments:claim_card", args=[debate.slug, card_claim.slug]))
        alt = _("The argument map around “%(statement)s”") % {
            "statement": _shortened(card_claim.display_statement, 120)
        }
    return {
        "title": title,
        "description": _shortened(description),
        "url": absolute(address or item.get_absolute_url()),
        "kind": kind,
        "image": image,
        "image_alt": alt,
        "site": debate.display_title,
        "feeds": _feeds(request, item, debate),
    }


def _shortened(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _first_thesis(debate: Debate) -> Claim | None:
    """The most argued thesis of the record: the debate's card shows what answers it."""
    theses = debate.claims.shown().filter(proposed_at__isnull=True).theses()
    return theses.with_argument_counts().most_argued_first().first()
