"""An import waiting for, or done by, the task worker: the uploaded file, how far it got, and
its result (the new debate) or its problems. Read from the primary database only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arguments.record.fields import CleanCharField


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = CleanCharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20)
    slug = models.SlugField(_("address of the new debate"), blank=True)
    text = models.TextField(_("file text"))  # emptied once the import is over
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    stage = CleanCharField(_("stage"), max_length=200, blank=True)
    problems = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    dating = models.JSONField(default=list, blank=True)
    debate = models.ForeignKey(
        "arguments.Debate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "arguments"
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
