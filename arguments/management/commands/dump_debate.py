"""Write a debate back as its fixtures folder, what `load_debate` reads (issue 22, point 7)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arguments.record.fixture_dump import (
    CLAIMS_FOLDER,
    DumpError,
    StoredChange,
    StoredCorrection,
    check_round_trip,
    dump_files,
    name_corrections,
    read_existing,
    written_corrections,
)
from arguments.record.fixture_format import (
    ClaimData,
    DebateDocument,
    ParticipantData,
    RelationData,
    SourceData,
    UndercutData,
)
from arguments.record.models import (
    Claim,
    Correction,
    CorrectionItem,
    Debate,
    Layer,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)
from arguments.record.questions_format import AnswerData, QuestionData


class Command(BaseCommand):
    help = (
        "Write a debate's record as a fixtures folder that load_debate reads back: "
        "participants, sources, claims, relations with their layers, questions and the "
        "corrections log. Files already in the folder are updated in place, their comments "
        "kept; unchanged files are not rewritten. Readers' proposals, annotations and hidden "
        "items are not part of the fixtures and are left out (counted), and so is any stored "
        "full text of a source."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the debate's slug, e.g. technofeodalisme")
        parser.add_argument("folder", help="e.g. fixtures/technofeodalisme")

    def handle(self, slug, folder, **options):
        debate = Debate.objects.filter(slug=slug).first()
        if debate is None:
            raise CommandError(f"No debate {slug!r}: nothing written.")
        folder = Path(folder)
        _check_folder(folder)
        existing = read_existing(folder) if folder.is_dir() else {}
        document, left_out = debate_document(debate)
        try:
            document.corrections = name_corrections(
                document.corrections, document, written_corrections(existing)
            )
            changed = dump_files(document, existing)
            # Nothing is written unless the loader reads the result as the debate is.
            check_round_trip(document, existing, changed)
        except DumpError as error:
            raise CommandError(
                f"{slug} was not written to {folder} ({len(error.problems)} problems):\n  "
                + "\n  ".join(error.problems[:50])
                + (f"\n  … and {len(error.problems) - 50} more" if len(error.problems) > 50 else "")
            ) from error
        for path, text in sorted(changed.items()):
            _write(folder, path, text)
        for note in left_out:
            self.stderr.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {slug} to {folder}: {len(document.participants)} participants, "
                f"{len(document.sources)} sources, {len(document.claims)} claims, "
                f"{len(document.relations)} relations, {len(document.undercuts)} undercuts, "
                f"{len(document.questions)} questions, "
                f"{len(document.corrections)} corrections; "
                + (
                    f"{len(changed)} files changed ({', '.join(sorted(changed))})"
                    if changed
                    else "no file changed"
                )
            )
        )


def _check_folder(folder: Path) -> None:
    """A folder (or a place for one), whose files are written there and nowhere else: a
    symbolic link on the way would send them elsewhere, so it is refused, not followed."""
    if folder.is_symlink():
        raise CommandError(f"{folder} is a symbolic link: name the folder it points to.")
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file, not a folder: nothing written.")
    for inside in [folder / CLAIMS_FOLDER, *folder.glob("*.yaml"), *folder.glob("claims/*")]:
        if inside.is_symlink():
            raise CommandError(
                f"{inside} is a symbolic link: writing through it would write elsewhere "
                "than the folder; nothing written."
            )
    if (folder / CLAIMS_FOLDER).exists() and not (folder / CLAIMS_FOLDER).is_dir():
        raise CommandError(f"{folder / CLAIMS_FOLDER} is a file, not a folder: nothing written.")


def _write(folder: Path, relative: str, text: str) -> None:
    """Replace a file whole (a temporary file renamed over it), so that an interrupted dump
    leaves each file as it was or as it should be, never half written."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def debate_document(debate: Debate) -> tuple[DebateDocument, list[str]]:
    """The debate's record as the loader's records, and notes on what the fixtures leave
    out. A fixed number of queries whatever the size of the debate."""
    participants = {p.pk: p for p in Participant.objects.filter(debate=debate).order_by("pk")}
    sources = {s.pk: s for s in Source.objects.filter(debate=debate).order_by("pk")}
    authors: dict[int, list[str]] = {}
    # In the order they were set (the through table's), which is the file's order.
    through = Source.authors.through.objects.filter(source__debate=debate).order_by("pk")
    for source_id, participant_id in through.values_list("source_id", "participant_id"):
        authors.setdefault(source_id, []).append(participants[participant_id].slug)
    every_claim = list(Claim.objects.filter(debate=debate).order_by("position", "pk"))
    slug_of = {c.pk: c.slug for c in every_claim}
    # The record: no reader's proposal, nothing hidden (only proposals and imported items
    # can be hidden).
    claims = [c for c in every_claim if c.proposed_at is None and c.hidden_at is None]
    in_record = {c.pk for c in claims}
    every_relation = list(Relation.objects.filter(debate=debate).order_by("pk"))
    relation_ends = {
        r.pk: (slug_of[r.from_claim_id], slug_of[r.to_claim_id], r.kind) for r in every_relation
    }
    relations = [
        r
        for r in every_relation
        if r.proposed_at is None
        and r.hidden_at is None
        and r.from_claim_id in in_record
        and r.to_claim_id in in_record
    ]
    source_slug = {pk: s.slug for pk, s in sources.items()}
    participant_slug = {pk: p.slug for pk, p in participants.items()}
    document = DebateDocument(
        slug=debate.slug,
        title=debate.title,
        title_en=debate.title_en,
        description=debate.description,
        description_en=debate.description_en,
        participants=[
            ParticipantData(
                slug=p.slug,
                name=p.name,
                name_en=p.name_en,
                kind=p.kind,
                description=p.description,
                description_en=p.description_en,
            )
            for p in participants.values()
        ],
        sources=[
            SourceData(
                slug=s.slug,
                title=s.title,
                title_en=s.title_en,
                authors=tuple(authors.get(s.pk, ())),
                venue=s.venue,
                published=s.published,
                date_precision=s.date_precision if s.published else "day",
                date_qualifier=s.date_qualifier if s.published else "",
                url=s.url,
                language=s.language,
                seed="",  # not kept in the database; a file's own stays
            )
            for s in sources.values()
        ],
        claims=[
            ClaimData(
                slug=c.slug,
                holder=participant_slug.get(c.holder_id, ""),
                source=source_slug.get(c.source_id, ""),
                via=source_slug.get(c.via_id, ""),
                statement=c.statement,
                statement_en=c.statement_en,
                quotation=c.quotation,
                section=c.section,
                paragraph=c.paragraph,
                position=index,
                file="",
            )
            for index, c in enumerate(claims, start=1)
        ],
        relations=[
            RelationData(
                from_claim=slug_of[r.from_claim_id],
                to_claim=slug_of[r.to_claim_id],
                kind=r.kind,
                drawn_by=participant_slug.get(r.drawn_by_id, ""),
                source=source_slug.get(r.source_id, ""),
                file="",
                layer=r.layer,
                passage=r.passage,
                justification=r.justification,
                justification_en=r.justification_en,
            )
            for r in relations
        ],
    )
    for question in Question.objects.filter(debate=debate).with_answers():
        document.questions.append(
            QuestionData(
                slug=question.slug,
                text=question.text,
                text_en=question.text_en,
                explanation=question.explanation,
                explanation_en=question.explanation_en,
                position=len(document.questions) + 1,
                answers=[
                    AnswerData(slug_of[a.claim_id], a.gist, a.gist_en)
                    for a in question.answers.all()
                    if a.claim_id in in_record
                ],
            )
        )
    changes: dict[int, list[StoredChange]] = {}
    items = CorrectionItem.objects.filter(correction__debate=debate).order_by(
        "correction", "position"
    )
    for item in items:
        changes.setdefault(item.correction_id, []).append(
            StoredChange(
                what=item.what,
                change=item.change,
                item=item.item,
                claim=slug_of.get(item.claim_id, ""),
                relation=relation_ends.get(item.relation_id),
                before=item.before,
                after=item.after,
                reason=item.reason,
                reason_en=item.reason_en,
            )
        )
    document.corrections = [
        StoredCorrection(
            slug=c.slug,
            date=c.date,
            title=c.title,
            title_en=c.title_en,
            summary=c.summary,
            summary_en=c.summary_en,
            changes=tuple(changes.get(c.pk, ())),
        )
        for c in Correction.objects.filter(debate=debate).order_by("date", "slug")
    ]
    written = {r.pk for r in relations}
    every_undercut = list(Undercut.objects.filter(debate=debate).order_by("pk"))
    # A reader's proposed undercut (readers' layer) is not the record's.
    undercuts = [
        u
        for u in every_undercut
        if u.layer != Layer.READERS and u.from_claim_id in in_record and u.relation_id in written
    ]
    document.undercuts = [
        UndercutData(
            from_claim=slug_of[u.from_claim_id],
            relation=relation_ends[u.relation_id],
            drawn_by=participant_slug.get(u.drawn_by_id, ""),
            source=source_slug.get(u.source_id, ""),
            file="",
            layer=u.layer,
            passage=u.passage,
            justification=u.justification,
            justification_en=u.justification_en,
        )
        for u in undercuts
    ]
    left_out = []
    proposals = len(every_claim) - len(claims) + len(every_relation) - len(relations)
    proposals += len(every_undercut) - len(undercuts)
    if proposals:
        left_out.append(
            f"{proposals} readers' proposals and hidden items left out, as the fixtures have none."
        )
    return document, left_out
