"""The editors' sources, texts and drafts in the API: the pages' forms and actions behind
JSON (and a multipart upload), the same checks and messages; 401/403 to everyone else on
every call, and clear 400s to hostile input."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arguments.record.models import Claim, Debate, Relation, Source
from arguments.workbench.models import DraftClaim, DraftRelation, SourceText, TextExtraction
from tests.interchange.worker import run_worker, worker_runs
from tests.workbench.conftest import ESSAY_TEXT

pytestmark = pytest.mark.usefixtures("english")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
QUOTED = "les plateformes prélèvent une rente"


def url(name: str, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


@pytest.fixture
def other_editor(django_user_model, edith):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("erin", "erin@example.org", "erin-password")
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def staff(django_user_model):
    """Staff without the editors' role."""
    return django_user_model.objects.create_user("sam", "sam@example.org", "x", is_staff=True)


def draft_of(editor, small_debate, **changes) -> DraftClaim:
    data = {
        "debate": small_debate,
        "editor": editor,
        "quoted_from": changes.get("quoted_from") or small_debate.sources.get(slug="essai-2025"),
        "holder": changes.get("holder") or small_debate.participants.get(slug="alice-author"),
        "statement": "Une conclusion vide.",
        "statement_en": "An empty conclusion.",
        "quotation": "une conclusion qui ne dit rien de plus",
        "paragraph": 3,
    }
    return DraftClaim.objects.create(**{**data, **changes})


