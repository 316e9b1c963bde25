"""The import worker's task: a file a reader uploaded becomes a debate away from their request
(`manage.py db_worker` runs it), and its job records how it went.

The import and the job's result are stored in one transaction: a worker killed mid-import
leaves neither a partial debate nor a job that claims one (the job page then gives up on it
after `STUCK_AFTER`)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django_tasks import task

from arguments.interchange.formats import import_file
from arguments.interchange.forms import free_slug
from arguments.interchange.models import ImportJob
from arguments.interchange.store import debate_slug_taken
from arguments.record.files import ImportProblems

TAKEN_MEANWHILE = "another import took this debate's address meanwhile: import it again"
PRIMARY = "default"  # the job is read where it is written, never from a lagging replica


@task()
def import_job(job_id: int) -> str:
    """Run the import of job `job_id` if it still waits; the job's status as it ends."""
    job = ImportJob.objects.using(PRIMARY).select_related("user").filter(pk=job_id).first()
    if job is None or job.status != ImportJob.Status.QUEUED:
        return job.status if job else "gone"  # run twice, or its user was deleted
    job.start()
    try:
        with transaction.atomic(using=PRIMARY):
            imported = import_file(
                job.text,
                job.format,
                job.filename,
                # Chosen now, not at upload: another import may have taken it meanwhile.
                slug=job.slug or free_slug(job.filename),
                imported_by=job.user.get_username(),
            )
            job.finish(
                ImportJob.Stage.FINISHED,
                debate=imported.debate,
                warnings=imported.warnings,
                dating=imported.dating,
            )
    except ImportProblems as error:
        job.finish(ImportJob.Stage.PROBLEMS, problems=error.problems)
    except IntegrityError as error:
        if not debate_slug_taken(error):
            job.finish(ImportJob.Stage.ERROR)
            raise
        # Another import took the address between the check and the insert.
        job.finish(ImportJob.Stage.PROBLEMS, problems=[TAKEN_MEANWHILE])
    except Exception:
        job.finish(ImportJob.Stage.ERROR)
        raise  # the worker logs it and marks its own task result failed
    return job.status


def queue_import(user, filename: str, format: str, slug: str, text: str) -> ImportJob:
    """A job for the worker, the file's text kept until it runs. The job and its task are
    stored together, so the worker never meets a task without its job."""
    with transaction.atomic(using=PRIMARY):
        job = ImportJob.objects.using(PRIMARY).create(
            user=user, filename=filename[:255], format=format, slug=slug, text=text
        )
        import_job.enqueue(job.pk)
    return job
