"""The worker's task for an uploaded HTML or PDF text: extract it (bounded in bytes and
pages, `texts.py`, and in time, `WORKBENCH_EXTRACTION_SECONDS`) and store it as the source's
text, in one transaction, refused as on the page when a quotation of the record would be
lost.

The extraction runs in a child process the worker kills when time is up: a pathological
page or PDF can keep pypdf or html2text looping in pure Python, which no thread can stop.
The child only reads bytes and hands back text; it touches no database, and it ends with
`os._exit` (multiprocessing's way), so the worker's connections are left alone. It may
grow by `WORKBENCH_EXTRACTION_MEGABYTES` of memory at most (an address-space limit on
Linux): a compressed stream that inflates without end fails alone, not the machine."""

from __future__ import annotations

import multiprocessing
import os

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from arguments.workbench.actions import TextWouldLoseQuotations, set_source_text
from arguments.workbench.forms import not_found_message
from arguments.workbench.models import TextExtraction
from arguments.workbench.texts import TextRefused, text_from_file

PRIMARY = "default"


class TooLong(Exception):
    """The extraction took longer than allowed: stopped."""


def _limit_memory(megabytes: int) -> None:
    """The child's address space: what it has when forked, plus `megabytes`."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return  # not Linux: the time bound still holds
    limit = size + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _extract(sending, filename: str, content: bytes, megabytes: int) -> None:
    try:
        _limit_memory(megabytes)
        sending.send(("text", text_from_file(filename, content)))
    except TextRefused as refusal:
        sending.send(("refused", str(refusal)))
    except MemoryError:
        sending.send(("memory", ""))
    except BaseException as error:  # handed to the worker, which logs it
        sending.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sending.close()


def text_within(
    filename: str, content: bytes, seconds: float, megabytes: int | None = None
) -> tuple[str, str]:
    """`text_from_file` in a child process given `seconds` to answer and `megabytes` more
    memory: `TooLong` past them (the child killed), `TextRefused` as the extraction says or
    when memory ran out, RuntimeError if it died."""
    if megabytes is None:
        megabytes = settings.WORKBENCH_EXTRACTION_MEGABYTES
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_extract, args=(sending, filename, content, megabytes), daemon=True
    )
    child.start()
    sending.close()  # the child holds its end: a dead child reads as EOF here
    try:
        if not receiving.poll(seconds):
            raise TooLong(seconds)
        kind, value = receiving.recv()
    except EOFError:
        raise RuntimeError("the extraction process died") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if kind == "refused":
        raise TextRefused(value)
    if kind == "memory":
        raise TextRefused(
            _(
                "Reading the file needed more memory than allowed: it was stopped. "
                "Paste the text instead."
            )
        )
    if kind == "error":
        raise RuntimeError(value)
    return value


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
        text, format_name = text_within(
            job.filename, bytes(job.content), settings.WORKBENCH_EXTRACTION_SECONDS
        )
        with transaction.atomic(using=PRIMARY):
            set_source_text(job.source, job.editor, text, format_name)
        job.status = TextExtraction.Status.STORED
    except TextRefused as refusal:
        job.status, job.message = TextExtraction.Status.REFUSED, str(refusal)
    except TooLong:
        # Nothing was stored: the text is set only once extracted whole.
        job.status = TextExtraction.Status.FAILED
        job.message = _(
            "Reading the file took longer than %(seconds)s seconds: it was stopped. "
            "Paste the text instead."
        ) % {"seconds": f"{settings.WORKBENCH_EXTRACTION_SECONDS:g}"}
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
