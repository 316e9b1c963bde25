"""Downloading a debate and importing one, in the web interface and with the commands."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from annotations.models import Annotation
from arguments.interchange import native, store
from arguments.record.models import Claim, Debate
from tests.interchange.worker import run_worker, worker_runs


def export_url(debate, name):
    return reverse("arguments:export", args=[debate.slug, name])


IMPORT_URL = reverse("arguments:import")


def upload(client, name: str, content: bytes, **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **fields})


@pytest.fixture
def hidden_annotation(small_debate, bob, maud):
    annotation = Annotation.objects.create(
        author=bob, claim=small_debate.claims.get(slug="thesis"), body="Texte masqué"
    )
    annotation.hide(maud, "hors sujet")
    return annotation


# --- download ---------------------------------------------------------------------------


def test_anonymous_readers_download_what_readers_see(client, small_debate, hidden_annotation):
    response = client.get(export_url(small_debate, "json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data == native.to_native(store.document_from_debate(small_debate, complete=False))
    assert "Texte masqué" not in response.content.decode()


def test_it_rejects_post(client, alice, small_debate):
    client.force_login(alice)
    assert client.post(export_url(small_debate, "json")).status_code == 405


def test_an_unknown_format_or_debate_is_not_found(client, alice, small_debate):
    client.force_login(alice)
    assert client.get(export_url(small_debate, "docx")).status_code == 404
    assert client.get(reverse("arguments:export", args=["nope", "json"])).status_code == 404


def test_a_reader_downloads_what_readers_see(client, alice, small_debate, hidden_annotation):
    client.force_login(alice)
    response = client.get(export_url(small_debate, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="petit-debat.json"'
    data = json.loads(response.content)
    assert data == native.to_native(store.document_from_debate(small_debate, complete=False))
    assert "Texte masqué" not in response.content.decode()


def test_a_moderator_downloads_everything(client, maud, small_debate, hidden_annotation):
    client.force_login(maud)
    response = client.get(export_url(small_debate, "json"))
    assert "Texte masqué" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content_type", "filename"),
    [
        ("aif", "application/json", "petit-debat.aif.json"),
        ("argdown", "text/plain; charset=utf-8", "petit-debat.argdown"),
        ("kialo", "text/plain; charset=utf-8", "petit-debat.kialo.txt"),
        ("annotations", "application/ld+json", "petit-debat.annotations.jsonld"),
    ],
)
def test_every_format_downloads_as_a_named_file(
    client, alice, small_debate, name, content_type, filename
):
    client.force_login(alice)
    response = client.get(export_url(small_debate, name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "Les plateformes prélèvent une rente." in response.content.decode()


def test_a_download_takes_the_same_queries_at_any_size(
    client, alice, small_debate, django_assert_num_queries
):
    from tests.conftest import grow

    client.force_login(alice)
    url = export_url(small_debate, "json")
    client.get(url)
    # session, user, debate, two for the moderator check, seven for the document
    with django_assert_num_queries(12):
        client.get(url)
    grow(small_debate, 30)
    with django_assert_num_queries(12):
        client.get(url)


def test_the_debate_page_offers_the_downloads_to_every_reader(client, alice, small_debate):
    for persona in (None, alice):
        if persona:
            client.force_login(persona)
        page = client.get(small_debate.get_absolute_url()).content.decode()
        for name in ("json", "aif", "argdown", "kialo", "annotations"):
            assert export_url(small_debate, name) in page
        assert IMPORT_URL in page and reverse("arguments:exports", args=["petit-debat"]) in page


# --- upload -----------------------------------------------------------------------------


def test_the_import_page_needs_a_signed_in_reader(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    response = upload(client, "x.json", b"{}")
    assert response.status_code == 302
    assert not Debate.objects.exists()


def test_the_import_page_shows_its_form(client, alice):
    client.force_login(alice)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


@worker_runs
def test_a_reader_imports_a_debate_exported_from_this_site(client, alice, small_debate):
    text = native.dumps(store.document_from_debate(small_debate))
    client.force_login(alice)
    response = upload(client, "petit.json", text.encode(), slug="copie")
    assert response.status_code == 302
    run_worker()
    copy_ = Debate.objects.get(slug="copie")
    assert copy_.claims.count() == small_debate.claims.count()
    page = client.get(response.url).content.decode()
    assert f'href="{copy_.get_absolute_url()}"' in page
    # A reader's file is marked as imported, even in our own format.
    assert copy_.imported_from == "controverse JSON: petit.json (alice)"


@worker_runs
def test_a_slug_is_made_from_the_file_name_when_none_is_given(client, alice, small_debate):
    text = native.dumps(store.document_from_debate(small_debate)).encode()
    client.force_login(alice)
    upload(client, "Mon Débat.json", text)
    upload(client, "Mon Débat.json", text)
    run_worker()
    assert set(Debate.objects.values_list("slug", flat=True)) == {
        "petit-debat",
        "mon-debat",
        "mon-debat-2",
    }


@worker_runs
def test_a_malformed_file_is_refused_with_its_problems_and_nothing_stored(client, alice):
    client.force_login(alice)
    data = {"format": "controverse", "version": 1, "debate": {"slug": "x", "title": "X"}}
    data["claims"] = [{"key": "a", "statement": ""}, {"key": "b"}]
    response = upload(client, "bad.json", json.dumps(data).encode())
    assert response.status_code == 302
    run_worker()
    page = client.get(response.url).content.decode()
    assert "Le fichier n’a pas été importé : 1 problème." in page
    assert "claims[1]: missing field &#x27;statement&#x27;" in page
    assert not Debate.objects.exists()
    assert not Claim.objects.exists()


def test_the_file_must_be_utf8_and_not_too_large(client, alice, settings):
    client.force_login(alice)
    response = upload(client, "latin1.argdown", "[é]: café".encode("latin-1"))
    assert response.status_code == 400
    assert "Le fichier n’est pas du texte UTF-8 (octet 1)." in response.content.decode()
    settings.IMPORT_MAX_BYTES = 10
    response = upload(client, "big.argdown", b"[a]: " + b"x" * 20)
    assert response.status_code == 400
    assert "Le fichier fait 25 octets ; 10 au plus sont acceptés." in response.content.decode()
    assert not Debate.objects.exists()


def test_a_taken_address_is_refused(client, alice, small_debate):
    client.force_login(alice)
    text = native.dumps(store.document_from_debate(small_debate)).encode()
    response = upload(client, "petit.json", text, slug="petit-debat")
    assert response.status_code == 400
    assert "Un débat a déjà cette adresse." in response.content.decode()
    response = upload(client, "petit.json", text, slug="pas un slug")
    assert response.status_code == 400
    assert Debate.objects.count() == 1


def test_an_unknown_format_choice_is_refused(client, alice):
    client.force_login(alice)
    response = upload(client, "a.txt", b"[a]: b", format="docx")
    assert response.status_code == 400
    assert not Debate.objects.exists()


# --- commands ---------------------------------------------------------------------------


def test_export_then_import_with_the_commands(small_debate, tmp_path, capsys):
    out = tmp_path / "petit.json"
    call_command("export_debate", small_debate.slug, "--output", str(out))
    call_command("import_debate", str(out), "--slug", "copie")
    printed = capsys.readouterr().out
    assert "Imported copie from petit.json (json): 2 participants" in printed
    first = native.to_native(store.document_from_debate(small_debate))
    again = native.to_native(store.document_from_debate(Debate.objects.get(slug="copie")))
    again["debate"]["slug"] = first["debate"]["slug"]
    assert again == first


def test_export_to_standard_output_in_another_format(small_debate, capsys):
    call_command("export_debate", small_debate.slug, "--format", "argdown")
    assert "Les plateformes prélèvent une rente." in capsys.readouterr().out


def test_the_commands_name_what_is_wrong(small_debate, tmp_path):
    with pytest.raises(CommandError, match="no debate 'nope'"):
        call_command("export_debate", "nope")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "controverse", "version": 1, "debate": {"title": "X"},\n oops')
    with pytest.raises(CommandError, match=r"\(1 problem, nothing stored\):\n  line 2, column 2"):
        call_command("import_debate", str(bad))
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="cannot read it as UTF-8"):
        call_command("import_debate", str(bad))
    assert Debate.objects.count() == 1


# --- a map made elsewhere, explored here -------------------------------------------------

INTEROP = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "interop"


@worker_runs
def test_an_ova_map_is_imported_and_explored(client, alice):
    client.force_login(alice)
    response = upload(client, "6064-original.json", (INTEROP / "6064-original.json").read_bytes())
    run_worker()
    debate = Debate.objects.get(slug="6064-original")
    job_page = client.get(response.url).content.decode()
    assert f'href="{debate.get_absolute_url()}"' in job_page
    assert "TA" in job_page  # the warnings name what was left out
    assert debate.imported_from == "AIF (AIFdb, OVA): 6064-original.json (alice)"
    assert debate.claims.count() == 9
    assert set(debate.claims.values_list("imported", flat=True)) == {True}
    page = client.get(debate.get_absolute_url()).content.decode()
    assert "Importé de AIF (AIFdb, OVA): 6064-original.json (alice)" in page
    claim = debate.claims.get(statement__startswith="and therefore the only way forward")
    page = client.get(claim.get_absolute_url())
    assert page.status_code == 200
    assert "CL" in page.content.decode()
    response = client.get(reverse("arguments:map", args=[debate.slug]))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


def test_a_large_file_gets_a_progress_bar(db, tmp_path):
    import io

    from arguments.synthetic.aif import generated_aif

    path = tmp_path / "large.json"
    path.write_text(generated_aif(3000))
    assert path.stat().st_size > 200_000
    out, err = io.StringIO(), io.StringIO()
    call_command("import_debate", str(path), stdout=out, stderr=err)
    assert "Imported large from large.json (aif): 12 participants" in out.getvalue()
    bars = err.getvalue()
    # One bar a table, named in the site's language; 4 in 10 nodes are claims, 1 more isolated.
    assert "affirmations: 100%|##########| 1201/1201" in bars
    call_command("import_debate", str(path), "--slug", "quiet", "--no-progress", stderr=err)
    assert "rows/s" not in err.getvalue()[len(bars) :]  # only the warning, no bar


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("6064-original.json", "aif"),
        ("legalisation-softdrugs.argdown", "argdown"),
        ("veggie_debate.argdown", "argdown"),
        ("kialo/classic.txt", "kialo"),
        ("kialo/newer.txt", "kialo"),
    ],
)
def test_the_format_is_told_from_the_file(filename, expected):
    from arguments.interchange.formats import guess_format

    path = INTEROP / filename
    assert guess_format(path.name, path.read_text(encoding="utf-8")) == expected


def test_our_own_json_is_told_from_aif(small_debate):
    from arguments.interchange.formats import guess_format

    text = native.dumps(store.document_from_debate(small_debate))
    assert guess_format("anything.json", text) == "json"
    assert guess_format("broken.json", text[:-30]) == "json"  # its parser names the fault
