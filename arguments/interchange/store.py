"""Between the database and the pure `Document`: read a debate whole, or store a new one in
one transaction after checking everything the database would refuse."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from tqdm import tqdm

from arguments.record import extensions
from arguments.record.files import ImportProblems
from arguments.record.models import Claim, Debate, Participant, Relation, Source, Undercut
from arguments.record.proposal_slugs import first_free, is_proposal_slug, proposal_slug_base
from arguments.record.slugs import is_reserved_debate_slug

from . import document as doc
from .rows import insert_rows

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
BATCH = 1000  # rows per INSERT


def relation_key(from_slug: str, kind: str, to_slug: str) -> str:
    return f"{from_slug} {kind} {to_slug}"


def relation_pks(debate: Debate) -> dict[str, int]:
    """Relation keys (as in `document_from_debate`) to database ids."""
    rows = debate.relations.values_list("pk", "from_claim__slug", "kind", "to_claim__slug")
    return {relation_key(f, kind, t): pk for pk, f, kind, t in rows}


def document_from_debate(debate: Debate, complete: bool = True) -> doc.Document:
    """The whole debate: record, readers' proposals and annotations. Keys are slugs, or
    natural keys where rows have none, so the document does not depend on database ids.
    Not `complete`, it is what readers see: without hidden proposals, and with the text,
    tags, stance and author of deleted and hidden annotations left out. A fixed number of
    queries whatever the size."""
    document = _whole_document(debate)
    return document if complete else _as_readers_see_it(document)


def _as_readers_see_it(document: doc.Document) -> doc.Document:
    claims = [c for c in document.claims if c.hidden_at is None]
    shown = {c.key for c in claims}
    relations = [
        r if r.argument in shown else dataclasses.replace(r, argument="")
        for r in document.relations
        if r.hidden_at is None and r.from_claim in shown and r.to_claim in shown
    ]
    linked = {r.key for r in relations}
    undercuts = [u for u in document.undercuts if u.from_claim in shown and u.relation in linked]
    annotations = []
    for annotation in document.annotations:
        if annotation.claim not in shown and annotation.relation not in linked:
            continue
        if annotation.deleted_at or annotation.hidden_at:
            # As its thread shows it: its place, not who wrote what.
            annotation = dataclasses.replace(
                annotation, body="", tags=[], author="", stance="comment"
            )
        annotations.append(annotation)
    return dataclasses.replace(
        document, claims=claims, relations=relations, undercuts=undercuts, annotations=annotations
    )


def _whole_document(debate: Debate) -> doc.Document:
    participants = list(debate.participants.order_by("slug"))
    participant_slugs = {p.pk: p.slug for p in participants}
    sources = list(debate.sources.order_by("slug").prefetch_related("authors"))
    source_slugs = {s.pk: s.slug for s in sources}
    claims = list(debate.claims.select_related("proposed_by").order_by("position", "slug", "pk"))
    claim_slugs = {c.pk: c.slug for c in claims}
    relations = list(debate.relations.select_related("proposed_by").order_by("pk"))
    relation_keys = {
        r.pk: relation_key(claim_slugs[r.from_claim_id], r.kind, claim_slugs[r.to_claim_id])
        for r in relations
    }
    undercuts = list(debate.undercuts.order_by("pk"))
    return doc.Document(
        slug=debate.slug,
        title=debate.title,
        title_en=debate.title_en,
        description=debate.description,
        description_en=debate.description_en,
        participants=[
            doc.Participant(
                key=p.slug,
                name=p.name,
                kind=p.kind,
                description=p.description,
                description_en=p.description_en,
                name_en=p.name_en,
            )
            for p in participants
        ],
        sources=[
            doc.Source(
                key=s.slug,
                title=s.title,
                authors=sorted(a.slug for a in s.authors.all()),
                venue=s.venue,
                published=s.published,
                date_precision=s.date_precision,
                date_qualifier=s.date_qualifier,
                url=s.url,
                language=s.language,
                title_en=s.title_en,
            )
            for s in sources
        ],
        claims=[
            doc.Claim(
                key=c.slug,
                statement=c.statement,
                statement_en=c.statement_en,
                holder=participant_slugs.get(c.holder_id, ""),
                source=source_slugs.get(c.source_id, ""),
                via=source_slugs.get(c.via_id, ""),
                quotation=c.quotation,
                excerpt=c.excerpt,
                title=c.title,
                kind=c.kind,
                section=c.section,
                paragraph=c.paragraph,
                imported=c.imported,
                proposed_by=contributor(c),
                proposed_at=c.proposed_at,
                hidden_at=c.hidden_at,
                hidden_reason=c.hidden_reason,
            )
            for c in claims
        ],
        relations=[
            doc.Relation(
                key=relation_keys[r.pk],
                from_claim=claim_slugs[r.from_claim_id],
                to_claim=claim_slugs[r.to_claim_id],
                kind=r.kind,
                argument=claim_slugs.get(r.argument_id, ""),
                drawn_by=participant_slugs.get(r.drawn_by_id, ""),
                source=source_slugs.get(r.source_id, ""),
                proposed_by=contributor(r),
                proposed_at=r.proposed_at,
                hidden_at=r.hidden_at,
                hidden_reason=r.hidden_reason,
                **layered(r),
            )
            for r in relations
        ],
        undercuts=[
            doc.Undercut(
                key=f"{claim_slugs[u.from_claim_id]} undercuts {relation_keys[u.relation_id]}",
                from_claim=claim_slugs[u.from_claim_id],
                relation=relation_keys[u.relation_id],
                drawn_by=participant_slugs.get(u.drawn_by_id, ""),
                source=source_slugs.get(u.source_id, ""),
                **layered(u),
            )
            for u in undercuts
        ],
        annotations=[
            annotation
            for extension in extensions.registered()
            for annotation in extension.document_annotations(debate, claim_slugs, relation_keys)
        ],
    )


LAYERED_FIELDS = ("layer", "passage", "justification", "justification_en")


def layered(item) -> dict[str, str]:
    """A relation's or undercut's layer and what vouches for it, row or document item."""
    return {name: getattr(item, name) for name in LAYERED_FIELDS}


def username(user) -> str:
    return user.get_username() if user is not None else ""


def contributor(item) -> str:
    """Who contributed a claim or relation, as a file names it: the account's name, or the
    name an earlier imported file gave (so an imported debate exports as it came in)."""
    return username(item.proposed_by) or item.imported_author


# Field lengths the database enforces (PostgreSQL refuses longer text; SQLite would not).
LIMITS = {
    "participant": {"name": 200, "name_en": 200, "description": 400, "description_en": 400},
    "source": {"title": 2000, "title_en": 400, "venue": 200, "url": 4000, "language": 10},
    "claim": {"title": doc.TITLE_MAX_LENGTH, "section": 300, "hidden_reason": 300},
    "relation": {"hidden_reason": 300},
    "annotation": {"body": 5000, "hidden_reason": 300},
}
# Names of accounts: cut, they would no longer name the same person; refused instead.
NAME_LIMITS = {"claim": ("proposed_by", 150), "relation": ("proposed_by", 150)}
ELLIPSIS = "…"


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def fit_long_fields(document: doc.Document) -> list[str]:
    """Make a file from another tool fit our columns without refusing it for one field:
    an imported claim's quotation longer than ours (300 characters) becomes its imported
    excerpt, kept whole; any other over-long text is shortened, and an address too long to
    keep is left out, each with a warning naming the item. Changes `document` in place;
    returns the warnings."""
    warnings = []
    for claim in document.claims:
        if claim.imported and len(claim.quotation) > doc.QUOTATION_MAX_LENGTH:
            claim.excerpt = claim.excerpt or claim.quotation
            claim.quotation = ""
            warnings.append(
                f"claim {claim.key!r}: its passage of {len(claim.excerpt):,} characters is "
                f"kept whole as the imported file's excerpt (our quotations are at most "
                f"{doc.QUOTATION_MAX_LENGTH})"
            )
    for kind, items in (
        ("participant", document.participants),
        ("source", document.sources),
        ("claim", document.claims),
        ("relation", document.relations),
        ("annotation", document.annotations),
    ):
        for item in items:
            for name, limit in LIMITS[kind].items():
                value = getattr(item, name)
                if len(value) <= limit:
                    continue
                if name == "url":
                    setattr(item, name, "")
                    warnings.append(
                        f"{kind} {item.key!r}: its address of {len(value):,} characters "
                        f"({_shown(value)!r}) is longer than {limit:,}; left out"
                    )
                    continue
                setattr(item, name, value[: limit - 1].rstrip() + ELLIPSIS)
                warnings.append(
                    f"{kind} {item.key!r}: {name} of {len(value):,} characters shortened "
                    f"to {limit:,} ({_shown(value)!r})"
                )
    for field_name in ("title", "title_en"):
        value = getattr(document, field_name)
        if len(value) > 200:
            setattr(document, field_name, value[:199].rstrip() + ELLIPSIS)
            warnings.append(
                f"debate: {field_name} of {len(value):,} characters shortened to 200 "
                f"({_shown(value)!r})"
            )
    return warnings


def length_problems(document: doc.Document) -> list[str]:
    """What no shortening can mend: names of accounts too long, tags that are not words."""
    problems = []
    for kind, items in (("claim", document.claims), ("relation", document.relations)):
        name, limit = NAME_LIMITS[kind]
        for item in items:
            if len(getattr(item, name)) > limit:
                problems.append(
                    f"{kind} {item.key!r}: {name} is {len(getattr(item, name))} "
                    f"characters, at most {limit}"
                )
    for annotation in document.annotations:
        if len(annotation.author) > 150:
            problems.append(
                f"annotation {annotation.key!r}: author is {len(annotation.author)} "
                "characters, at most 150"
            )
        tags = " ".join(annotation.tags)
        if len(tags) > 200 or any(not tag or " " in tag for tag in annotation.tags):
            problems.append(f"annotation {annotation.key!r}: tags must be words, 200 characters")
    return problems


class Slugs:
    """Turns a document's keys into unique slugs: a valid key is kept, any other is
    made into one from the key or the given text."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length
        self.taken: set[str] = set()
        self.by_key: dict[str, str] = {}

    def add(self, key: str, text: str = "", proposal: bool | None = None) -> str:
        """The slug for `key`. With `proposal` (claims): a proposal's slug has the
        proposals' prefix, and any other claim's never has it."""
        if (
            SLUG.match(key)
            and len(key) <= self.max_length
            and key not in self.taken
            and (proposal is None or proposal == is_proposal_slug(key))
        ):
            slug = key
        else:
            base = (slugify(key) or slugify(text) or "item")[: self.max_length - 8].strip("-")
            base = base or "item"
            if proposal:
                base = proposal_slug_base(text or key)
            elif proposal is not None and is_proposal_slug(base):
                base = "claim-" + base[: self.max_length - 16]
            slug = first_free(base, self.taken)
        self.taken.add(slug)
        self.by_key[key] = slug
        return slug


