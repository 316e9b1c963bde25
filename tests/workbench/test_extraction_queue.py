"""Uploaded HTML and PDF texts are read by the task worker (run here in-process, as
`manage.py db_worker` does): the request stores the source and queues the file, the job's
page follows it, and the outcome is the text stored, or a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from arguments.record.models import Claim, Source
from arguments.workbench.models import SourceText, TextExtraction
from tests.interchange.worker import run_worker, worker_runs
from tests.workbench.conftest import ESSAY_TEXT

INTEROP = Path(__file__).resolve().parent.parent / "data" / "interop"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


@pytest.fixture
def editor_client(client, edith):
    client.force_login(edith)
    return client


def new_source(client, filename: str, content: bytes):
    return client.post(
        url("workbench_new_source"),
        {
            "title": "Un texte en ligne",
            "new_author": "Autrice",
            "date": "2025",
            "date_qualifier": "circa",
            "language": "fr",
            "upload": SimpleUploadedFile(filename, content),
        },
    )


@worker_runs
def test_an_html_file_is_queued_then_read_by_the_worker(editor_client, small_debate):
    content = (INTEROP / "html" / "blockquote_paragraph_linebreak.html").read_bytes()
    response = new_source(editor_client, "page.html", content)
    job = TextExtraction.objects.get()
    source = Source.objects.get(title="Un texte en ligne")
    assert response.status_code == 302
    assert response.url == url("workbench_extraction", job_id=job.pk)
    # The request is over: the source is stored, its text waits for the worker.
    assert (job.status, job.format, bytes(job.content)) == ("queued", "html", content)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not SourceText.objects.filter(source=source).exists()
    waiting = editor_client.get(response.url, HTTP_HX_REQUEST="true", **EN).content.decode()
    assert 'hx-trigger="every 1s"' in waiting

    run_worker()

    job.refresh_from_db()
    assert (job.status, bytes(job.content)) == ("stored", b"")
    assert source.full_text.text == "Paragraph 1\n\nParagraph 2\n\nParagraph 3"
    assert source.full_text.format == "html"
    done = editor_client.get(response.url, **EN).content.decode()
    assert "Open the text and make claims from it" in done
    assert 'hx-trigger="every 1s"' not in done


@worker_runs
def test_a_real_pdf_is_read_by_the_worker(editor_client, small_debate):
    content = (INTEROP / "pdf" / "simple-pdf-2.0-file.pdf").read_bytes()
    new_source(editor_client, "hello.pdf", content)
    run_worker()
    stored = Source.objects.get(title="Un texte en ligne").full_text
    assert (stored.text, stored.format) == ("Hello World", "pdf")


@worker_runs
def test_a_broken_pdf_is_refused_by_the_worker_with_a_clear_message(editor_client, small_debate):
    response = new_source(editor_client, "broken.pdf", b"%PDF-1.4 and then nothing")
    run_worker()
    job = TextExtraction.objects.get()
    assert (job.status, job.message) == ("refused", "The file is not a PDF that can be read.")
    html = editor_client.get(response.url, **EN).content.decode()
    assert "The file is not a PDF that can be read." in html
    assert not SourceText.objects.exists()


@worker_runs
def test_a_queued_text_losing_a_quotation_is_refused_naming_it(editor_client, small_debate):
    essay = small_debate.sources.get(slug="essai-2025")
    stored = SourceText(source=essay)
    stored.set_text(ESSAY_TEXT, "text")
    stored.save()
    page = "<p>Introduction. Nous le disons : le numérique est un féodalisme.</p>"
    response = editor_client.post(
        url("workbench_text", source_slug="essai-2025"),
        {"upload": SimpleUploadedFile("essai.html", page.encode())},
    )
    run_worker()
    job = TextExtraction.objects.get()
    assert job.status == "refused"
    assert [item["slug"] for item in job.lost] == ["support-rent"]
    html = editor_client.get(response.url, **EN).content.decode()
    assert "Les plateformes prélèvent une rente." in html
    stored.refresh_from_db()
    assert stored.text == ESSAY_TEXT
    assert Claim.objects.get(slug="thesis").checked_against == ""


def test_readers_and_moderators_cannot_see_a_job(client, alice, maud, small_debate, edith):
    job = TextExtraction.objects.create(
        source=small_debate.sources.first(), editor=edith, filename="a.pdf", format="pdf"
    )
    address = url("workbench_extraction", job_id=job.pk)
    for user in (alice, maud):
        client.force_login(user)
        assert client.get(address).status_code == 403
        assert client.post(address).status_code == 403
    client.logout()
    assert client.get(address).status_code == 302
    assert client.post(address).status_code == 403


def test_a_job_of_another_debate_is_not_found(editor_client, small_debate, edith):
    job = TextExtraction.objects.create(
        source=small_debate.sources.first(), editor=edith, filename="a.pdf", format="pdf"
    )
    address = reverse("arguments:workbench_extraction", args=["autre-debat", job.pk])
    assert editor_client.get(address).status_code == 404
