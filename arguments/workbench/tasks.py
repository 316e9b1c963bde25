"""The worker's task for an uploaded HTML or PDF text: extract it (bounded in bytes and
pages, `texts.py`) and store it as the source's text, in one transaction, refused as on the
page when a quotation of the record would be lost."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from arguments.workbench.actions import TextWouldLoseQuotations, set_source_text
from arguments.workbench.forms import not_found_message
from arguments.workbench.models import TextExtraction
from arguments.workbench.texts import TextRefused, text_from_file

PRIMARY = "default"


@task()
def extract_text(job_id: int) -> str:
    job = (
        TextExtraction.objects.using(PRIMARY)
        .select_related("source", "editor")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status != TextExtraction.Status.QUEUED:
        return job.status if job else "gone"
    try:
        text, format_name = text_from_file(job.filename, bytes(job.content))
        with transaction.atomic(using=PRIMARY):
            set_source_text(job.source, job.editor, text, format_name)
        job.status = TextExtraction.Status.STORED
    except TextRefused as refusal:
        job.status, job.message = TextExtraction.Status.REFUSED, str(refusal)
    except TextWouldLoseQuotations as refusal:
        job.status = TextExtraction.Status.REFUSED
        job.message = _("The new text would lose quotations of the record: it is not stored.")
        job.lost = [
            {
                "slug": lost.claim.slug,
                "statement": lost.claim.statement,
                "message": not_found_message(lost.closest),
            }
            for lost in refusal.lost
        ]
    except Exception:
        job.status = TextExtraction.Status.FAILED
        job.message = _("The file could not be read.")
        _finish(job)
        raise  # the worker logs it
    _finish(job)
    return job.status


def _finish(job: TextExtraction) -> None:
    job.content = b""  # the file is not kept once read
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "lost", "content", "finished_at"])


def queue_extraction(source, editor, filename: str, format_name: str, content: bytes):
    """A job for the worker; the job and its task are stored together."""
    with transaction.atomic(using=PRIMARY):
        job = TextExtraction.objects.using(PRIMARY).create(
            source=source,
            editor=editor,
            filename=filename[:255],
            format=format_name,
            content=content,
        )
        extract_text.enqueue(job.pk)
    return job
