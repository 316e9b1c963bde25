"""The workbench's pages as an editor uses them: a new source with its text, a text added or
replaced (refused when a quotation would be lost), a claim made from the text with its
quotation checked, the quotations of a text checked; with and without htmx."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arguments.record.models import Claim, Source
from arguments.workbench.models import DraftClaim, SourceText
from arguments.workbench.texts import MAX_UPLOAD_BYTES
from tests.workbench.conftest import ESSAY_TEXT

# The messages these tests read are the English msgids (the site defaults to French).
pytestmark = pytest.mark.usefixtures("english")

DEBATE = "petit-debat"


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": DEBATE, **kwargs})


@pytest.fixture
def editor_client(client, edith):
    client.force_login(edith)
    return client


def source_data(**changes) -> dict:
    data = {
        "title": "Un nouveau texte",
        "new_author": "Nouvelle Autrice",
        "venue": "Revue",
        "date": "2025-11",
        "date_qualifier": "exact",
        "url": "https://example.org/texte",
        "language": "fr",
        "pasted": "Premier paragraphe.\r\n\r\nLe « second » dit\u00a0: tout change.",
    }
    data.update(changes)
    return data


def test_the_sources_list_says_which_have_a_text(editor_client, essay_text):
    html = editor_client.get(url("workbench")).content.decode()
    assert "full text stored" in html
    assert html.count("no text yet: add it") == 1  # "Réponse" has none


@pytest.mark.parametrize(
    ("name", "kwargs", "count"),
    [("workbench", {}, 9), ("workbench_source", {"source_slug": "essai-2025"}, 11)],
)
def test_the_workbench_pages_take_a_fixed_number_of_queries(
    editor_client, essay_text, name, kwargs, count, assert_queries_do_not_grow
):
    """Session, user, two for permissions, then the page's own, none per source or claim."""
    assert_queries_do_not_grow(url(name, **kwargs), count)


