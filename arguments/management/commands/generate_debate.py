"""Generate a synthetic debate of N claims (see arguments/synthetic.py) and store it in one
transaction, with bulk inserts, for benchmarks and for testing large maps."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug
from django.db import connection, transaction
from django.db.models import CASCADE

from arguments.models import Claim, Debate, Participant, Relation, Source
from arguments.synthetic import SyntheticDebate, generate

MAX_CLAIMS = 200_000
BATCH_SIZE = 1000
SLUG_MAX_LENGTH = Debate._meta.get_field("slug").max_length


class Command(BaseCommand):
    help = (
        "Generate a synthetic debate of N claims with a realistic shape, for benchmarks "
        "and large maps. Participants, sources and quotations are fictitious."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--claims", type=int, required=True, help=f"number of claims, 1 to {MAX_CLAIMS}"
        )
        parser.add_argument("--slug", help="the debate's slug (default: synthetic-<claims>)")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed: the same seed, the same debate"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the debate with this slug first, if there is one (its claims and "
            "relations without history records)",
        )

    def handle(self, claims, slug, seed, replace, **options):
        if not 1 <= claims <= MAX_CLAIMS:
            raise CommandError(f"--claims must be between 1 and {MAX_CLAIMS}, not {claims}.")
        slug = slug or f"synthetic-{claims}"
        try:
            validate_slug(slug)
        except ValidationError as error:
            raise CommandError(f"--slug {slug!r} is not a valid slug.") from error
        if len(slug) > SLUG_MAX_LENGTH:
            raise CommandError(f"--slug is longer than {SLUG_MAX_LENGTH} characters.")
        # Refuse before generating anything; the unique slug still guards against a race.
        if not replace and Debate.objects.filter(slug=slug).exists():
            raise CommandError(
                f"A debate with slug {slug!r} already exists: pass --replace to delete it "
                "and generate it again, or choose another --slug."
            )
        start = time.perf_counter()
        document = generate(claims, seed)
        with transaction.atomic():
            # Deleted in the same transaction: if storing fails, the old debate stays.
            old = Debate.objects.filter(slug=slug).first()
            if old is not None:
                delete_debate(old)
            store(document, slug)
        elapsed = time.perf_counter() - start
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {slug} (seed {seed}): {len(document.participants)} participants, "
                f"{len(document.sources)} sources, {len(document.claims)} claims, "
                f"{len(document.relations)} relations in {elapsed:.2f} s"
            )
        )


def delete_debate(debate: Debate) -> None:
    """Delete a debate and everything in it, fast; the caller holds the transaction.

    Django's cascade would load every claim and relation to send their delete signals and
    write a history record for each: about 10 s for 10,000 claims. Claims and relations go
    in one DELETE statement each instead, without history records (generated ones have
    none). Rows that other models attach to them (readers' annotations) are deleted first
    through the ORM, with their own cascades; then the debate, with its few participants
    and sources. Any other reference left would fail the deferred foreign key check at
    commit, and the whole transaction would roll back.
    """
    claims = Claim.objects.filter(debate=debate)
    relations = Relation.objects.filter(debate=debate)
    for queryset in (relations, claims):
        for related in queryset.model._meta.related_objects:
            if related.related_model not in (Claim, Relation) and related.on_delete is CASCADE:
                related.related_model._base_manager.filter(
                    **{f"{related.field.name}__in": queryset}
                ).delete()
    with connection.cursor() as cursor:
        for model in (Relation, Claim):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE debate_id = %s", [debate.pk])
    debate.delete()


def store(document: SyntheticDebate, slug: str) -> Debate:
    """Insert the debate; the caller holds the transaction. bulk_create sets primary keys
    on SQLite and PostgreSQL, so later rows can point at earlier ones.

    bulk_create sends no signals, so the synthetic rows start without history records."""
    debate = Debate.objects.create(
        slug=slug,
        title=document.title,
        title_en=document.title_en,
        description=document.description,
        description_en=document.description_en,
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                debate=debate,
                slug=item.slug,
                name=item.name,
                kind=item.kind,
                description="Participant fictif d'un débat synthétique.",
                description_en="Fictitious participant in a synthetic debate.",
            )
            for item in document.participants
        ],
        batch_size=BATCH_SIZE,
    )
    sources = Source.objects.bulk_create(
        [
            Source(
                debate=debate,
                slug=item.slug,
                title=item.title,
                venue=item.venue,
                published=item.published,
                date_precision=item.precision,
                language="fr",
            )
            for item in document.sources
        ],
        batch_size=BATCH_SIZE,
    )
    authorship = Source.authors.through
    authorship.objects.bulk_create(
        [
            authorship(source_id=sources[index].pk, participant_id=participants[author].pk)
            for index, item in enumerate(document.sources)
            for author in item.authors
        ],
        batch_size=BATCH_SIZE,
    )
    claims = Claim.objects.bulk_create(
        [
            Claim(
                debate=debate,
                slug=item.slug,
                statement=item.statement,
                statement_en=item.statement_en,
                holder_id=participants[item.holder].pk,
                source_id=sources[item.source].pk,
                quotation=item.quotation,
                paragraph=item.paragraph,
                position=item.position,
            )
            for item in document.claims
        ],
        batch_size=BATCH_SIZE,
    )
    # As in the fixtures, a relation is drawn by the holder of its claim, in its text.
    Relation.objects.bulk_create(
        [
            Relation(
                debate=debate,
                from_claim_id=claims[item.from_index].pk,
                to_claim_id=claims[item.to_index].pk,
                kind=item.kind,
                drawn_by_id=claims[item.from_index].holder_id,
                source_id=claims[item.from_index].source_id,
            )
            for item in document.relations
        ],
        batch_size=BATCH_SIZE,
    )
    return debate
