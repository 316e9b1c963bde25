"""The worker's extraction is bounded in time (`WORKBENCH_EXTRACTION_SECONDS`): a file that
takes longer is stopped in its child process, the job fails with a clear message, nothing
is stored, and the worker goes on with the next job."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


# In a fresh interpreter: a long-running one (the test run's own) holds freed memory that a
# forked child may reuse without growing, so only a small process shows the bound.
READ_WITH_TWO_MEGABYTES = """
import django
django.setup()
from arguments.workbench.tasks import text_within
from arguments.workbench.texts import TextRefused
page = ("<p>Le <em>numérique</em> est un <b>féodalisme</b>.</p>\\n" * 80_000).encode()
try:
    text_within("lourd.html", page, 60, megabytes=2)
except TextRefused as refusal:
    print(refusal)
"""


def test_an_extraction_past_its_memory_is_refused_with_a_clear_message():
    root = Path(__file__).resolve().parents[2]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "debate.settings",
        "PYTHONPATH": str(root),
    }
    done = subprocess.run(
        [sys.executable, "-c", READ_WITH_TWO_MEGABYTES],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in {MEMORY, MEMORY_FR}  # in the settings' language


MEMORY = "Reading the file needed more memory than allowed: it was stopped. Paste the text instead."
MEMORY_FR = (
    "La lecture du fichier demandait plus de mémoire que permis : elle a été arrêtée. "
    "Collez plutôt le texte."
)
