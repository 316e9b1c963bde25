"""Readers' annotations as the record sees them: what this app adds to a debate's revision,
to claim and relation pages, to map tooltips, to backups and to interchange documents.
Registered with `arguments.record.extensions` when the app is ready, so that `arguments`
never imports this app."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from arguments.interchange import document as doc
from arguments.record import generations, invalidation
from arguments.record.extensions import Extension, ThreadItem
from arguments.record.files import ImportProblems
from arguments.record.models import Claim, Relation

from .markup import render_markdown
from .models import Annotation, Flag
from .views import thread_context


class AnnotationsExtension(Extension):
    def page_context(self, target, user) -> dict:
        return thread_context(target, user)

    def claim_notes(self, claim_ids: list[int]) -> dict[int, str]:
        """Per claim, its readers' annotations in words: "3 annotations (agree 2, question 1)"."""
        labels = dict(Annotation.Stance.choices)
        rows = (
            Annotation.objects.visible()
            .filter(claim_id__in=claim_ids)
            .values("claim_id", "stance")
            .annotate(count=Count("pk"))
        )
        stances: dict[int, list[tuple[str, int]]] = {}
        for row in rows:
            stances.setdefault(row["claim_id"], []).append((row["stance"], row["count"]))
        notes = {}
        for claim_id, counts in stances.items():
            total = sum(count for _stance, count in counts)
            detail = ", ".join(f"{labels[stance]} {count}" for stance, count in sorted(counts))
            notes[claim_id] = ngettext(
                "%(total)s annotation (%(detail)s)", "%(total)s annotations (%(detail)s)", total
            ) % {"total": total, "detail": detail}
        return notes

    def public_thread(self, target, limit: int) -> list[ThreadItem]:
        field = "claim" if isinstance(target, Claim) else "relation"
        annotations = (
            Annotation.objects.visible()
            .filter(**{field: target})
            # A reply under a hidden or deleted annotation goes with it.
            .filter(
                Q(parent__isnull=True)
                | Q(parent__deleted_at__isnull=True, parent__hidden_at__isnull=True)
            )
            .select_related("author")
            .order_by("-created_at", "-pk")[:limit]
        )
        stances = dict(Annotation.Stance.choices)
        return [
            ThreadItem(
                key=f"annotation-{a.pk}",
                author=a.author_name,
                title=f"{stances.get(a.stance, a.stance)} — {a.author_name}",
                html=a.body_html,
                published=a.created_at,
                updated=a.edited_at or a.created_at,
                anchor=f"annotation-{a.pk}",
            )
            for a in annotations
        ]

    def backup_querysets(self, debate, claim_ids: list[int], relation_ids: list[int]):
        annotations = Annotation.objects.filter(
            Q(claim__debate=debate) | Q(relation__debate=debate)
        )
        # Replies after the annotations they answer, so a restore meets the parent first.
        rows = [
            annotations.filter(parent__isnull=True),
            annotations.filter(parent__isnull=False),
            Flag.objects.filter(annotation__in=annotations),
        ]
        # History outlives deleted rows, so it is selected by the debate, not through the rows.
        history = [
            Annotation.history.filter(Q(claim_id__in=claim_ids) | Q(relation_id__in=relation_ids))
        ]
        return rows, history

    def document_annotations(self, debate, claim_keys: dict, relation_keys: dict) -> list:
        annotations = list(
            Annotation.objects.filter(Q(claim__debate=debate) | Q(relation__debate=debate))
            .select_related("author")
            .order_by("created_at", "pk")
        )
        keys = {a.pk: f"annotation-{index}" for index, a in enumerate(annotations, 1)}
        return [
            doc.Annotation(
                key=keys[a.pk],
                author=a.author.get_username() if a.author else a.imported_author,
                body=a.body,
                claim=claim_keys.get(a.claim_id, ""),
                relation=relation_keys.get(a.relation_id, ""),
                parent=keys.get(a.parent_id, ""),
                stance=a.stance,
                tags=a.tag_list,
                created_at=a.created_at,
                edited_at=a.edited_at,
                deleted_at=a.deleted_at,
                hidden_at=a.hidden_at,
                hidden_reason=a.hidden_reason,
            )
            for a in annotations
        ]

    def store_annotations(self, document, claim_ids: dict, relation_ids: dict):
        """Parents before replies: a reply points at an annotation stored before it."""
        stored: dict[str, int] = {}
        pending = list(document.annotations)
        debate_id = _debate_of(claim_ids, relation_ids) if pending else None
        while pending:
            ready = [a for a in pending if not a.parent or a.parent in stored]
            if not ready:
                raise ImportProblems([f"annotation {pending[0].key!r}: replies form a cycle"])
            rows = bulk_create_with_history(
                [
                    Annotation(
                        imported_author=a.author,  # a name, never an account
                        claim_id=claim_ids.get(a.claim),
                        relation_id=relation_ids.get(a.relation),
                        parent_id=stored.get(a.parent),
                        debate_id=debate_id,  # bulk_create skips save()
                        stance=a.stance,
                        tags=" ".join(a.tags),
                        body=a.body,
                        body_html=render_markdown(a.body),  # bulk_create skips save()
                        created_at=a.created_at or datetime.datetime.now(datetime.UTC),
                        edited_at=a.edited_at,
                        deleted_at=a.deleted_at,
                        hidden_at=a.hidden_at,
                        hidden_reason=a.hidden_reason,
                    )
                    for a in ready
                ],
                Annotation,
            )
            stored.update({a.key: row.pk for a, row in zip(ready, rows, strict=True)})
            ready_keys = {a.key for a in ready}
            pending = [a for a in pending if a.key not in ready_keys]
        if debate_id is not None:  # bulk_create sends no signal: readers' pages hear of it
            generations.record_changed(invalidation.debate_slug(debate_id))


def _debate_of(claim_ids: dict, relation_ids: dict) -> int | None:
    """The debate the claims and relations just stored belong to (all in one debate)."""
    for model, ids in ((Claim, claim_ids), (Relation, relation_ids)):
        if ids:
            rows = model.objects.filter(pk=next(iter(ids.values())))
            return rows.values_list("debate_id", flat=True).first()
    return None
