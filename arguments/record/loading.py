"""Store a validated `DebateDocument` in the database, in one transaction.

Objects are matched by slug, so loading twice changes nothing and ids stay stable for
everything that points at them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from arguments.record.corrections_format import CorrectionData
from arguments.record.fixture_format import DebateDocument
from arguments.record.models import (
    Answer,
    Claim,
    Correction,
    CorrectionItem,
    Debate,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)
from arguments.record.questions_format import QuestionData


@dataclass
class LoadReport:
    debate: Debate
    participants: int
    sources: int
    claims: int
    relations: int
    pruned: int = 0


def seed_mark(source) -> str:
    """The "checked" mark of a quotation from `source`: its seed text, when the fixtures give
    the seed's digest (CI checks every quotation against the seeds: tests/record/
    test_fixtures.py, and the digests against them: tests/workbench/test_seed_marks.py)."""
    if source is None or not (source.seed and source.seed_sha256):
        return ""
    return f"seed {source.seed} (sha256 {source.seed_sha256})"


def upsert(model, defaults: dict, **lookup):
    """Create, or update only the fields that changed: an unchanged object is not saved, so
    reloading the fixtures adds nothing to the history."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **defaults)
    changed = []
    for name, value in defaults.items():
        current = (
            getattr(instance, f"{name}_id")
            if isinstance(value, Model) or (value is None and _is_relation(model, name))
            else getattr(instance, name)
        )
        wanted = value.pk if isinstance(value, Model) else value
        if current != wanted:
            setattr(instance, name, value)
            changed.append(name)
    if changed:
        instance.save(update_fields=changed)
    return instance


def _is_relation(model, name: str) -> bool:
    return model._meta.get_field(name).is_relation


def drawing(item, participants: dict, sources: dict) -> dict:
    """Who draws a relation or an undercut, where, in which layer and on what grounds."""
    return {
        "drawn_by": participants.get(item.drawn_by),
        "source": sources.get(item.source),
        "layer": item.layer,
        "passage": item.passage,
        "justification": item.justification,
        "justification_en": item.justification_en,
    }


@transaction.atomic
def store_debate(document: DebateDocument, prune: bool = False) -> LoadReport:
    debate = upsert(
        Debate,
        slug=document.slug,
        defaults={
            "title": document.title,
            "title_en": document.title_en,
            "description": document.description,
            "description_en": document.description_en,
        },
    )
    if debate.published_at is None:
        # The curated record is listed as soon as it is loaded.
        debate.published_at = timezone.now()
        debate.save(update_fields=["published_at"])
    participants = {}
    for item in document.participants:
        participants[item.slug] = upsert(
            Participant,
            debate=debate,
            slug=item.slug,
            defaults={
                "name": item.name,
                "name_en": item.name_en,
                "kind": item.kind,
                "description": item.description,
                "description_en": item.description_en,
            },
        )
    sources = {}
    for item in document.sources:
        source = upsert(
            Source,
            debate=debate,
            slug=item.slug,
            defaults={
                "title": item.title,
                "title_en": item.title_en,
                "venue": item.venue,
                "published": item.published,
                "date_precision": item.date_precision,
                "date_qualifier": item.date_qualifier,
                "url": item.url,
                "language": item.language,
            },
        )
        source.authors.set([participants[slug] for slug in item.authors])
        sources[item.slug] = source
    claims = {}
    texts = {item.slug: item for item in document.sources}
    for item in document.claims:
        claims[item.slug] = upsert(
            Claim,
            debate=debate,
            slug=item.slug,
            defaults={
                "statement": item.statement,
                "statement_en": item.statement_en,
                "holder": participants[item.holder],
                "source": sources[item.source],
                "via": sources[item.via] if item.via else None,
                "quotation": item.quotation,
                "section": item.section,
                "paragraph": item.paragraph,
                "position": item.position,
                "checked_against": seed_mark(texts.get(item.via or item.source)),
            },
        )
    relation_ids = []
    relations = {}
    for item in document.relations:
        relation = upsert(
            Relation,
            debate=debate,
            from_claim=claims[item.from_claim],
            to_claim=claims[item.to_claim],
            kind=item.kind,
            defaults=drawing(item, participants, sources),
        )
        relation_ids.append(relation.pk)
        relations[(item.from_claim, item.to_claim, item.kind)] = relation
    undercut_ids = [
        upsert(
            Undercut,
            debate=debate,
            from_claim=claims[item.from_claim],
            relation=relations[item.relation],
            defaults=drawing(item, participants, sources),
        ).pk
        for item in document.undercuts
    ]
    store_corrections(debate, document.corrections, claims, sources, participants)
    questions = store_questions(debate, document.questions, claims)
    pruned = 0
    if prune:
        # The record only: readers' proposals are not in the files and stay.
        record = {"debate": debate, "proposed_at__isnull": True}
        pruned += Question.objects.filter(debate=debate).exclude(slug__in=questions).delete()[0]
        pruned += Relation.objects.filter(**record).exclude(pk__in=relation_ids).delete()[0]
        # Undercuts of the record: a reader's proposed one (readers' layer) stays.
        pruned += (
            Undercut.objects.filter(debate=debate, layer__in=["text", "editors"])
            .exclude(pk__in=undercut_ids)
            .delete()[0]
        )
        pruned += Claim.objects.filter(**record).exclude(slug__in=claims).delete()[0]
        pruned += Source.objects.filter(debate=debate).exclude(slug__in=sources).delete()[0]
        pruned += (
            Participant.objects.filter(debate=debate).exclude(slug__in=participants).delete()[0]
        )
    return LoadReport(
        debate=debate,
        participants=len(participants),
        sources=len(sources),
        claims=len(claims),
        relations=len(relation_ids),
        pruned=pruned,
    )


