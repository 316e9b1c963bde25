"""An imported file names its contributors: the names are kept as names, never matched to the
site's accounts nor made into new ones, and they go out again on export."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from annotations.models import Annotation
from arguments.interchange import native, store
from arguments.interchange.document import Annotation as NoteItem
from arguments.interchange.document import Claim, Document, Relation
from arguments.interchange.formats import import_file
from arguments.interchange.models import ImportJob
from arguments.record.files import ImportProblems
from arguments.record.models import Debate
from tests.interchange.worker import run_worker, worker_runs

NOW = datetime.datetime(2026, 1, 5, 12, 0, tzinfo=datetime.UTC)
EN = {"Accept-Language": "en"}
LOOKALIKE = "\u0430dmin"  # its first letter Cyrillic: looks like "admin"
# The file's proposal "b", at a proposal's address (never one like the record's).
PROPOSAL = "contribution-une-proposition"


def naming_document(proposer: str = "alice", annotator: str = LOOKALIKE) -> Document:
    """A map whose proposal, relation and annotation claim to come from site users."""
    return Document(
        slug="noms",
        title="Noms",
        claims=[
            Claim("a", "Une affirmation.", imported=True),
            Claim("b", "Une proposition.", imported=False, proposed_by=proposer, proposed_at=NOW),
        ],
        relations=[
            Relation(
                "b support a",
                "b",
                "a",
                "support",
                layer="readers",
                proposed_by=proposer,
                proposed_at=NOW,
            )
        ],
        annotations=[NoteItem("n1", author=annotator, body="Je suis l'admin.", claim="a")],
    )


def test_names_in_a_file_are_kept_as_names_not_accounts(alice, django_user_model):
    users = django_user_model.objects.count()
    debate = store.store_document(naming_document(), imported_from="Argdown: noms (bob)")
    claim = debate.claims.get(slug=PROPOSAL)
    relation = debate.relations.get()
    note = Annotation.objects.get()
    assert (claim.proposed_by, claim.imported_author) == (None, "alice")
    assert (relation.proposed_by, relation.imported_author) == (None, "alice")
    assert (note.author, note.imported_author) == (None, LOOKALIKE)
    # Neither matched to alice's account nor made into a look-alike administrator.
    assert django_user_model.objects.count() == users
    assert not django_user_model.objects.filter(username=LOOKALIKE).exists()
    assert not alice.proposed_claims.exists() and not alice.annotations.exists()


def test_readers_see_that_the_name_came_from_a_file(client, alice):
    debate = store.store_document(naming_document(), imported_from="Argdown: noms (bob)")
    claim = debate.claims.get(slug=PROPOSAL)
    with translation.override("en"):
        assert claim.contributor_name == "alice (named in an imported file)"
    page = client.get(claim.get_absolute_url(), headers=EN).content.decode()
    assert "alice (named in an imported file)" in page


def test_an_imported_debate_exports_the_names_it_came_with(db):
    debate = store.store_document(naming_document(), imported_from="Argdown: noms (bob)")
    document = store.document_from_debate(debate)
    assert [c.proposed_by for c in document.claims] == ["", "alice"]
    assert [r.proposed_by for r in document.relations] == ["alice"]
    assert [a.author for a in document.annotations] == [LOOKALIKE]
    again = store.store_document(native.parse_native(native.dumps(document)), slug="encore")
    assert (
        native.to_native(store.document_from_debate(again))["claims"]
        == (native.to_native(document)["claims"])
    )


def test_a_name_longer_than_the_column_is_a_problem_and_nothing_is_stored(db):
    with pytest.raises(ImportProblems) as error:
        store.store_document(naming_document(proposer="x" * 151))
    assert "claim 'b': proposed_by is 151 characters, at most 150" in error.value.problems
    assert "relation 'b support a': proposed_by is 151 characters, at most 150" in (
        error.value.problems
    )
    assert not Debate.objects.exists()


@worker_runs
def test_an_upload_records_its_importer_on_the_job_and_the_debate(client, bob, alice):
    client.force_login(bob)
    text = native.dumps(naming_document()).encode()
    client.post(reverse("arguments:import"), {"file": SimpleUploadedFile("noms.json", text)})
    run_worker()
    debate = Debate.objects.get()
    assert debate.imported_from == "controverse JSON: noms.json (bob)"
    job = ImportJob.objects.get()
    assert (job.user, job.debate) == (bob, debate)
    assert debate.claims.get(slug=PROPOSAL).proposed_by is None
    assert not alice.proposed_claims.exists()


@pytest.mark.parametrize("page", ["", "map/", "about/", "standing/"])
def test_an_imported_debate_is_unlisted_and_marked_on_every_page(client, db, page):
    debate = import_file(
        native.dumps(naming_document()), "json", "noms.json", imported_by="bob"
    ).debate
    assert debate.published_at is None
    url = f"/{debate.slug}/{page}"
    shown = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Imported from controverse JSON: noms.json (bob); not checked by the editors" in shown
    assert "the editors have not checked its claims" in shown  # the footer says so too
    if not page:
        assert "this debate is not listed" in shown
    debate.publish()
    shown = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "not checked by the editors" in shown
    assert "not listed" not in shown


def test_a_curated_debate_has_no_notice(small_debate):
    assert (
        render_to_string(
            "arguments/interchange/_imported_notice.html", {"debate": small_debate}
        ).strip()
        == ""
    )


def test_a_debate_without_holders_or_sources_says_so(client, db):
    document = naming_document()
    document.participants, document.sources = [], []
    for claim in document.claims:
        claim.holder, claim.source = "", ""
    debate = store.store_document(document, slug="sans-noms", imported_from="Argdown: x (bob)")
    page = client.get(debate.get_absolute_url(), headers=EN).content.decode()
    assert "No one is named as holding these claims." in page
    assert "No source is named for these claims." in page