def test_a_new_source_is_stored_with_its_text_and_a_new_author(editor_client, small_debate):
    response = editor_client.post(url("workbench_new_source"), source_data())
    source = Source.objects.get(debate=small_debate, title="Un nouveau texte")
    assert response.status_code == 302
    assert response.url == url("workbench_source", source_slug=source.slug)
    assert source.slug == "nouvelle-autrice-2025-un-nouveau-texte"
    assert [a.name for a in source.authors.all()] == ["Nouvelle Autrice"]
    assert (source.published.isoformat(), source.date_precision) == ("2025-11-01", "month")
    stored = source.full_text
    assert stored.text == "Premier paragraphe.\n\nLe « second » dit\u00a0: tout change."
    assert stored.format == "text"
    assert stored.sha256 == SourceText.digest(stored.text)
    assert stored.uploaded_by.username == "edith"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pasted": ""}, "Paste the text or upload a file"),
        ({"date": "août 2025"}, "Write the date as 2025"),
        ({"new_author": ""}, "Choose an author or name a new one"),
        ({"pasted": "\x01\x02\x1b"}, "The text is empty"),
        ({"pasted": "un\x00texte"}, "Null characters are not allowed"),
        ({"title": ""}, "This field is required"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
    ],
)
def test_a_new_source_is_refused_with_a_clear_message(
    editor_client, small_debate, changes, message
):
    before = Source.objects.count()
    response = editor_client.post(
        url("workbench_new_source"), source_data(**changes), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Source.objects.count() == before


def test_a_pdf_that_is_not_one_is_refused_and_nothing_is_stored(editor_client, small_debate):
    upload = SimpleUploadedFile("texte.pdf", b"<html>not a PDF</html>")
    response = editor_client.post(
        url("workbench_new_source"), source_data(pasted="", upload=upload)
    )
    assert response.status_code == 400
    assert "The file is not a PDF that can be read." in response.content.decode()
    assert not Source.objects.filter(title="Un nouveau texte").exists()


def test_a_file_over_five_megabytes_is_refused(editor_client, small_debate):
    upload = SimpleUploadedFile("big.txt", b"a " * (MAX_UPLOAD_BYTES // 2 + 1))
    response = editor_client.post(
        url("workbench_new_source"), source_data(pasted="", upload=upload)
    )
    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()


def test_a_text_is_added_and_checks_the_quotations_it_holds(editor_client, essay):
    response = editor_client.post(
        url("workbench_text", source_slug="essai-2025"), {"pasted": ESSAY_TEXT}
    )
    assert response.status_code == 302
    thesis = Claim.objects.get(slug="thesis")
    assert thesis.checked_against == (
        f"stored text of essai-2025 (sha256 {SourceText.digest(ESSAY_TEXT)})"
    )
    assert thesis.checked_at is not None
    assert thesis.history.first().history_user.username == "edith"


def test_a_new_text_that_loses_a_quotation_is_refused_naming_it(editor_client, essay_text):
    changed = ESSAY_TEXT.replace("une rente", "un loyer")
    response = editor_client.post(
        url("workbench_text", source_slug="essai-2025"), {"pasted": changed}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert Claim.objects.get(slug="support-rent").statement_en in html  # the English page
    assert "The closest passage, paragraph 2" in html
    essay_text.refresh_from_db()
    assert essay_text.text == ESSAY_TEXT


def test_a_new_text_keeping_every_quotation_replaces_the_old(editor_client, essay_text):
    changed = ESSAY_TEXT + "\n\nUn paragraphe ajouté."
    response = editor_client.post(
        url("workbench_text", source_slug="essai-2025"), {"pasted": changed}
    )
    assert response.status_code == 302
    essay_text.refresh_from_db()
    assert essay_text.text == changed
    assert essay_text.sha256 in Claim.objects.get(slug="thesis").checked_against


def claim_data(small_debate, **changes) -> dict:
    data = {
        "quotation": "les plateformes prélèvent une rente",
        "statement": "Les plateformes vivent d'une rente.",
        "statement_en": "Platforms live on a rent.",
        "holder": small_debate.participants.get(slug="alice-author").pk,
        "section": "",
    }
    data.update(changes)
    return data


def test_a_claim_from_the_text_is_a_draft_until_published(
    client, editor_client, essay_text, small_debate, edith
):
    data = claim_data(small_debate, quotation="prélèvent une rente sur tout")
    claims_before = Claim.objects.count()
    response = editor_client.post(url("workbench_new_claim", source_slug="essai-2025"), data)
    assert response.status_code == 302
    draft = DraftClaim.objects.get()
    assert (draft.editor, draft.quoted_from.slug, draft.paragraph) == (edith, "essai-2025", 2)
    assert Claim.objects.count() == claims_before
    assert "Les plateformes vivent" in editor_client.get(url("workbench")).content.decode()
    # Readers: not on the source's page, not in the search, nowhere.
    client.logout()
    for address in [
        reverse("arguments:source", args=[DEBATE, "essai-2025"]),
        reverse("arguments:search", args=[DEBATE]) + "?q=vivent",
    ]:
        assert "Les plateformes vivent" not in client.get(address).content.decode()

    editor_client.force_login(edith)
    published = editor_client.post(url("workbench_publish"), HTTP_ACCEPT_LANGUAGE="en")
    assert published.status_code == 302
    claim = Claim.objects.get(statement="Les plateformes vivent d'une rente.")
    assert claim.slug == "les-plateformes-vivent-dune-rente"
    assert (claim.source.slug, claim.via, claim.paragraph) == ("essai-2025", None, 2)
    assert claim.quotation == "prélèvent une rente sur tout"
    assert claim.checked_against == essay_text.checked_against
    assert not claim.is_proposal
    version = claim.history.first()
    assert version.history_user == edith
    assert version.history_change_reason == "published from the editors' workbench by edith"
    assert not DraftClaim.objects.exists()
    client.logout()
    page = client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "quotation checked: verbatim in the full text kept by the editors" in page


def test_reported_speech_keeps_the_holder_and_the_text_reporting_it(
    editor_client, essay_text, small_debate
):
    data = claim_data(
        small_debate,
        quotation="cela se voit",
        holder=small_debate.participants.get(slug="bruno").pk,
        reported_from=small_debate.sources.get(slug="reponse").pk,
    )
    address = url("workbench_new_claim", source_slug="essai-2025")
    assert editor_client.post(address, data).status_code == 302
    assert editor_client.post(url("workbench_publish")).status_code == 302
    claim = Claim.objects.get(quotation="cela se voit")
    assert (claim.holder.slug, claim.source.slug, claim.via.slug) == (
        "bruno",
        "reponse",
        "essai-2025",
    )


def test_publishing_is_refused_whole_when_a_quotation_left_its_text(
    editor_client, essay_text, small_debate
):
    address = url("workbench_new_claim", source_slug="essai-2025")
    editor_client.post(address, claim_data(small_debate, quotation="cela se voit"))
    editor_client.post(address, claim_data(small_debate, statement="Autre.", quotation="Enfin"))
    # The text changed meanwhile (behind the page's back: the page would have refused it).
    essay_text.set_text(ESSAY_TEXT.replace("cela se voit", "cela se sait"), "text")
    essay_text.save()
    claims_before = Claim.objects.count()
    response = editor_client.post(url("workbench_publish"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was published" in html
    assert "The closest passage, paragraph 1: “cela se”" in html
    assert Claim.objects.count() == claims_before
    assert DraftClaim.objects.count() == 2


def test_an_editor_publishes_and_discards_only_their_own_drafts(
    editor_client, essay_text, small_debate, django_user_model
):
    from django.contrib.auth.models import Group
    from django.test import Client

    client = Client()
    other = django_user_model.objects.create_user("otto", password="x")
    other.groups.add(Group.objects.get(name="editors"))
    address = url("workbench_new_claim", source_slug="essai-2025")
    editor_client.post(address, claim_data(small_debate, quotation="cela se voit"))
    theirs = DraftClaim.objects.get()
    client.force_login(other)
    assert client.post(url("workbench_discard_draft", draft_id=theirs.pk)).status_code == 404
    assert client.post(url("workbench_publish")).status_code == 302
    assert DraftClaim.objects.filter(pk=theirs.pk).exists()
    assert editor_client.post(url("workbench_discard_draft", draft_id=theirs.pk)).status_code == 302
    assert not DraftClaim.objects.exists()


def test_a_quotation_not_in_the_text_is_refused_naming_the_closest_passage(
    editor_client, essay_text, small_debate
):
    before = DraftClaim.objects.count()
    data = claim_data(small_debate, quotation="les plateformes prélèvent un loyer")
    response = editor_client.post(url("workbench_new_claim", source_slug="essai-2025"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The quotation is not in the text. The closest passage, paragraph 2" in html
    assert "plateformes prélèvent une rente" in html
    assert "<html" in html  # without htmx, the whole page
    assert DraftClaim.objects.count() == before


def test_htmx_gets_the_form_alone_with_its_error_or_a_fresh_one(
    editor_client, essay_text, small_debate
):
    address = url("workbench_new_claim", source_slug="essai-2025")
    refused = editor_client.post(
        address, claim_data(small_debate, quotation="absent du tout"), HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400
    assert refused.content.decode().lstrip().startswith('<section id="claim-form"')
    made = editor_client.post(address, claim_data(small_debate), HTTP_HX_REQUEST="true")
    html = made.content.decode()
    assert made.status_code == 200
    assert html.lstrip().startswith('<section id="claim-form"')
    assert "The claim is a draft, its quotation found (paragraph 2)" in html


def test_a_claim_is_refused_on_a_source_without_text(editor_client, small_debate):
    response = editor_client.post(
        url("workbench_new_claim", source_slug="reponse"), claim_data(small_debate)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "changes",
    [
        {"statement": ""},
        {"statement_en": ""},
        {"holder": "999999"},
        {"holder": "not a number"},
        {"quotation": "x" * 301},
        {"reported_from": "essai-2025"},
    ],
)
def test_a_bad_claim_is_refused_and_nothing_is_stored(
    editor_client, essay_text, small_debate, changes
):
    response = editor_client.post(
        url("workbench_new_claim", source_slug="essai-2025"), claim_data(small_debate, **changes)
    )
    assert response.status_code == 400
    assert not DraftClaim.objects.exists()


def test_user_text_in_the_stored_text_is_inert(editor_client, essay):
    hostile = "<script>alert(1)</script> et <img src=x onerror=alert(2)>"
    editor_client.post(url("workbench_text", source_slug="essai-2025"), {"pasted": hostile})
    html = editor_client.get(url("workbench_source", source_slug="essai-2025")).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_checking_a_text_marks_the_quotations_found_and_names_the_others(editor_client, essay_text):
    Claim.objects.filter(slug="support-rent").update(quotation="une phrase absente du texte")
    response = editor_client.post(url("workbench_check", source_slug="essai-2025"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Quotations not found in the stored text" in html
    assert Claim.objects.get(slug="support-rent").statement_en in html  # the English page
    assert Claim.objects.get(slug="thesis").checked_against == essay_text.checked_against
    assert Claim.objects.get(slug="support-rent").checked_against == ""


def test_the_stored_text_is_in_no_readers_page(client, essay_text, small_debate):
    for address in [
        reverse("arguments:source", args=[DEBATE, "essai-2025"]),
        reverse("arguments:claim", args=[DEBATE, "thesis"]),
        reverse("arguments:export", args=[DEBATE, "json"]),
    ]:
        response = client.get(address)
        body = b"".join(response) if response.streaming else response.content
        assert "et cela se voit" not in body.decode(), address


def test_a_paste_larger_than_a_form_takes_is_a_clear_400(editor_client, small_debate):
    """Hostile: 3 MB pasted (the site's request body bound is 2.5 MB): refused, no 500."""
    data = source_data(pasted="é" * 1_500_000)
    response = editor_client.post(url("workbench_new_source"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert not Source.objects.filter(title="Un nouveau texte").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"quotation": "\x00\x01\x02"},
        {"quotation": "\u202e\u200b" * 100},
        {"statement": "x" * 20_000},
        {"holder": "1; DROP TABLE arguments_claim"},
        {"reported_from": "-1"},
    ],
)
def test_hostile_claim_fields_are_refused_cleanly(editor_client, essay_text, small_debate, changes):
    response = editor_client.post(
        url("workbench_new_claim", source_slug="essai-2025"), claim_data(small_debate, **changes)
    )
    assert response.status_code == 400
    assert not DraftClaim.objects.exists()


def test_the_claim_form_offers_the_texts_one_author_as_the_holder(editor_client, essay_text):
    html = editor_client.get(url("workbench_source", source_slug="essai-2025")).content.decode()
    (chosen,) = re.findall(r'<option value="(\d+)" selected>', html)
    essay = essay_text.source
    assert int(chosen) == essay.authors.get().pk


def test_a_text_of_several_authors_offers_no_holder(editor_client, essay_text, small_debate):
    essay = essay_text.source
    essay.authors.add(small_debate.participants.exclude(pk__in=essay.authors.all()).first())
    html = editor_client.get(url("workbench_source", source_slug="essai-2025")).content.decode()
    assert not re.findall(r'<option value="\d+" selected>', html)
