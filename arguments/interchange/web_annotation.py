"""A Document's readers' annotations and claims' quotations as a W3C Web Annotation collection.

The result is a JSON-LD `AnnotationCollection` (https://www.w3.org/TR/annotation-model/)
whose `first` page holds every annotation:

- a reader's annotation on a claim or relation: motivation `commenting`, or `replying` with
  the parent annotation as target; its text is a `TextualBody` in `text/markdown`; each tag
  is a `TextualBody` with purpose `tagging`; a stance other than a plain comment is a
  `TextualBody` with purpose `assessing` whose value is the stance's name: `agree`,
  `disagree`, `question` or `needs-source`. The creator is a `Person` named by the username
  (never an email); `created` and `modified` are ISO 8601, in UTC when the time is aware.
  The id is the claim's or relation's URL + `#annotation-<key>`.
- a claim's quotation: motivation `describing`, the target a `SpecificResource` on the
  source's publication URL when it is http(s) (else its page on this site) with a
  `TextQuoteSelector` whose `exact` is the quotation; when the quotation was located in
  the source's full text (the editors' stored text, `text_positions`: the occurrence the
  editor selected, kept on the claim, or else the first), the selector is
  a list of two alternatives: the TextQuoteSelector with the stored text's own wording
  and its 32-character `prefix` and `suffix`, and a `TextPositionSelector` with the
  `start` and `end` offsets (characters of that plain text); the bodies are the
  statement (purpose `describing`, its English translation with language `en`) and the
  claim's page (purpose `identifying`: it names what the passage says). The source's
  language, when known, goes on the target. The creator is the claim's holder, who wrote
  the passage, a `Person` or an `Organization`. The id is the claim's URL + `#quotation`.

Left out: deleted and hidden annotations, annotations on hidden claims or relations, and
the quotations of hidden claims or of claims without a source. A reply whose parent is left
out keeps it as target (by id), as the site keeps such replies under a placeholder.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from .document import Annotation, Claim, Document, web_url

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AGENT_TYPES = {"person": "Person", "collective": "Organization"}


@dataclass(frozen=True)
class TextPosition:
    """Where a claim's quotation is in its source's full text: `source` is the source's
    key, `start`/`end` offsets in that text (end exclusive), `exact` its wording there."""

    source: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def to_web_annotation(
    document: Document,
    claim_url: Callable[[str], str],
    relation_url: Callable[[str], str],
    source_url: Callable[[str], str],
    collection_url: str | None = None,
    text_positions: Mapping[str, TextPosition] | None = None,
) -> dict:
    """The collection as a JSON-able dict. The three callables map a claim, relation or
    source key to an absolute URL; `collection_url`, the collection's own URL, gives the
    collection and its page their ids (the model requires them); `text_positions`, by
    claim key, where quotations were found in their source's full text."""
    text_positions = text_positions or {}
    hidden_claims = {c.key for c in document.claims if c.hidden_at}
    hidden_relations = {r.key for r in document.relations if r.hidden_at}
    sources = {s.key: s for s in document.sources}
    participants = {p.key: p for p in document.participants}
    annotations = {a.key: a for a in document.annotations}

    def subject_url(annotation: Annotation) -> str:
        if annotation.claim:
            return claim_url(annotation.claim)
        return relation_url(annotation.relation)

    def annotation_id(annotation: Annotation) -> str:
        return f"{subject_url(annotation)}#annotation-{quote(annotation.key, safe='')}"

    def quotation(claim: Claim) -> dict:
        source = sources[claim.source]
        # Only a web address is a target: a stored javascript: or data: one is not handed on.
        document_url = source.url if web_url(source.url) else source_url(source.key)
        bodies = [_text(claim.statement, "describing", "text/plain")]
        if claim.statement_en:
            bodies.append(_text(claim.statement_en, "describing", "text/plain", "en"))
        bodies.append(
            {"type": "SpecificResource", "source": claim_url(claim.key), "purpose": "identifying"}
        )
        item = {
            "id": f"{claim_url(claim.key)}#quotation",
            "type": "Annotation",
            "motivation": "describing",
            "body": bodies,
            "target": {
                "type": "SpecificResource",
                "source": (
                    {"id": document_url, "type": "Text", "language": source.language}
                    if source.language
                    else document_url
                ),
                "selector": _selector(claim, text_positions.get(claim.key)),
            },
        }
        if claim.holder in participants:
            holder = participants[claim.holder]
            item["creator"] = {"type": AGENT_TYPES[holder.kind], "name": holder.name}
        return item

    def reader_annotation(annotation: Annotation) -> dict:
        motivation = "replying" if annotation.parent else "commenting"
        bodies = [_text(annotation.body, motivation, "text/markdown")]
        bodies.extend(_text(tag, "tagging") for tag in annotation.tags)
        if annotation.stance != "comment":
            bodies.append(_text(annotation.stance, "assessing"))
        item = {
            "id": annotation_id(annotation),
            "type": "Annotation",
            "motivation": motivation,
            "body": bodies,
            "target": (
                annotation_id(annotations[annotation.parent])
                if annotation.parent
                else subject_url(annotation)
            ),
            "creator": {"type": "Person", "name": annotation.author},
        }
        if annotation.created_at:
            item["created"] = _timestamp(annotation.created_at)
        if annotation.edited_at:
            item["modified"] = _timestamp(annotation.edited_at)
        return item

    items = [
        quotation(claim)
        for claim in document.claims
        if claim.quotation and claim.source in sources and claim.key not in hidden_claims
    ]
    items.extend(
        reader_annotation(annotation)
        for annotation in document.annotations
        if not annotation.deleted_at
        and not annotation.hidden_at
        and annotation.claim not in hidden_claims
        and annotation.relation not in hidden_relations
    )
    collection: dict = {"@context": CONTEXT}
    if collection_url:
        collection["id"] = collection_url
    collection["type"] = "AnnotationCollection"
    collection["label"] = document.title
    collection["total"] = len(items)
    if items:  # the model wants a first page only when there is something in it
        page: dict = {"id": f"{collection_url}#page-1"} if collection_url else {}
        page.update({"type": "AnnotationPage", "startIndex": 0, "items": items})
        collection["first"] = page
    return collection


def _selector(claim: Claim, position: TextPosition | None) -> dict | list[dict]:
    # A position in another text than the target's (a reported claim's) would mislead.
    if position is None or position.source != claim.source:
        return {"type": "TextQuoteSelector", "exact": claim.quotation}
    return [
        {
            "type": "TextQuoteSelector",
            "exact": position.exact,
            "prefix": position.prefix,
            "suffix": position.suffix,
        },
        {"type": "TextPositionSelector", "start": position.start, "end": position.end},
    ]


def _text(value: str, purpose: str, media_type: str = "", language: str = "") -> dict:
    body = {"type": "TextualBody", "purpose": purpose, "value": value}
    if media_type:
        body["format"] = media_type
    if language:
        body["language"] = language
    return body


def _timestamp(moment: datetime.datetime) -> str:
    if moment.tzinfo is not None:
        return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return moment.isoformat()
