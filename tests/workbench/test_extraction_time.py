"""The worker's extraction is bounded in time (`WORKBENCH_EXTRACTION_SECONDS`): a file that
takes longer is stopped in its child process, the job fails with a clear message, nothing
is stored, and the worker goes on with the next job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from arguments.workbench.models import SourceText, TextExtraction
from arguments.workbench.tasks import TooLong, text_within
from arguments.workbench.texts import TextRefused
from tests.interchange.worker import run_worker, worker_runs

pytestmark = pytest.mark.usefixtures("english")

# A page html2text needs seconds to read: about 4.5 MB of short paragraphs with emphasis.
SLOW_PAGE = ("<p>Le <em>numérique</em> est un <b>féodalisme</b>.</p>\n" * 80_000).encode()


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


def test_a_fast_extraction_answers_the_text():
    page = b"<p>Un <em>premier</em> paragraphe.</p><p>Un second.</p>"
    assert text_within("page.html", page, 30) == (
        "Un *premier* paragraphe.\n\nUn second.",
        "html",
    )


def test_a_refusal_in_the_child_is_the_same_refusal():
    with pytest.raises(TextRefused, match=r"The file is not a PDF that can be read\."):
        text_within("broken.pdf", b"%PDF-1.4 and then nothing", 30)


def test_a_slow_extraction_is_stopped():
    with pytest.raises(TooLong):
        text_within("slow.html", SLOW_PAGE, 0.05)


@worker_runs
def test_a_slow_file_fails_with_a_clear_message_and_the_worker_goes_on(
    client, edith, small_debate, settings
):
    assert len(SLOW_PAGE) < 5 * 1024 * 1024  # within the size bound: only time stops it
    client.force_login(edith)
    settings.WORKBENCH_EXTRACTION_SECONDS = 0.05
    client.post(
        url("workbench_text", source_slug="essai-2025"),
        {"upload": SimpleUploadedFile("lent.html", SLOW_PAGE)},
    )
    run_worker()
    job = TextExtraction.objects.get()
    assert job.status == "failed"
    assert job.message == (
        "Reading the file took longer than 0.05 seconds: it was stopped. Paste the text instead."
    )
    assert bytes(job.content) == b""  # the file is not kept
    assert not SourceText.objects.exists()  # nothing half-written
    # The task itself ended normally: the worker was not brought down.
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = client.get(url("workbench_extraction", job_id=job.pk)).content.decode()
    assert "Paste the text instead." in page

    settings.WORKBENCH_EXTRACTION_SECONDS = 60
    client.post(
        url("workbench_text", source_slug="essai-2025"),
        {"upload": SimpleUploadedFile("court.html", b"<p>Un texte court.</p>")},
    )
    run_worker()
    assert TextExtraction.objects.latest("pk").status == "stored"
    assert SourceText.objects.get().text == "Un texte court."


MEMORY = "Reading the file needed more memory than allowed: it was stopped. Paste the text instead."


def test_an_extraction_past_its_memory_is_refused():
    # The same page needs tens of megabytes to read: with two, the child runs out.
    with pytest.raises(TextRefused, match=r"needed more memory than allowed"):
        text_within("heavy.html", SLOW_PAGE, 60, megabytes=2)


@worker_runs
def test_a_file_past_the_memory_bound_is_refused_and_the_worker_goes_on(
    client, edith, small_debate, settings
):
    client.force_login(edith)
    settings.WORKBENCH_EXTRACTION_MEGABYTES = 2
    client.post(
        url("workbench_text", source_slug="essai-2025"),
        {"upload": SimpleUploadedFile("lourd.html", SLOW_PAGE)},
    )
    run_worker()
    job = TextExtraction.objects.get()
    assert (job.status, job.message) == ("refused", MEMORY)
    assert not SourceText.objects.exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