def new_claim(**changes) -> dict:
    data = {
        "source": "essai-2025",
        "holder": "alice-author",
        "statement": "Les plateformes vivent d'une rente.",
        "statement_en": "Platforms live on a rent.",
        "quotation": QUOTED,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


# Who may call: editors only, on every endpoint.


def every_call(job_id: int, draft_id: int, relation_id: int) -> list[tuple[str, str, dict]]:
    return [
        ("post", url("workbench_sources"), {"title": "T", "new_author": "X"}),
        ("get", url("workbench_source_text", source_slug="essai-2025"), {}),
        ("post", url("workbench_source_text", source_slug="essai-2025"), {"text": "Un texte."}),
        ("get", url("workbench_text_job", job_id=job_id), {}),
        ("get", url("workbench_drafts"), {}),
        ("post", url("workbench_draft_claims"), new_claim()),
        ("delete", url("workbench_draft_claim", pk=draft_id), {}),
        ("post", url("workbench_draft_relations"), {"from_draft": draft_id, "kind": "support"}),
        ("delete", url("workbench_draft_relation", pk=relation_id), {}),
    ]


@pytest.mark.parametrize("persona", ["anonymous", "alice", "maud", "staff"])
def test_no_one_but_an_editor_reaches_any_call(
    api, request, persona, small_debate, essay_text, edith
):
    draft = draft_of(edith, small_debate)
    relation = DraftRelation.objects.create(
        debate=small_debate,
        editor=edith,
        from_draft=draft,
        kind="objection",
        to_claim=small_debate.claims.get(slug="thesis"),
        layer="editors",
        justification="Parce que.",
    )
    job = TextExtraction.objects.create(
        source=essay_text.source, editor=edith, filename="a.pdf", format="pdf"
    )
    if persona != "anonymous":
        api.force_authenticate(request.getfixturevalue(persona))
    for method, address, data in every_call(job.pk, draft.pk, relation.pk):
        response = getattr(api, method)(address, data, format="json")
        expected = 401 if persona == "anonymous" else 403
        assert response.status_code == expected, (method, address)
        assert "Introduction. Nous le disons" not in response.content.decode()
    assert (Source.objects.count(), DraftClaim.objects.count()) == (2, 1)
    assert DraftRelation.objects.count() == 1
    assert SourceText.objects.get().text == ESSAY_TEXT


# Sources.


def test_an_editor_adds_a_source_with_its_metadata_only(editor_api, small_debate, edith):
    response = editor_api.post(
        url("workbench_sources"),
        {
            "title": "La rente numérique",
            "authors": ["alice-author", "bruno"],
            "venue": "Revue",
            "date": "2025-08",
            "date_qualifier": "circa",
            "url": "https://example.org/rente",
            "language": "fr",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json() == {
        "slug": "alice-author-2025-la-rente-numerique",
        "title": "La rente numérique",
        "authors": ["alice-author", "bruno"],
        "venue": "Revue",
        "published": "2025-08-01",
        "date_precision": "month",
        "date_qualifier": "circa",
        "url": "https://example.org/rente",
        "language": "fr",
        "has_text": False,
    }
    assert not SourceText.objects.exists()


def test_a_source_given_with_its_text_stores_it_cleaned(editor_api, small_debate, edith):
    text = "Premier\x07 paragraphe.\r\n\r\n\r\nSecond\x00\x1b paragraphe."
    response = editor_api.post(
        url("workbench_sources"),
        {"title": "Avec texte", "new_author": "Une Autrice", "text": text},
        format="json",
    )
    # NUL is not text: the JSON parser refuses it before anything is stored.
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    assert not Source.objects.filter(title="Avec texte").exists()
    response = editor_api.post(
        url("workbench_sources"),
        {"title": "Avec texte", "new_author": "Une Autrice", "text": text.replace("\x00", "")},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["has_text"] is True
    stored = SourceText.objects.get(source__slug=response.json()["slug"])
    assert stored.text == "Premier paragraphe.\n\nSecond paragraphe."
    assert stored.uploaded_by == edith
    assert Source.objects.get(title="Avec texte").authors.get().name == "Une Autrice"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "T"}, "authors", "Choose an author or name a new one."),
        (
            {"title": "T", "new_author": "X", "date": "août 2025"},
            "date",
            "Write the date as 2025, 2025-08 or 2025-08-14.",
        ),
        (
            {"title": "T", "authors": ["etranger"]},
            "authors",
            "Select a valid choice. etranger is not one of the available choices.",
        ),
        ({"title": 5, "new_author": "X"}, "title", "Expected text."),
        ({"title": "T", "new_author": "X", "text": ["a"]}, "text", "Expected text."),
        ({"title": "T", "new_author": "X", "date_qualifier": "soon"}, "date_qualifier", None),
        ({"title": "T", "new_author": "X", "url": "javascript:alert(1)"}, "url", None),
        ({"title": "T", "new_author": "X", "text": " \n "}, None, None),
        (
            {"title": "T", "new_author": "X", "html": "<p>"},
            "non_field_errors",
            "Unknown field(s): html. Accepted: title, authors, new_author, venue, date, "
            "date_qualifier, url, language, text.",
        ),
        ({"title": "T" * 2001, "new_author": "X"}, "title", None),
    ],
)
def test_bad_sources_are_refused_with_a_clear_message(
    editor_api, small_debate, data, field, message
):
    # A participant of another debate is not one of this debate's.
    Debate.objects.create(slug="autre", title="Autre").participants.create(
        slug="etranger", name="Étranger"
    )
    response = editor_api.post(url("workbench_sources"), data, format="json")
    if field is None:  # blank text: a source without its text, as if none was given
        assert response.status_code == 201 and response.json()["has_text"] is False
        return
    assert response.status_code == 400, response.content
    assert field in response.json()
    if message:
        assert message in response.json()[field]
    assert Source.objects.count() == 2


