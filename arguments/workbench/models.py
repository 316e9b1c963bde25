"""A source's full text, for editors only: the texts are under copyright, so readers never
get more than the quotations. No reader's page, API, export, search or backup reads this
table; the admin does not list it."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from arguments.record.models import Source

# The editors' permission, on this model because it is the editors' own table.
EDIT = "arguments.use_workbench"


class SourceText(models.Model):
    class Format(models.TextChoices):
        TEXT = "text", _("plain text")
        HTML = "html", _("HTML")
        PDF = "pdf", _("PDF")

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, related_name="full_text", verbose_name=_("source")
    )
    # Plain, NFC, paragraphs separated by one blank line (arguments/workbench/texts.py).
    text = models.TextField(_("full text"))
    format = models.CharField(_("format"), max_length=10, choices=Format, default=Format.TEXT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("source's full text")
        verbose_name_plural = _("sources' full texts")
        permissions = [("use_workbench", _("Can use the editors' workbench"))]

    def __str__(self) -> str:
        return str(self.source)

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def set_text(self, text: str, format: str) -> None:
        self.text = text
        self.format = format
        self.sha256 = self.digest(text)

    @property
    def checked_against(self) -> str:
        """What a claim checked against this text says it was checked against."""
        return f"stored text of {self.source.slug} (sha256 {self.sha256})"

    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n")


class TextExtraction(models.Model):
    """An uploaded HTML or PDF file waiting for, or read by, the task worker (`manage.py
    db_worker`): extracting a large page or PDF takes seconds, so it does not hold up a
    request. The file is dropped once read; the outcome stays for the editor to see."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        STORED = "stored", _("the text is stored")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=10, choices=SourceText.Format)
    content = models.BinaryField(blank=True, default=b"")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    message = models.TextField(blank=True, default="")
    # Claims whose quotations the new text would lose: [{"slug", "statement", "message"}].
    lost = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} → {self.source}"

    @property
    def is_over(self) -> bool:
        return self.status != self.Status.QUEUED


class DraftClaim(models.Model):
    """An editor's claim made from a stored text, not yet in the record. Drafts live in
    this table of their own, which no reader's page, cache, map, search, export or API
    reads: readers cannot see one by construction. Publishing makes them claims of the
    record, their quotations checked again (arguments/workbench/actions.py)."""

    debate = models.ForeignKey("arguments.Debate", on_delete=models.CASCADE, related_name="+")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The text the quotation's words come from (the reporter's, for reported speech).
    quoted_from = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    # Reported speech: the holder's own text, where the position was stated.
    reported_from = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    holder = models.ForeignKey("arguments.Participant", on_delete=models.CASCADE, related_name="+")
    statement = models.TextField()
    statement_en = models.TextField()
    quotation = models.TextField()
    section = models.CharField(max_length=300, blank=True, default="")
    paragraph = models.PositiveIntegerField(null=True, blank=True)
    # Where the quotation is in the stored text (offsets of the stored text, end exclusive)
    # and the words around it: a W3C TextPositionSelector and TextQuoteSelector. Kept so
    # that a passage said twice in a text is the one the editor selected.
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    prefix = models.CharField(max_length=64, blank=True, default="")
    suffix = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.statement


class DraftRelation(models.Model):
    """An editor's relation not yet in the record: from a draft or a record claim, to a
    record claim (support, objection, rephrase) or to a record relation (an undercut),
    drawn by the text (with the passage of its stored text that argues it) or by the
    editors (with their one-line justification). Like the draft claims, a table of its
    own that no reader's page reads; published with them, in the same transaction."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("supports")
        OBJECTION = "objection", _("objects to")
        UNDERCUT = "undercut", _("undercuts the relation")
        REPHRASE = "rephrase", _("restates")

    class Layer(models.TextChoices):
        TEXT = "text", _("the text's own argument")
        EDITORS = "editors", _("editors' link")

    debate = models.ForeignKey("arguments.Debate", on_delete=models.CASCADE, related_name="+")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # One of the two: the claim this relation starts from.
    from_draft = models.ForeignKey(
        DraftClaim, on_delete=models.CASCADE, null=True, blank=True, related_name="relations"
    )
    from_claim = models.ForeignKey(
        "arguments.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    # One of the two: a claim, or the relation an undercut objects to.
    to_claim = models.ForeignKey(
        "arguments.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_relation = models.ForeignKey(
        "arguments.Relation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    layer = models.CharField(max_length=10, choices=Layer)
    # The text's own argument: the text that makes it and the passage of its stored text.
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    passage = models.TextField(blank=True, default="")
    justification = models.CharField(max_length=300, blank=True, default="")
    justification_en = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_draft__isnull=True) ^ models.Q(from_claim__isnull=True),
                name="draft_relation_one_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="undercut", to_relation__isnull=False, to_claim__isnull=True)
                    | (
                        ~models.Q(kind="undercut")
                        & models.Q(to_claim__isnull=False, to_relation__isnull=True)
                    )
                ),
                name="draft_relation_one_end",
            ),
            models.CheckConstraint(
                condition=(models.Q(layer="text", source__isnull=False) & ~models.Q(passage=""))
                | (models.Q(layer="editors", source__isnull=True) & ~models.Q(justification="")),
                name="draft_relation_layer_vouched",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_statement} {self.kind} {self.end_statement}"

    @property
    def start_statement(self) -> str:
        return (self.from_draft or self.from_claim).statement

    @property
    def end_statement(self) -> str:
        if self.to_relation_id:
            return str(self.to_relation.summary)
        return self.to_claim.display_statement
