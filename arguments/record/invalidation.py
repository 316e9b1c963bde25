"""Which generations a write to the record changes: every save or delete of a debate, its
participants, sources, claims, relations, undercuts and questions (and a source's authors,
a question's answers) invalidates that debate's record and the site's lists. Writes that
send no signals (bulk imports, raw SQL) call `generations.record_changed` themselves.
Connected when the app is ready."""

from __future__ import annotations

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from arguments.record import generations
from arguments.record.models import (
    Answer,
    Claim,
    Debate,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)

# A debate's slug never changes once made (the admin shows it read-only), so the slug of a
# debate id, once read, is kept by the process: a cascade deleting thousands of claims asks
# the database once.
_slugs: dict[int, str] = {}
_slugs_lock = threading.Lock()


def debate_slug(debate_id: int) -> str | None:
    slug = _slugs.get(debate_id)
    if slug is None:
        slug = Debate.objects.filter(pk=debate_id).values_list("slug", flat=True).first()
        if slug is not None:
            with _slugs_lock:
                _slugs[debate_id] = slug
    return slug


def _debate_saved(sender, instance: Debate, **kwargs) -> None:
    with _slugs_lock:
        _slugs[instance.pk] = instance.slug
    generations.record_changed(instance.slug)


def _debate_renamed(sender, instance: Debate, raw=False, **kwargs) -> None:
    """A slug changed all the same (a script): the pages at the old address go too."""
    if instance.pk is None or raw:
        return
    old = Debate.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old is not None and old != instance.slug:
        generations.record_changed(old)


def _debate_deleted(sender, instance: Debate, **kwargs) -> None:
    generations.record_changed(instance.slug)


def _part_changed(sender, instance, **kwargs) -> None:
    slug = debate_slug(instance.debate_id)
    if slug is not None:
        generations.record_changed(slug)


def _answer_changed(sender, instance: Answer, **kwargs) -> None:
    """An answer belongs to its debate through its question."""
    question = Question.objects.filter(pk=instance.question_id)
    debate_id = question.values_list("debate_id", flat=True).first()
    slug = debate_slug(debate_id) if debate_id is not None else None
    if slug is not None:
        generations.record_changed(slug)


def _authors_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_"):  # `instance`: the source, or the participant
        _part_changed(sender, instance)


def connect() -> None:
    pre_save.connect(_debate_renamed, sender=Debate, dispatch_uid="generations-debate-renamed")
    post_save.connect(_debate_saved, sender=Debate, dispatch_uid="generations-debate-saved")
    post_delete.connect(_debate_deleted, sender=Debate, dispatch_uid="generations-debate-deleted")
    for model in (Participant, Source, Claim, Relation, Undercut, Question):
        uid = f"generations-{model.__name__}"
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(_answer_changed, sender=Answer, dispatch_uid="generations-Answer-saved")
    post_delete.connect(_answer_changed, sender=Answer, dispatch_uid="generations-Answer-deleted")
    m2m_changed.connect(
        _authors_changed, sender=Source.authors.through, dispatch_uid="generations-authors"
    )