def test_a_six_megabyte_text_and_a_wrong_content_type_are_refused(editor_api, small_debate):
    huge = "Un mot. " * (6 * 1024 * 1024 // 8)
    response = editor_api.post(
        url("workbench_sources"), {"title": "T", "new_author": "X", "text": huge}, format="json"
    )
    # Past Django's bound on a request body (2.5 MB): longer texts go as a .txt file.
    assert response.status_code == 400
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in response.json()["detail"]
    plain = editor_api.post(url("workbench_sources"), "title=T", content_type="text/plain")
    assert plain.status_code == 415
    assert Source.objects.count() == 2


# Texts.


def test_an_editor_reads_a_stored_text_and_none_is_404(editor_api, essay_text):
    response = editor_api.get(url("workbench_source_text", source_slug="essai-2025"))
    assert response.status_code == 200
    body = response.json()
    assert (body["source"], body["text"], body["sha256"]) == (
        "essai-2025",
        ESSAY_TEXT,
        essay_text.sha256,
    )
    assert editor_api.get(url("workbench_source_text", source_slug="reponse")).status_code == 404
    assert editor_api.get(url("workbench_source_text", source_slug="nope")).status_code == 404


def test_a_json_text_is_stored_and_checks_the_quotations(editor_api, small_debate):
    response = editor_api.post(
        url("workbench_source_text", source_slug="essai-2025"),
        {"text": ESSAY_TEXT},
        format="json",
    )
    assert response.status_code == 200, response.content
    stored = SourceText.objects.get(source__slug="essai-2025")
    assert response.json()["sha256"] == stored.sha256
    assert Claim.objects.get(slug="thesis").checked_against == stored.checked_against


def test_a_text_that_loses_quotations_is_refused_naming_them(editor_api, essay_text):
    response = editor_api.post(
        url("workbench_source_text", source_slug="essai-2025"),
        {"text": "Introduction. Nous le disons : le numérique est un féodalisme."},
        format="json",
        **EN,
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The new text would lose quotations of the record: it is not stored.",
        "lost": [
            {
                "claim": "support-rent",
                "statement": "Les plateformes prélèvent une rente.",
                "message": "The quotation is not in the text, and none of its words is.",
            }
        ],
    }
    essay_text.refresh_from_db()
    assert essay_text.text == ESSAY_TEXT


def test_a_plain_file_is_stored_at_once(editor_api, small_debate):
    response = editor_api.post(
        url("workbench_source_text", source_slug="reponse"),
        {"file": SimpleUploadedFile("reponse.txt", b"Ce n'est que du capitalisme.")},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert SourceText.objects.get().text == "Ce n'est que du capitalisme."
    assert not TextExtraction.objects.exists()


@pytest.mark.parametrize(
    ("files", "field", "message"),
    [
        (
            {"file": SimpleUploadedFile("a.exe", b"MZ")},
            "non_field_errors",
            "Upload a .txt, .html or .pdf file.",
        ),
        (
            {"file": SimpleUploadedFile("a.pdf", b"<html>")},
            "non_field_errors",
            "The file is not a PDF that can be read.",
        ),
        (
            {"file": SimpleUploadedFile("a.txt", b"x" * (5 * 1024 * 1024 + 1))},
            "non_field_errors",
            "The file is larger than 5 MB.",
        ),
        (
            {"file": SimpleUploadedFile("a.txt", b"\xff\xfe")},
            "non_field_errors",
            "The file is not UTF-8 text.",
        ),
        (
            {"file": SimpleUploadedFile("a.txt", b"Un."), "text": "Deux."},
            "non_field_errors",
            "Paste the text or upload a file: one of the two.",
        ),
        ({"file": "not a file"}, "file", None),
        ({}, "non_field_errors", "Paste the text or upload a file: one of the two."),
    ],
)
def test_bad_files_are_refused_before_anything_is_queued(
    editor_api, small_debate, files, field, message
):
    response = editor_api.post(
        url("workbench_source_text", source_slug="reponse"), files, format="multipart", **EN
    )
    assert response.status_code == 400, response.content
    if message:
        assert response.json()[field] == [message]
    else:
        assert field in response.json()
    assert not SourceText.objects.exists() and not TextExtraction.objects.exists()


@worker_runs
def test_an_html_file_is_queued_and_its_job_followed(editor_api, small_debate):
    page = b"<h1>R\xc3\xa9ponse</h1><p>Ce n'est que du <em>capitalisme</em>.</p>"
    response = editor_api.post(
        url("workbench_source_text", source_slug="reponse"),
        {"file": SimpleUploadedFile("reponse.html", page)},
        format="multipart",
    )
    assert response.status_code == 202, response.content
    job = TextExtraction.objects.get()
    assert response["Location"] == url("workbench_text_job", job_id=job.pk)
    assert response.json()["status"] == "queued"
    assert not SourceText.objects.exists()
    run_worker()
    done = editor_api.get(response["Location"]).json()
    assert (done["status"], done["message"], done["lost"]) == ("stored", "", [])
    assert SourceText.objects.get().text == "Réponse\n\nCe n'est que du *capitalisme*."


def test_a_job_of_another_debate_is_404(editor_api, small_debate, edith):
    other = Debate.objects.create(slug="autre", title="Autre")
    source = Source.objects.create(debate=other, slug="s", title="S")
    job = TextExtraction.objects.create(source=source, editor=edith, filename="a", format="pdf")
    assert editor_api.get(url("workbench_text_job", job_id=job.pk)).status_code == 404
    address = reverse("api:workbench_text_job", args=["autre", job.pk])
    assert editor_api.get(address).json()["status"] == "queued"


# Draft claims.


def test_a_draft_claim_is_made_its_quotation_located(editor_api, essay_text, edith):
    response = editor_api.post(url("workbench_draft_claims"), new_claim(), format="json")
    assert response.status_code == 201, response.content
    draft = DraftClaim.objects.get()
    start = ESSAY_TEXT.index(QUOTED)
    assert response.json() == {
        "id": draft.pk,
        "source": "essai-2025",
        "reported_from": None,
        "holder": "alice-author",
        "statement": "Les plateformes vivent d'une rente.",
        "statement_en": "Platforms live on a rent.",
        "quotation": QUOTED,
        "section": "",
        "paragraph": 2,
        "start": start,
        "end": start + len(QUOTED),
        "prefix": ESSAY_TEXT[start - 32 : start],
        "suffix": ESSAY_TEXT[start + len(QUOTED) : start + len(QUOTED) + 32],
        "created_at": response.json()["created_at"],
    }
    assert draft.editor == edith


def test_control_characters_are_removed_from_a_draft_as_from_the_record(editor_api, essay_text):
    response = editor_api.post(
        url("workbench_draft_claims"),
        new_claim(statement="Une\x07 thèse\x1b[31m rouge", section="A\x08B\nC"),
        format="json",
    )
    assert response.status_code == 201, response.content
    draft = DraftClaim.objects.get()
    assert (draft.statement, draft.section) == ("Une thèse[31m rouge", "AB C")


def test_reported_speech_names_the_text_where_it_was_said(editor_api, essay_text):
    response = editor_api.post(
        url("workbench_draft_claims"),
        new_claim(holder="bruno", reported_from="reponse", quotation="cela se voit"),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["reported_from"] == "reponse"


@pytest.mark.parametrize(
    ("changes", "field", "start"),
    [
        ({"quotation": "les plateformes prélèvent un impôt"}, "quotation", "The quotation is not"),
        ({"quotation": "x" * 10_000}, "quotation", "Ensure this value has at most 300"),
        ({"holder": "etranger"}, "holder", "Select a valid choice."),
        ({"source": "etrangere"}, "source", "No such source in this debate."),
        ({"source": "reponse"}, "source", "This source has no stored text"),
        ({"reported_from": "essai-2025"}, "reported_from", "Select a valid choice."),
        ({"statement": None}, "statement", "This field is required."),
        ({"start": -1}, "start", "Ensure this value is greater than or equal to 0."),
        ({"start": "vingt"}, "start", "A valid integer is required."),
        ({"editor": "erin"}, "non_field_errors", "Unknown field(s): editor."),
    ],
)
def test_bad_draft_claims_are_refused_with_a_clear_message(
    editor_api, essay_text, small_debate, changes, field, start
):
    other = Debate.objects.create(slug="autre", title="Autre")
    other.participants.create(slug="etranger", name="Étranger")
    Source.objects.create(debate=other, slug="etrangere", title="Ailleurs")
    response = editor_api.post(url("workbench_draft_claims"), new_claim(**changes), format="json")
    assert response.status_code == 400, response.content
    assert response.json()[field][0].startswith(start), response.json()
    assert not DraftClaim.objects.exists()


def test_a_quotation_not_found_names_the_closest_passage(editor_api, essay_text):
    response = editor_api.post(
        url("workbench_draft_claims"),
        new_claim(quotation="les plateformes prélèvent un impôt"),
        format="json",
    )
    assert response.json() == {
        "quotation": [
            "The quotation is not in the text. The closest passage, paragraph 2: "
            "“les plateformes prélèvent”"
        ]
    }


def test_the_editor_lists_their_own_drafts_in_constant_queries(
    editor_api, essay_text, small_debate, edith, other_editor, django_assert_max_num_queries
):
    def grow(count: int) -> None:
        for number in range(count):
            draft = draft_of(edith, small_debate, statement=f"Brouillon {number}")
            DraftRelation.objects.create(
                debate=small_debate,
                editor=edith,
                from_draft=draft,
                kind="objection",
                to_claim=small_debate.claims.get(slug="thesis"),
                layer="text",
                source=essay_text.source,
                passage="Enfin",
            )

    grow(2)
    draft_of(other_editor, small_debate, statement="Pas le mien")
    with django_assert_max_num_queries(8) as few:
        assert editor_api.get(url("workbench_drafts")).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_api.get(url("workbench_drafts"))
    body = response.json()
    assert len(body["claims"]) == len(body["relations"]) == 10
    assert "Pas le mien" not in response.content.decode()
    assert body["relations"][0]["from_draft"] == body["claims"][0]["id"]
    assert body["relations"][0]["to_claim"] == "thesis"


def test_an_editor_discards_their_draft_not_anothers(editor_api, small_debate, edith, other_editor):
    mine = draft_of(edith, small_debate)
    theirs = draft_of(other_editor, small_debate)
    assert editor_api.delete(url("workbench_draft_claim", pk=theirs.pk)).status_code == 404
    other = Debate.objects.create(slug="autre", title="Autre")
    address = reverse("api:workbench_draft_claim", args=[other.slug, mine.pk])
    assert editor_api.delete(address).status_code == 404
    assert editor_api.delete(url("workbench_draft_claim", pk=mine.pk)).status_code == 204
    assert list(DraftClaim.objects.all()) == [theirs]


# Draft relations.


def relation(**changes) -> dict:
    data = {
        "kind": "objection",
        "target": "objection-capitalism",
        "layer": "text",
        "passage": "Enfin, une conclusion",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_a_draft_relation_from_a_draft_in_the_texts_own_layer(
    editor_api, essay_text, small_debate, edith
):
    draft = draft_of(edith, small_debate)
    response = editor_api.post(
        url("workbench_draft_relations"), relation(from_draft=draft.pk), format="json"
    )
    assert response.status_code == 201, response.content
    made = DraftRelation.objects.get()
    assert response.json() == {
        "id": made.pk,
        "from_draft": draft.pk,
        "from_claim": None,
        "kind": "objection",
        "to_claim": "objection-capitalism",
        "to_relation": None,
        "layer": "text",
        "source": "essai-2025",
        "passage": "Enfin, une conclusion",
        "justification": "",
        "justification_en": "",
        "created_at": response.json()["created_at"],
    }


def test_a_draft_relation_from_a_claim_as_an_editors_link_and_an_undercut(
    editor_api, essay_text, small_debate
):
    linked = editor_api.post(
        url("workbench_draft_relations"),
        relation(from_claim="hostile", layer="editors", passage=None, justification="Même idée."),
        format="json",
    )
    assert linked.status_code == 201, linked.content
    assert (linked.json()["from_claim"], linked.json()["source"]) == ("hostile", None)
    supports = Relation.objects.get(from_claim__slug="support-rent", to_claim__slug="thesis")
    undercut = editor_api.post(
        url("workbench_draft_relations"),
        relation(
            from_claim="support-rent",
            kind="undercut",
            target="thesis",
            undercut_relation=supports.pk,
            passage="une rente",
        ),
        format="json",
    )
    assert undercut.status_code == 201, undercut.content
    assert (undercut.json()["to_relation"], undercut.json()["to_claim"]) == (supports.pk, None)


@pytest.fixture
def later_claim(small_debate) -> Claim:
    later = Source.objects.create(
        debate=small_debate,
        slug="plus-tard",
        title="Plus tard",
        published=datetime.date(2026, 3, 1),
    )
    return Claim.objects.create(
        debate=small_debate,
        slug="later-claim",
        statement="Une thèse de 2026.",
        holder=small_debate.participants.get(slug="bruno"),
        source=later,
        quotation="une thèse",
    )


def test_the_dating_rule_is_refused_with_the_pages_message(
    editor_api, essay_text, small_debate, edith, later_claim
):
    draft = draft_of(edith, small_debate)
    response = editor_api.post(
        url("workbench_draft_relations"),
        relation(from_draft=draft.pk, target="later-claim"),
        format="json",
    )
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert message == (
        "The dating rule refuses it: “Essai sur rien” (2025-10) came out before the claim "
        "“Une thèse de 2026.” was public (2026-03-01); a text cannot answer what came out "
        "after it. Make it an editors' link, with its justification."
    )
    assert not DraftRelation.objects.exists()
    linked = editor_api.post(
        url("workbench_draft_relations"),
        relation(
            from_draft=draft.pk,
            target="later-claim",
            layer="editors",
            passage=None,
            justification="Même idée.",
        ),
        format="json",
    )
    assert linked.status_code == 201


@pytest.mark.parametrize(
    ("changes", "field", "start"),
    [
        ({"passage": "une conclusion pleine"}, "passage", "The quotation is not in the text."),
        ({"passage": "x" * 10_000}, "passage", "Ensure this value has at most 300"),
        ({"layer": "editors"}, "justification", "Say in one line why the editors join them."),
        ({"layer": "readers"}, "layer", None),
        ({"kind": "undercut", "target": "thesis"}, "undercut_relation", "Choose the relation"),
        ({"target": None}, "target", "Find the claim it bears on, then choose it."),
        ({"target": "etranger"}, "target", "The claim chosen is not in this debate."),
        ({"from_draft": None}, "non_field_errors", "Give from_draft or from_claim"),
        ({"from_claim": "thesis"}, "non_field_errors", "Give from_draft or from_claim"),
        ({"from_draft": "theirs"}, "from_draft", "No such draft of yours in this debate."),
        ({"from_draft": "other-debate"}, "from_draft", "No such draft of yours in this debate."),
        ({"passage": "Enfin\x00"}, "detail", "JSON parse error"),
        ({"to_claim": "thesis"}, "non_field_errors", "Unknown field(s): to_claim."),
        ({"kind": ["support"]}, "kind", None),
    ],
)
def test_bad_draft_relations_are_refused_with_a_clear_message(
    editor_api, essay_text, small_debate, edith, other_editor, changes, field, start
):
    other = Debate.objects.create(slug="autre", title="Autre")
    stranger = other.participants.create(slug="etranger", name="Étranger")
    elsewhere = Source.objects.create(debate=other, slug="ailleurs", title="Ailleurs")
    Claim.objects.create(
        debate=other,
        slug="etranger",
        statement="S",
        holder=stranger,
        source=elsewhere,
        quotation="q",
    )
    mine = draft_of(edith, small_debate)
    drafts = {
        "theirs": draft_of(other_editor, small_debate).pk,
        "other-debate": draft_of(edith, other, quoted_from=elsewhere, holder=stranger).pk,
    }
    data = relation(**{"from_draft": mine.pk, **changes})
    if data.get("from_draft") in drafts:
        data["from_draft"] = drafts[data["from_draft"]]
    response = editor_api.post(url("workbench_draft_relations"), data, format="json")
    assert response.status_code == 400, response.content
    if start:
        found = response.json()[field]
        assert (found if isinstance(found, str) else found[0]).startswith(start), found
    else:
        assert field in response.json()
    assert not DraftRelation.objects.exists()


def test_an_editor_discards_their_draft_relation_not_anothers(
    editor_api, small_debate, edith, other_editor
):
    def made_by(editor) -> DraftRelation:
        return DraftRelation.objects.create(
            debate=small_debate,
            editor=editor,
            from_claim=small_debate.claims.get(slug="hostile"),
            kind="support",
            to_claim=small_debate.claims.get(slug="thesis"),
            layer="editors",
            justification="Parce que.",
        )

    mine, theirs = made_by(edith), made_by(other_editor)
    assert editor_api.delete(url("workbench_draft_relation", pk=theirs.pk)).status_code == 404
    assert editor_api.delete(url("workbench_draft_relation", pk=mine.pk)).status_code == 204
    assert list(DraftRelation.objects.all()) == [theirs]


def test_drafts_made_through_the_api_publish_as_from_the_pages(
    editor_api, essay_text, small_debate
):
    claim = editor_api.post(url("workbench_draft_claims"), new_claim(), format="json").json()
    editor_api.post(
        url("workbench_draft_relations"),
        relation(from_draft=claim["id"], passage="Car les plateformes"),
        format="json",
    )
    published = editor_api.post(url("workbench_publish"))
    assert published.status_code == 200, published.content
    made = Claim.objects.get(slug=published.json()["published"][0])
    assert made.checked_against == essay_text.checked_against
    assert Relation.objects.get(from_claim=made).to_claim.slug == "objection-capitalism"
