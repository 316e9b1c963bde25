"""Imports from the web page run on the task queue: the request checks the file and queues a
job, the worker (run here in-process, as `manage.py db_worker` does) imports it, and the job's
page follows it, polled by htmx."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from arguments.interchange.models import STUCK_AFTER, UNFINISHED_PER_USER, ImportJob
from arguments.interchange.tasks import import_job, queue_import
from arguments.record.models import Debate
from tests.interchange.worker import run_worker, worker_runs

IMPORT_URL = reverse("arguments:import")
ARGDOWN = (
    b"# Rente\n\n[Rente]: Les plateformes captent une rente.\n  + [Preuve]: Les prix montent.\n"
)
EN = {"Accept-Language": "en"}  # the English msgids, whatever the French catalogue says
HTMX = {"HX-Request": "true", **EN}


def upload(client, name: str, content: bytes, **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **fields})


def job_url(job: ImportJob) -> str:
    return reverse("arguments:import_job", args=[job.pk])


@worker_runs
def test_the_request_queues_the_import_and_the_worker_runs_it(client, alice):
    client.force_login(alice)
    response = upload(client, "rente.argdown", ARGDOWN)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job_url(job)
    # The request is over, the import has not run: a job and its task wait for the worker.
    assert (job.status, job.user, job.format, job.filename) == (
        "queued",
        alice,
        "argdown",
        "rente.argdown",
    )
    assert job.text == ARGDOWN.decode()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not Debate.objects.exists()

    run_worker()

    job.refresh_from_db()
    debate = Debate.objects.get()
    assert (job.status, job.debate, job.stage) == ("done", debate, "finished")
    assert job.text == ""  # the file is not kept once imported
    assert job.finished_at is not None
    assert debate.slug == "rente"
    assert debate.imported_from == "Argdown: rente.argdown (alice)"
    assert debate.published_at is None  # unlisted until a moderator publishes it
    assert debate.claims.count() == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@worker_runs
def test_the_job_page_follows_the_import_and_stops_polling_when_it_is_over(client, alice):
    client.force_login(alice)
    job = ImportJob.objects.get(pk=upload(client, "rente.argdown", ARGDOWN).url.split("/")[-2])
    page = client.get(job_url(job), headers=EN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Import of rente.argdown</h1>" in html
    assert "Waiting for the import worker." in html
    assert 'hx-trigger="every 1s"' in html
    assert f'href="{job_url(job)}"' in html  # without JavaScript, the reader refreshes
    partial = client.get(job_url(job), headers=HTMX).content.decode()
    assert partial.lstrip().startswith('<section id="import-status"')
    assert "<html" not in partial
    assert 'hx-trigger="every 1s"' in partial

    run_worker()

    partial = client.get(job_url(job), headers=HTMX).content.decode()
    assert "hx-trigger" not in partial
    debate = Debate.objects.get()
    assert f'href="{debate.get_absolute_url()}"' in partial
    full = client.get(job_url(job), headers=EN).content.decode()
    assert "hx-trigger" not in full
    assert f'href="{debate.get_absolute_url()}"' in full


@worker_runs
def test_the_job_page_reads_the_job_in_a_fixed_number_of_queries(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    client.get(job_url(job))
    # session, user, the job with its debate and user
    with django_assert_num_queries(3):
        assert client.get(job_url(job), headers=HTMX).status_code == 200
    run_worker()
    with django_assert_num_queries(3):
        assert client.get(job_url(job), headers=HTMX).status_code == 200


@worker_runs
def test_the_warnings_are_on_the_job_page(client, alice):
    client.force_login(alice)
    text = b"===\ntitle: T\nauthor: Me\n===\n\n[A]: a\n  + [B]: b\n"
    job_page = upload(client, "t.argdown", text).url
    run_worker()
    page = client.get(job_page, headers=EN).content.decode()
    assert "Notes on the import" in page
    assert "front matter (line 1): keys not kept: author" in page


@worker_runs
def test_a_malformed_file_fails_on_the_worker_with_its_problems_and_the_form(client, alice):
    client.force_login(alice)
    job_page = upload(
        client, "bad.argdown", b"[A]: a\n    + [B]: b\n  - [C]: c\n", format="kialo"
    ).url
    run_worker()
    job = ImportJob.objects.get()
    assert (job.status, job.stage, job.text) == ("failed", "problems", "")
    assert job.problems[0].startswith("line 1")
    assert not Debate.objects.exists()
    page = client.get(job_page, headers=EN).content.decode()
    assert "The file was not imported: 1 problem." in page
    assert "The file has problems: nothing was stored." in page
    assert 'enctype="multipart/form-data"' in page  # the form again
    assert "hx-trigger" not in page


def test_the_form_is_checked_in_the_request_and_nothing_is_queued(client, alice, small_debate):
    client.force_login(alice)
    assert upload(client, "latin1.argdown", "[é]: café".encode("latin-1")).status_code == 400
    assert upload(client, "a.argdown", ARGDOWN, slug=small_debate.slug).status_code == 400
    assert upload(client, "a.argdown", ARGDOWN, format="docx").status_code == 400
    assert not ImportJob.objects.exists()
    assert not DBTaskResult.objects.exists()


@worker_runs
def test_an_address_taken_while_the_job_waited_fails_the_job(client, alice, small_debate):
    client.force_login(alice)
    upload(client, "a.argdown", ARGDOWN, slug="rente")
    Debate.objects.create(slug="rente", title="Pris entre-temps")
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert job.problems == ["a debate 'rente' exists already: import under another slug"]
    assert Debate.objects.count() == 2


@worker_runs
def test_without_an_address_the_worker_picks_a_free_one(client, alice):
    client.force_login(alice)
    upload(client, "rente.argdown", ARGDOWN)
    upload(client, "rente.argdown", ARGDOWN)
    run_worker()
    assert set(Debate.objects.values_list("slug", flat=True)) == {"rente", "rente-2"}


@worker_runs
def test_a_reader_cannot_fill_the_queue(client, alice):
    client.force_login(alice)
    for _ in range(UNFINISHED_PER_USER):
        assert upload(client, "rente.argdown", ARGDOWN).status_code == 302
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("r.argdown", ARGDOWN)}, headers=EN
    )
    assert response.status_code == 400
    assert "You have 3 imports under way: wait until one is over." in response.content.decode()
    assert ImportJob.objects.count() == UNFINISHED_PER_USER
    run_worker()
    assert upload(client, "rente.argdown", ARGDOWN).status_code == 302


def test_only_the_importer_and_the_moderators_see_a_job(client, alice, bob, maud):
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    response = client.get(job_url(job))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    client.force_login(bob)
    assert client.get(job_url(job)).status_code == 404
    assert client.get(job_url(job), headers=HTMX).status_code == 404
    client.force_login(maud)
    assert client.get(job_url(job)).status_code == 200
    client.force_login(alice)
    assert client.get(job_url(job)).status_code == 200
    assert client.post(job_url(job)).status_code == 405
    assert client.get(reverse("arguments:import_job", args=[job.pk + 1])).status_code == 404


def test_a_job_whose_worker_died_is_shown_as_failed(client, alice):
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    job.start()
    client.force_login(alice)
    assert 'hx-trigger="every 1s"' in client.get(job_url(job)).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - STUCK_AFTER - datetime.timedelta(seconds=1)
    )
    page = client.get(job_url(job), headers=EN).content.decode()
    job.refresh_from_db()
    assert (job.status, job.stage, job.text) == ("failed", "lost", "")
    assert "hx-trigger" not in page
    assert "The import worker stopped during the import" in page


@worker_runs
def test_a_job_run_twice_imports_once(client, alice):
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    run_worker()
    assert import_job.call(job.pk) == "done"
    assert Debate.objects.count() == 1


def test_an_old_queued_job_says_the_worker_may_be_stopped(client, alice):
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    client.force_login(alice)
    assert "may be stopped" not in client.get(job_url(job), headers=EN).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert "may be stopped" in client.get(job_url(job), headers=EN).content.decode()


def test_the_import_page_lists_the_readers_latest_imports(client, alice, bob):
    queue_import(bob, "autre.argdown", "argdown", "", ARGDOWN.decode())
    job = queue_import(alice, "rente.argdown", "argdown", "", ARGDOWN.decode())
    client.force_login(alice)
    page = client.get(IMPORT_URL).content.decode()
    assert f'href="{job_url(job)}"' in page
    assert "autre.argdown" not in page
