"""What a citation names, read from the record: a claim's or relation's newest version (its
revision), its source, and the addresses that show it now and as it was."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlencode, urlsplit

from django.db.models import OuterRef, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from arguments.citing.citation import Citation, CitedSource, Words
from arguments.citing.record_at import stamp
from arguments.record.models import (
    Claim,
    Debate,
    Participant,
    Relation,
    Source,
    Undercut,
    in_english,
)


def words() -> Words:
    return Words(
        revision=_("revision %(revision)s of %(date)s"),
        read_at=_("as read at: %(url)s"),
        source=_("Source: %(source)s"),
        accessed=_("accessed %(date)s"),
    )


def newest_version(item: Claim | Relation):
    """The item's newest history record (its revision): one query."""
    return item.history.order_by("-history_id").first()


def cited_source(source: Source | None, holder: str = "") -> CitedSource | None:
    """The text, its authors read from the prefetched authors when there are, else the
    claim's holder (the record's texts are by their holders)."""
    if source is None:
        return None
    cache = getattr(source, "_prefetched_objects_cache", {})
    authors = [author.display_name for author in cache["authors"]] if "authors" in cache else []
    return CitedSource(
        title=source.display_title,
        authors=tuple(authors or ([holder] if holder else [])),
        venue=source.venue,
        published=source.published,
        precision=source.date_precision,
        url=source.url,
        date_text=source.date_display,
    )


def _language() -> str:
    return "en" if in_english() else (get_language() or "fr")


def claim_version_url(claim: Claim, history_id: int) -> str:
    return reverse("arguments:claim_version", args=[claim.debate.slug, claim.slug, history_id])


def relation_version_url(relation: Relation, history_id: int) -> str:
    return reverse(
        "arguments:relation_version", args=[relation.debate.slug, relation.pk, history_id]
    )


def claim_citation(
    request: HttpRequest, claim: Claim, version=None, dated: bool = True
) -> Citation:
    """`claim` as read at `version` (its newest one when not given)."""
    version = version or newest_version(claim)
    absolute = request.build_absolute_uri
    holder = claim.holder.display_name if claim.holder_id else ""
    if version.holder_id != claim.holder_id:
        holder = version.holder.display_name if version.holder_id else ""
    english = in_english() and version.statement_en
    note = ""
    if claim.is_proposal:
        note = _("A reader's proposal, not part of the historical record")
    return Citation(
        kind="claim",
        key=f"{claim.debate.slug}:{claim.slug}:r{version.history_id}",
        title=version.statement_en if english else version.statement,
        debate=claim.debate.display_title,
        url=absolute(claim.get_absolute_url()),
        version_url=absolute(claim_version_url(claim, version.history_id)),
        revision=str(version.history_id),
        revised=version.history_date,
        accessed=datetime.date.today() if dated else None,
        holder=holder or ("" if claim.holder_id else claim.author_label),
        source=cited_source(claim.source, holder),
        language=_language(),
        note=note,
    )


def ends_at(relation: Relation, version) -> list:
    """The versions of the relation's two claims as they were when `version` was made."""
    return [
        end.history.filter(history_date__lte=version.history_date).order_by("-history_date").first()
        for end in (relation.from_claim, relation.to_claim)
    ]


def statement_of(version) -> str:
    english = in_english() and version.statement_en
    return version.statement_en if english else version.statement


def relation_title(relation: Relation, version, ends: list) -> str:
    """The relation in words as it read at `version`: « A » supports « B »."""
    kind = dict(Relation.Kind.choices).get(version.kind, version.kind)
    first, second = (
        statement_of(end) if end is not None else claim.display_statement
        for end, claim in zip(ends, (relation.from_claim, relation.to_claim), strict=True)
    )
    return f"« {first} » {kind} « {second} »"


def relation_citation(
    request: HttpRequest, relation: Relation, version=None, dated: bool = True
) -> Citation:
    """`relation` as read at `version` (its newest one, and its claims' newest, when not
    given)."""
    if version is None:
        version, title = newest_version(relation), relation.summary
    else:
        title = relation_title(relation, version, ends_at(relation, version))
    absolute = request.build_absolute_uri
    if relation.by_editors:
        holder, note = _("the editors"), _("An editors' link")
    elif relation.is_proposal:
        holder, note = relation.contributor_name, _("A reader's proposal")
    else:
        holder, note = (relation.drawn_by.display_name if relation.drawn_by_id else ""), ""
    ends = [relation.from_claim.source, relation.to_claim.source]
    return Citation(
        kind="relation",
        key=f"{relation.debate.slug}:relation-{relation.pk}:r{version.history_id}",
        title=title,
        debate=relation.debate.display_title,
        url=absolute(relation.get_absolute_url()),
        version_url=absolute(relation_version_url(relation, version.history_id)),
        revision=str(version.history_id),
        revised=version.history_date,
        accessed=datetime.date.today() if dated else None,
        holder=holder,
        source=cited_source(relation.source, holder),
        sources=tuple(
            cited_source(source)
            for source in dict.fromkeys(ends)
            if source is not None and source != relation.source
        ),
        language=_language(),
        note=note,
    )


def record_changed_at(debate: Debate) -> datetime.datetime | None:
    """When the debate's record last changed (its newest history entry of a claim,
    relation, source, participant or undercut): the revision a map view is read at. One
    query."""

    def newest(model):
        history = model.history.model.objects.filter(debate_id=OuterRef("pk"))
        return Subquery(history.order_by("-history_date").values("history_date")[:1])

    models = (Claim, Relation, Source, Participant, Undercut)
    columns = {f"changed_{index}": newest(model) for index, model in enumerate(models)}
    row = Debate.objects.filter(pk=debate.pk).annotate(**columns).values(*columns).first()
    dates = [value for value in (row or {}).values() if value is not None]
    return max(dates, default=None)


def map_citation(
    request: HttpRequest,
    debate: Debate,
    title: str,
    address: str,
    focus: Claim | None,
    dated: bool = True,
) -> Citation:
    """A map view: its address holds the whole view; its revision is the moment the record
    last changed, and the record as it was then is shown, around the focus claim if any."""
    revised = record_changed_at(debate) or datetime.datetime.now(datetime.UTC)
    revision = stamp(revised)
    version_url = reverse("arguments:record_at", args=[debate.slug, revision])
    query = parse_qs(urlsplit(address).query)
    if focus is not None:
        version_url += "?" + urlencode({"claim": focus.slug, "depth": query.get("depth", ["2"])[0]})
    absolute = request.build_absolute_uri
    return Citation(
        kind="map",
        key=f"{debate.slug}:map:{focus.slug if focus else 'debate'}:{revision}",
        title=title,
        debate=debate.display_title,
        url=absolute(address),
        version_url=absolute(version_url),
        revision=revision,
        revised=revised,
        accessed=datetime.date.today() if dated else None,
        language=_language(),
    )


def map_title(debate: Debate, focus: Claim | None) -> str:
    if focus is None:
        return _("Map of the debate “%(debate)s”") % {"debate": debate.display_title}
    return _("Map around “%(statement)s”") % {"statement": focus.display_statement}
