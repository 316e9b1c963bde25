"""Site users' annotations on claims and relations: a stance, tags, a Markdown body, replies.

Deletion is soft: a deleted annotation keeps its row (and its replies) and shows as deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arguments.record.fields import CleanCharField, CleanTextField
from arguments.record.models import Claim, Debate, Relation, contributor_name, sees_hidden

from .markup import render_markdown

BODY_MAX_LENGTH = 5000
TAGS_MAX = 8


class AnnotationQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)

    def on_visible_targets(self, user):
        """Annotations on the claims and relations `user` may see (hidden ones and those in
        a hidden debate are out of sight with their annotations). Hidden annotations stay,
        as their threads show them: blanked, with the reason."""
        if sees_hidden(user):
            return self
        return self.filter(
            Q(claim__in=Claim.objects.visible_to(user))
            | Q(relation__in=Relation.objects.visible_to(user))
        )

    def awaiting_moderation(self):
        """Flagged, still shown: the moderation queue, most flagged first."""
        return (
            self.visible()
            .annotate(flag_count=Count("flags"))
            .filter(flag_count__gt=0)
            .select_related("author", "claim__debate", "relation__debate")
            .order_by("-flag_count", "created_at")
        )

    def threads_for(self, target: Claim | Relation):
        """Top-level annotations on a claim or relation, oldest first, with their replies."""
        field = "claim" if isinstance(target, Claim) else "relation"
        return (
            self.filter(**{field: target}, parent__isnull=True)
            .select_related("author")
            .prefetch_related(
                models.Prefetch(
                    "replies",
                    queryset=Annotation.objects.select_related("author").order_by("created_at"),
                )
            )
            .order_by("created_at")
        )

    def stance_counts(self) -> dict[str, int]:
        rows = self.visible().values("stance").annotate(count=Count("pk"))
        return {row["stance"]: row["count"] for row in rows}


class Annotation(models.Model):
    class Stance(models.TextChoices):
        COMMENT = "comment", _("comment")
        AGREE = "agree", _("agree")
        DISAGREE = "disagree", _("disagree")
        QUESTION = "question", _("question")
        NEEDS_SOURCE = "needs-source", _("needs a source")

    # Null when the account was deleted, or when the annotation came from an imported file
    # (then `imported_author` holds the name the file gave).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="annotations",
        null=True,
        blank=True,
    )
    imported_author = CleanCharField(
        _("author named in the imported file"), max_length=150, blank=True
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="annotations", null=True, blank=True
    )
    relation = models.ForeignKey(
        Relation, on_delete=models.CASCADE, related_name="annotations", null=True, blank=True
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="replies", null=True, blank=True
    )
    # The debate of the claim or relation, kept on the row and its history: the map's notes,
    # backups and the readers' cache's invalidation find an annotation's debate without a join.
    debate = models.ForeignKey(
        Debate, on_delete=models.CASCADE, related_name="+", null=True, blank=True, editable=False
    )
    stance = CleanCharField(_("stance"), max_length=20, choices=Stance, default=Stance.COMMENT)
    tags = CleanCharField(_("tags"), max_length=200, blank=True)
    body = CleanTextField(_("text"), max_length=BODY_MAX_LENGTH)
    # The body rendered and sanitised when saved: pages read it, they never parse Markdown.
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # bumped by each edit: detects conflicts
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    hidden_reason = CleanCharField(_("reason for hiding"), max_length=300, blank=True)

    objects = AnnotationQuerySet.as_manager()
    # body_html is left out of history: it follows from the body, and a restored version
    # is saved, so rendered again.
    # The history's own index on the debate is (debate, history_id), made by migration 0008.
    history = HistoricalRecords(excluded_fields=["version", "body_html"], no_db_index=["debate"])

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(claim__isnull=False) & Q(relation__isnull=True))
                | (Q(claim__isnull=True) & Q(relation__isnull=False)),
                name="annotation_one_target",
            ),
            models.CheckConstraint(
                condition=Q(
                    stance__in=["comment", "agree", "disagree", "question", "needs-source"]
                ),
                name="annotation_known_stance",
            ),
        ]
        indexes = [models.Index(fields=["claim", "created_at"])]
        permissions = [("moderate_annotation", "Can hide and restore annotations")]

    def __str__(self) -> str:
        return f"{self.author} ({self.stance}): {self.body[:40]}"

    def save(self, *args, **kwargs):
        self.fill_debate()
        # body_html follows body whenever body is written.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.render_body()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def fill_debate(self) -> None:
        """The debate of the target, when not set yet (a write that skips save(), such as
        bulk_create, sets it itself). A claim or relation never changes debate."""
        if self.debate_id is not None or not (self.claim_id or self.relation_id):
            return
        name, model = ("claim", Claim) if self.claim_id else ("relation", Relation)
        if self._meta.get_field(name).is_cached(self):
            self.debate_id = getattr(self, name).debate_id
        else:  # one short query, not the whole target (a restore may not have it yet)
            target = model.objects.filter(pk=getattr(self, f"{name}_id"))
            self.debate_id = target.values_list("debate_id", flat=True).first()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def author_name(self) -> str:
        return contributor_name(self.author, self.imported_author)

    @property
    def target(self) -> Claim | Relation:
        return self.claim if self.claim_id else self.relation

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split() if tag]

    def render_body(self) -> None:
        """Fill body_html from body. save() calls it; a write that skips save()
        (bulk_create, QuerySet.update) must call it, or set body_html itself."""
        self.body_html = render_markdown(self.body)

    def can_edit(self, user) -> bool:
        return (
            user.is_authenticated
            and user.pk == self.author_id
            and not self.is_deleted
            and not self.is_hidden
        )

    def reply(self, author, body: str, stance: str = Stance.COMMENT) -> Annotation:
        return Annotation.objects.create(
            author=author,
            claim=self.claim,
            relation=self.relation,
            parent=self.parent or self,  # one level of replies: answers to a reply join the thread
            stance=stance,
            body=body,
        )

    def revise(self, body: str, stance: str, tags: str, based_on: int | None = None) -> bool:
        """Save an edit made from version `based_on`; False, and nothing saved, if someone
        saved another version since (the check and the write are one UPDATE)."""
        based_on = self.version if based_on is None else based_on
        now = timezone.now()
        body_html = render_markdown(body)
        saved = Annotation.objects.filter(pk=self.pk, version=based_on).update(
            body=body,
            body_html=body_html,
            stance=stance,
            tags=tags,
            edited_at=now,
            version=based_on + 1,
        )
        if saved:
            self.body, self.body_html, self.stance, self.tags = body, body_html, stance, tags
            self.edited_at, self.version = now, based_on + 1
            # An UPDATE sends no signal: save once more so the history records this version.
            self.save(update_fields=["edited_at"])
        return bool(saved)

    def flag(self, reporter, reason: str) -> Flag:
        flag, _created = Flag.objects.get_or_create(
            annotation=self, reporter=reporter, defaults={"reason": reason}
        )
        return flag

    def hide(self, moderator, reason: str) -> None:
        self.hidden_at, self.hidden_by, self.hidden_reason = timezone.now(), moderator, reason
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])

    def restore(self) -> None:
        self.hidden_at, self.hidden_by, self.hidden_reason = None, None, ""
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        self.flags.all().delete()  # the flags are answered

    def soft_delete(self) -> None:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at"])


class Flag(models.Model):
    """A reader's report that an annotation breaks the rules; one per reader."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    reason = CleanCharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["annotation", "reporter"], name="flag_once_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.reporter} flags {self.annotation_id}: {self.reason[:40]}"


@receiver(pre_save, sender=Annotation)
def render_restored_body(sender, instance, raw, **kwargs):
    """A backup restore or loaddata saves rows raw, bypassing save(): their body_html is
    rendered here rather than trusted from the file (a crafted file could carry a script)."""
    if raw:
        instance.render_body()
        instance.fill_debate()  # a backup made before annotations kept their debate