def debate_slug_taken(error: IntegrityError) -> bool:
    """Whether the error is the debate table's unique slug (PostgreSQL names its index
    arguments_debate_slug_…; SQLite says arguments_debate.slug)."""
    text = str(error)
    return "arguments_debate" in text and "slug" in text


@transaction.atomic
def store_document(
    document: doc.Document,
    slug: str = "",
    imported_from: str = "",
    progress: Callable[[int, str], tqdm] | None = None,
) -> Debate:
    """A new debate made from `document`; ImportProblems, and nothing stored, when the
    document is inconsistent or the slug is taken. The names a file gives as contributors
    are kept as names (`imported_author`), never matched to or made into accounts: a file
    cannot speak for a user of this site. `progress(total, what)` gives a bar
    (tqdm's interface) advanced as each batch of rows is stored."""
    document.warnings += fit_long_fields(document)
    document.validated()
    slug = slug or document.slug
    problems = length_problems(document)
    if not SLUG.match(slug or "") or len(slug) > 50:
        problems.append(f"debate slug {slug!r}: letters, digits and hyphens, at most 50")
    elif is_reserved_debate_slug(slug):
        problems.append(f"debate slug {slug!r} is one of the site's own addresses")
    elif Debate.objects.filter(slug=slug).exists():
        problems.append(f"a debate {slug!r} exists already: import under another slug")
    if problems:
        raise ImportProblems(problems)
    progress = progress or (lambda total, what: tqdm(total=total, disable=True))

    debate = Debate.objects.create(
        slug=slug,
        title=document.title[:200] or slug,
        title_en=document.title_en,
        description=document.description,
        description_en=document.description_en,
        imported_from=imported_from[:300],
    )

    def create(model, items, make_row) -> dict[str, int]:
        """Rows for `items` in batches (each with its history), and their ids by key.
        `make_row` gives a row as {attname: value}: no model instance is made."""
        bar = progress(len(items), model._meta.verbose_name_plural)
        ids = {}
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            new_ids = insert_rows(model, [make_row(item) for item in batch])
            ids.update((item.key, pk) for item, pk in zip(batch, new_ids, strict=True))
            bar.update(len(batch))
        bar.close()
        return ids

    participant_slugs = Slugs(50)
    participant_ids = create(
        Participant,
        document.participants,
        lambda p: dict(
            debate_id=debate.pk,
            slug=participant_slugs.add(p.key, p.name),
            name=p.name,
            name_en=p.name_en,
            kind=p.kind,
            description=p.description,
            description_en=p.description_en,
        ),
    )
    source_slugs = Slugs(50)
    source_ids = create(
        Source,
        document.sources,
        lambda s: dict(
            debate_id=debate.pk,
            slug=source_slugs.add(s.key, s.title),
            title=s.title,
            title_en=s.title_en,
            venue=s.venue,
            published=s.published,
            date_precision=s.date_precision,
            date_qualifier=s.date_qualifier,
            url=s.url,
            language=s.language,
        ),
    )
    Source.authors.through.objects.bulk_create(
        [
            Source.authors.through(source_id=source_ids[s.key], participant_id=participant_ids[a])
            for s in document.sources
            for a in dict.fromkeys(s.authors)
        ]
    )
    positions = {c.key: position for position, c in enumerate(document.claims, 1)}
    claim_slugs = Slugs(120)
    claim_ids = create(
        Claim,
        document.claims,
        lambda c: dict(
            debate_id=debate.pk,
            slug=claim_slugs.add(c.key, c.statement[:60], proposal=c.proposed_at is not None),
            statement=c.statement,
            statement_en=c.statement_en,
            holder_id=participant_ids.get(c.holder),
            source_id=source_ids.get(c.source),
            via_id=source_ids.get(c.via),
            quotation=c.quotation,
            excerpt=c.excerpt,
            title=c.title,
            kind=c.kind,
            section=c.section,
            paragraph=c.paragraph,
            position=positions[c.key],
            imported=c.imported,
            imported_author=c.proposed_by,
            proposed_at=c.proposed_at,
            hidden_at=c.hidden_at,
            hidden_reason=c.hidden_reason,
        ),
    )
    relation_ids = create(
        Relation,
        document.relations,
        lambda r: dict(
            debate_id=debate.pk,
            from_claim_id=claim_ids[r.from_claim],
            to_claim_id=claim_ids[r.to_claim],
            kind=r.kind,
            argument_id=claim_ids.get(r.argument),
            drawn_by_id=participant_ids.get(r.drawn_by),
            source_id=source_ids.get(r.source),
            imported_author=r.proposed_by,
            proposed_at=r.proposed_at,
            hidden_at=r.hidden_at,
            hidden_reason=r.hidden_reason,
            **layered(r),
        ),
    )
    create(
        Undercut,
        document.undercuts,
        lambda u: dict(
            debate_id=debate.pk,
            from_claim_id=claim_ids[u.from_claim],
            relation_id=relation_ids[u.relation],
            drawn_by_id=participant_ids.get(u.drawn_by),
            source_id=source_ids.get(u.source),
            **layered(u),
        ),
    )
    for extension in extensions.registered():
        extension.store_annotations(document, claim_ids, relation_ids)
    return debate