def store_corrections(debate, entries: list[CorrectionData], claims, sources, participants):
    """The corrections log, entry by entry: an entry's changes are written again whole, each
    naming its item in words and linking to what remains of it."""
    # The record's relations by their two ends, either way round (a correction may have
    # reversed one): read once, not once per change.
    by_ends: dict[frozenset, Relation] = {}
    for relation in Relation.objects.filter(debate=debate, proposed_at__isnull=True).order_by(
        "-pk"
    ):
        by_ends[frozenset((relation.from_claim_id, relation.to_claim_id))] = relation
    for entry in entries:
        correction = upsert(
            Correction,
            debate=debate,
            slug=entry.slug,
            defaults={
                "date": entry.date,
                "title": entry.title,
                "title_en": entry.title_en,
                "summary": entry.summary,
                "summary_en": entry.summary_en,
            },
        )
        correction.items.all().delete()
        CorrectionItem.objects.bulk_create(
            CorrectionItem(
                correction=correction,
                position=position,
                what=item.what,
                change=item.change,
                item=_named(item, claims, sources, participants)[:600],
                claim=claims.get(item.slug) if item.what in ("claim", "label") else None,
                relation=_relation(item, claims, by_ends),
                before=item.before,
                after=item.after,
                reason=item.reason,
                reason_en=item.reason_en,
            )
            for position, item in enumerate(entry.items, start=1)
        )


def _named(item, claims, sources, participants) -> str:
    if item.what == "relation":
        ends = [claims[item.from_claim].statement, claims[item.to_claim].statement]
        return f"« {ends[0]} » → ({item.kind}) « {ends[1]} »"
    if item.what in ("claim", "label"):
        return claims[item.slug].statement
    if item.what == "source":
        return sources[item.slug].title
    return participants[item.slug].name


def _relation(item, claims, by_ends: dict) -> Relation | None:
    """The relation a change is about, as it is now (any kind: it may have changed)."""
    if item.what != "relation" or item.change == "removed":
        return None
    return by_ends.get(frozenset((claims[item.from_claim].pk, claims[item.to_claim].pk)))


def store_questions(debate, questions: list[QuestionData], claims: dict) -> list[str]:
    """The editors' questions and the claims answering them; a question's answers are made
    to be the file's, and only the changed ones written. `claims` are this debate's, by
    slug: an answer naming any other claim is refused (the format checks it first)."""
    for item in questions:
        question = upsert(
            Question,
            debate=debate,
            slug=item.slug,
            defaults={
                "text": item.text,
                "text_en": item.text_en,
                "explanation": item.explanation,
                "explanation_en": item.explanation_en,
                "position": item.position,
            },
        )
        kept = []
        for position, answer in enumerate(item.answers, start=1):
            claim = claims.get(answer.claim)
            if claim is None or claim.debate_id != debate.pk:
                raise ValueError(f"question {item.slug}: {answer.claim!r} is not a claim here")
            kept.append(
                upsert(
                    Answer,
                    question=question,
                    claim=claim,
                    defaults={"gist": answer.gist, "gist_en": answer.gist_en, "position": position},
                ).pk
            )
        question.answers.exclude(pk__in=kept).delete()
    return [item.slug for item in questions]
