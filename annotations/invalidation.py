"""Which generations an annotation changes: its debate's readers' notes (the map's tooltips)
and the thread of its claim or relation, never the record. Connected when the app is ready."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from arguments.record import generations
from arguments.record.invalidation import debate_slug
from arguments.record.models import Claim

from .models import Annotation


def _annotation_changed(sender, instance: Annotation, **kwargs) -> None:
    slug = debate_slug(instance.debate_id) if instance.debate_id else None
    if slug is None:
        return
    if instance.claim_id:
        claim = Claim.objects.filter(pk=instance.claim_id).values_list("slug", flat=True).first()
        target = generations.thread(slug, "claim", claim)
    else:
        target = generations.thread(slug, "relation", instance.relation_id)
    generations.changed([generations.SITE_READERS, generations.readers(slug), target])


def connect() -> None:
    post_save.connect(_annotation_changed, sender=Annotation, dispatch_uid="generations-saved")
    post_delete.connect(_annotation_changed, sender=Annotation, dispatch_uid="generations-deleted")
