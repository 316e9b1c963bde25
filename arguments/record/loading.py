"""Store a validated `DebateDocument` in the database, in one transaction.

Objects are matched by slug, so loading twice changes nothing and ids stay stable for
everything that points at them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from arguments.record.fixture_format import DebateDocument
from arguments.record.models import Claim, Debate, Participant, Relation, Source


@dataclass
class LoadReport:
    debate: Debate
    participants: int
    sources: int
    claims: int
    relations: int
    pruned: int = 0


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
    participants = {}
    for item in document.participants:
        participants[item.slug] = upsert(
            Participant,
            debate=debate,
            slug=item.slug,
            defaults={
                "name": item.name,
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
            },
        )
    relation_ids = []
    for item in document.relations:
        relation = upsert(
            Relation,
            debate=debate,
            from_claim=claims[item.from_claim],
            to_claim=claims[item.to_claim],
            kind=item.kind,
            defaults={
                "drawn_by": participants.get(item.drawn_by),
                "source": sources.get(item.source),
            },
        )
        relation_ids.append(relation.pk)
    pruned = 0
    if prune:
        pruned += Relation.objects.filter(debate=debate).exclude(pk__in=relation_ids).delete()[0]
        pruned += Claim.objects.filter(debate=debate).exclude(slug__in=claims).delete()[0]
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
