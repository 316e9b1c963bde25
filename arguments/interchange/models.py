"""An import waiting for, or done by, the task worker: the uploaded file, how far it got, and
its result (the new debate) or its problems. Read from the primary database only."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arguments.record.fields import CleanCharField

# An import still "running" after this long lost its worker (killed, redeployed): the import
# ran in one transaction, so nothing of it was stored, and it is shown as failed. The largest
# file accepted takes a few minutes.
STUCK_AFTER = timedelta(minutes=30)
# Imports a reader may have waiting or running at once: more are refused until one is over.
UNFINISHED_PER_USER = 3


class ImportJob(models.Model):
    class Stage(models.TextChoices):
        """Where the import is, or why it stopped; shown to the importer."""

        WAITING = "", _("Waiting for the import worker.")
        IMPORTING = "importing", _("Reading the file and storing the debate.")
        FINISHED = "finished", _("Finished.")
        PROBLEMS = "problems", _("The file has problems: nothing was stored.")
        ERROR = "error", _("The import stopped on an error of the site: nothing was stored.")
        LOST = (
            "lost",
            _(
                "The import worker stopped during the import (it was restarted): "
                "nothing was stored. Import the file again."
            ),
        )

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

    @property
    def stage_label(self) -> str:
        return self.Stage(self.stage).label if self.stage in self.Stage.values else self.stage

    def visible_to(self, user) -> bool:
        """Its importer's, and the moderators' (who decide whether to publish the debate)."""
        from arguments.record.models import MODERATE

        return user.pk == self.user_id or user.has_perm(MODERATE)

    def start(self) -> None:
        self.status, self.stage = self.Status.RUNNING, self.Stage.IMPORTING
        self.started_at = timezone.now()
        self.save(update_fields=["status", "stage", "started_at"])

    def finish(self, stage: str, debate=None, problems=(), warnings=(), dating=()) -> None:
        """Over, done when it made a debate, failed otherwise; the file's text is dropped."""
        self.status = self.Status.DONE if debate is not None else self.Status.FAILED
        self.stage, self.debate, self.finished_at, self.text = stage, debate, timezone.now(), ""
        self.problems, self.warnings, self.dating = list(problems), list(warnings), list(dating)
        self.save()

    def is_lost(self, at=None) -> bool:
        """Running for longer than any import takes: its worker died."""
        started = self.started_at or self.created_at
        return self.status == self.Status.RUNNING and (at or timezone.now()) - started > STUCK_AFTER

    def give_up_if_lost(self) -> None:
        if self.is_lost():
            self.finish(self.Stage.LOST)

    @property
    def waiting_long(self) -> bool:
        """Queued for more than a minute: the worker may not be running."""
        waited = timezone.now() - self.created_at
        return self.status == self.Status.QUEUED and waited > timedelta(minutes=1)
