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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.statement
