"""The controversy's questions: the editors' framing, the claims answering each question,
the participants-by-questions table (page and API), and how they are loaded and kept."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from arguments.questions.table import answer_table
from arguments.record.backup import backup, restore
from arguments.record.fixture_format import FixtureError, read_debate_folder
from arguments.record.loading import store_debate
from arguments.record.models import Answer, Claim, Debate, Question
from arguments.record.questions_format import AnswerData, QuestionData
from tests.conftest import CONTROVERSY, SEEDS, SMALL_DEBATE, change_debate
from tests.record.test_backup import wipe

SMALL_QUESTIONS = """
- slug: feodal
  text: Le numérique est-il féodal ?
  text_en: Is the digital economy feudal?
  explanation: Le cadrage des éditeurs.
  explanation_en: The editors' framing.
  answers:
    - {claim: thesis, gist: "Oui, un féodalisme.", gist_en: "Yes, a feudalism."}
    - {claim: objection-capitalism, gist: "Non, du capitalisme.", gist_en: "No, capitalism."}
    - {claim: support-rent, gist: Une rente., gist_en: A rent.}
- slug: valeur
  text: "D'où vient la valeur ? <script>alert('q')</script>"
  text_en: "Where does value come from? <b>bold</b>"
  answers:
    - {claim: deep-support, gist: "De la publicité <img src=x onerror=alert(1)>",
       gist_en: "From advertising."}
    - {claim: hostile, gist: "Une citation hostile.", gist_en: "A hostile quotation."}
"""


def folder_with(tmp_path: Path, questions: str, source: Path = SMALL_DEBATE) -> Path:
    """A copy of a debate's folder with `questions` as its questions.yaml."""
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    (folder / "questions.yaml").write_text(questions, encoding="utf-8")
    return folder


@pytest.fixture
def framed(db, tmp_path) -> Debate:
    """The small debate with two questions: Bruno answers both, Alice only the first."""
    return store_debate(read_debate_folder(folder_with(tmp_path, SMALL_QUESTIONS))).debate


def refused(folder: Path) -> list[str]:
    with pytest.raises(FixtureError) as error:
        read_debate_folder(folder)
    return error.value.problems


# --- The shipped controversy -------------------------------------------------------------


DOCUMENT = read_debate_folder(CONTROVERSY)
CLAIMS = {claim.slug: claim for claim in DOCUMENT.claims}
SOURCES = {source.slug: source for source in DOCUMENT.sources}


def test_the_shipped_debate_has_a_few_questions_in_french_and_english():
    assert 3 <= len(DOCUMENT.questions) <= 5
    for question in DOCUMENT.questions:
        assert question.text and question.text_en and question.text != question.text_en
        assert question.explanation and question.explanation_en
        assert len(question.answers) >= 5, question.slug
        for answer in question.answers:
            assert answer.gist.strip() and answer.gist_en.strip(), answer.claim
            assert answer.claim in CLAIMS  # a claim of this debate (the loader insists too)


def test_a_claim_answers_one_question_and_each_question_is_argued_over():
    answering = [answer.claim for q in DOCUMENT.questions for answer in q.answers]
    assert len(answering) == len(set(answering))
    for question in DOCUMENT.questions:
        holders = {CLAIMS[answer.claim].holder for answer in question.answers}
        assert len(holders) >= 3, f"{question.slug}: argued over by {holders}"


def test_every_answer_quotes_its_seed_verbatim():
    """The table shows each answer's quotation: it is the claim's, verbatim in its seed
    (test_fixtures checks every claim; this names the ones the table shows)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    seeds = {path.name: " ".join(path.read_text().split()) for path in SEEDS.glob("*.txt")}
    for question in DOCUMENT.questions:
        for answer in question.answers:
            claim = CLAIMS[answer.claim]
            seed = SOURCES[claim.via or claim.source].seed
            assert " ".join(claim.quotation.split()) in seeds[seed], answer.claim


def test_the_shipped_questions_load_with_their_answers(controversy):
    questions = list(controversy.questions.all())
    assert [q.slug for q in questions] == [q.slug for q in DOCUMENT.questions]
    answers = Answer.objects.filter(question__debate=controversy).select_related("claim")
    assert answers.count() == sum(len(q.answers) for q in DOCUMENT.questions)
    assert all(answer.claim.debate_id == controversy.pk for answer in answers)
    assert all(answer.gist and answer.gist_en for answer in answers)


def test_the_shipped_table_leaves_blank_what_the_texts_do_not_answer(client, controversy):
    html = client.get("/technofeodalisme/questions/").content.decode()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.DOTALL)
    by_name = {re.search(r">([^<]+)</a>", row).group(1): row for row in rows}
    # Durand's texts never call it technofascism: his last cell is blank, not guessed.
    durand = re.findall(r"<td class=\"(answer|blank)\"", by_name["Cédric Durand"])
    assert durand == ["answer", "answer", "answer", "answer", "blank"]
    assert "Varoufakis" in html and "Yanis Varoufakis" in by_name
    assert html.count('<td class="answer"') == sum(
        len({CLAIMS[a.claim].holder for a in q.answers}) for q in DOCUMENT.questions
    )


# --- The table, without the database ---------------------------------------------------


def test_the_table_has_a_row_per_answering_participant_most_answers_first():
    alice = SimpleNamespace(pk=1, name="Alice")
    bruno = SimpleNamespace(pk=2, name="Bruno")

    def answer(holder, gist):
        return SimpleNamespace(claim=SimpleNamespace(holder=holder), gist=gist)

    first = SimpleNamespace(pk=10, answers=[answer(alice, "a1"), answer(bruno, "b1")])
    second = SimpleNamespace(
        pk=11, answers=[answer(bruno, "b2"), answer(bruno, "b3"), answer(None, "nobody")]
    )
    rows = answer_table([first, second], lambda question: question.answers)
    assert [row.participant.name for row in rows] == ["Bruno", "Alice"]
    bruno_row, alice_row = rows
    assert [cell.shown.gist for cell in bruno_row.cells] == ["b1", "b2"]
    assert [a.gist for a in bruno_row.cells[1].others] == ["b3"]
    assert alice_row.cells[1].shown is None and alice_row.cells[1].answers == ()
    assert (bruno_row.answer_count, alice_row.answer_count) == (3, 1)
    assert answer_table([], lambda question: []) == []


# --- The page -----------------------------------------------------------------------------


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.DOTALL)
    return [re.findall(r"<td class=\"(answer|blank)\"", row) for row in rows]


def test_the_page_shows_the_questions_as_the_editors_framing_and_the_table(client, framed):
    response = client.get("/petit-debat/questions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="layer layer--editors"') == 3  # the notice and each question
    assert "Le numérique est-il féodal ?" in html and "Le cadrage des éditeurs." in html
    # Bruno (3 answers) before Alice (2); Alice says nothing on value: a labelled blank.
    assert html.index("Bruno") < html.index("Alice Autrice")
    assert cells(html) == [["answer", "answer"], ["answer", "blank"]]
    assert '<td class="blank"><span class="visually-hidden">' in html  # named, not just blank
    assert "« le numérique est un féodalisme »" in html
    assert 'href="/petit-debat/claims/thesis/"' in html
    assert 'href="/petit-debat/claims/support-rent/"' in html  # Alice's second, listed
    assert 'role="region" tabindex="0" aria-label=' in html


def test_the_english_page_reads_english(client, framed, english):
    html = client.get("/petit-debat/questions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The controversy's questions" in html
    assert html.count("editors' framing") >= 4  # the mark thrice, and in the notice
    assert "Is the digital economy feudal?" in html and "Yes, a feudalism." in html
    assert "No answer in the texts" in html
    assert "Oui, un féodalisme." not in html
    assert "« le numérique est un féodalisme »" in html  # quotations stay verbatim


def test_hostile_text_is_inert(client, framed):
    html = client.get("/petit-debat/questions/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # Bruno's gist and his quotation


def test_the_page_without_questions_says_so(client, small_debate, english):
    html = client.get("/petit-debat/questions/").content.decode()
    assert "not framed this debate" in html and "<table" not in html


def test_the_page_refuses_unknown_parameters_and_debates(client, framed, maud):
    response = client.get("/petit-debat/questions/", {"sort": "x"})
    assert response.status_code == 400 and "sort" in response.content.decode()
    assert client.get("/nope/questions/").status_code == 404
    assert client.post("/petit-debat/questions/").status_code == 405
    framed.hide("test")
    assert client.get("/petit-debat/questions/").status_code == 404
    client.force_login(maud)  # moderators see hidden debates, with the notice
    assert client.get("/petit-debat/questions/").status_code == 200


def test_the_page_takes_few_queries_however_many_answers(client, framed, django_assert_num_queries):
    with django_assert_num_queries(4):  # debate, questions, answers, participant count
        assert client.get("/petit-debat/questions/").status_code == 200
    question = framed.questions.get(slug="valeur")
    for claim in framed.claims.all():
        Answer.objects.get_or_create(question=question, claim=claim, defaults={"gist": "x"})
    with django_assert_num_queries(4):
        assert client.get("/petit-debat/questions/").status_code == 200
    with django_assert_num_queries(0):  # then from the readers' cache
        assert client.get("/petit-debat/questions/").status_code == 200


def test_an_edit_through_the_admin_path_shows_at_once(client, framed):
    assert "Oui, un féodalisme." in client.get("/petit-debat/questions/").content.decode()
    answer = Answer.objects.get(claim__slug="thesis")
    answer.gist = "Oui, corrigé."
    answer.save()
    html = client.get("/petit-debat/questions/").content.decode()
    assert "Oui, corrigé." in html
    question = framed.questions.get(slug="feodal")
    question.text = "Question reformulée ?"
    question.save()
    assert "Question reformulée ?" in client.get("/petit-debat/questions/").content.decode()
    question.delete()
    assert "Question reformulée ?" not in client.get("/petit-debat/questions/").content.decode()


def test_home_and_the_debate_page_link_to_the_questions(client, framed):
    for url in ("/", "/petit-debat/"):
        assert 'href="/petit-debat/questions/"' in client.get(url).content.decode()


def test_the_admin_lists_and_edits_questions(client, framed, charlie):
    client.force_login(charlie)
    question = framed.questions.get(slug="feodal")
    assert client.get("/admin/arguments/question/").status_code == 200
    assert client.get(f"/admin/arguments/question/{question.pk}/change/").status_code == 200


# --- The API ------------------------------------------------------------------------------


def test_the_api_gives_one_question_whole(api, framed):
    response = api.get("/api/debates/petit-debat/questions/feodal/")
    assert response.status_code == 200
    claim = "http://testserver/petit-debat/claims/"
    assert response.json() == {
        "slug": "feodal",
        "debate": "petit-debat",
        "framing": "editors",
        "text": "Le numérique est-il féodal ?",
        "text_en": "Is the digital economy feudal?",
        "explanation": "Le cadrage des éditeurs.",
        "explanation_en": "The editors' framing.",
        "position": 1,
        "answers": [
            {
                "claim": "thesis",
                "claim_url": f"{claim}thesis/",
                "holder": "alice-author",
                "holder_name": "Alice Autrice",
                "holder_name_en": "",
                "gist": "Oui, un féodalisme.",
                "gist_en": "Yes, a feudalism.",
                "quotation": "le numérique est un féodalisme",
            },
            {
                "claim": "objection-capitalism",
                "claim_url": f"{claim}objection-capitalism/",
                "holder": "bruno",
                "holder_name": 'Bruno <b>&amp;</b> "Co"',
                "holder_name_en": "",
                "gist": "Non, du capitalisme.",
                "gist_en": "No, capitalism.",
                "quotation": "ce n'est que du capitalisme",
            },
            {
                "claim": "support-rent",
                "claim_url": f"{claim}support-rent/",
                "holder": "alice-author",
                "holder_name": "Alice Autrice",
                "holder_name_en": "",
                "gist": "Une rente.",
                "gist_en": "A rent.",
                "quotation": "les plateformes prélèvent une rente",
            },
        ],
        "page_url": "http://testserver/petit-debat/questions/#question-feodal",
    }


def test_the_api_lists_a_debates_questions_in_order(api, framed, django_assert_num_queries):
    with django_assert_num_queries(3):  # debate, questions, answers
        response = api.get("/api/debates/petit-debat/questions/")
    assert response.status_code == 200
    assert [q["slug"] for q in response.json()] == ["feodal", "valeur"]
    assert [a["claim"] for a in response.json()[1]["answers"]] == ["deep-support", "hostile"]
    with django_assert_num_queries(0):  # kept by the debate's record generation
        assert api.get("/api/debates/petit-debat/questions/").json() == response.json()
    Answer.objects.filter(claim__slug="hostile").delete()
    answers = api.get("/api/debates/petit-debat/questions/").json()[1]["answers"]
    assert [a["claim"] for a in answers] == ["deep-support"]


def test_the_api_refuses_unknown_debates_and_questions_and_writes(api, framed, alice):
    assert api.get("/api/debates/nope/questions/").status_code == 404
    assert api.get("/api/debates/petit-debat/questions/nope/").status_code == 404
    api.force_authenticate(alice)
    assert api.post("/api/debates/petit-debat/questions/", {}).status_code == 405
    assert api.delete("/api/debates/petit-debat/questions/feodal/").status_code == 405
    framed.hide("test")
    assert api.get("/api/debates/petit-debat/questions/").status_code == 404


def test_the_schema_documents_the_questions(api, db):
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert "/api/debates/{debate_slug}/questions/" in paths
    detail = paths["/api/debates/{debate_slug}/questions/{slug}/"]["get"]
    assert "editors" in detail["description"]


@pytest.fixture
def api():
    from tests.conftest import TokenClient

    return TokenClient()


# --- Loading ------------------------------------------------------------------------------


def test_reloading_changes_nothing_and_keeps_ids(tmp_path, framed):
    ids = sorted(Answer.objects.values_list("pk", flat=True))
    store_debate(read_debate_folder(tmp_path / "small"))
    assert sorted(Answer.objects.values_list("pk", flat=True)) == ids


def test_an_answer_left_out_of_the_file_goes_and_a_question_with_prune(tmp_path, framed):
    folder = tmp_path / "small"
    text = SMALL_QUESTIONS.split("- slug: valeur")[0].replace(
        "    - {claim: support-rent, gist: Une rente., gist_en: A rent.}\n", ""
    )
    (folder / "questions.yaml").write_text(text, encoding="utf-8")
    store_debate(read_debate_folder(folder))
    assert framed.questions.count() == 2  # without --prune, a question stays
    assert not Answer.objects.filter(claim__slug="support-rent").exists()
    store_debate(read_debate_folder(folder), prune=True)
    assert list(framed.questions.values_list("slug", flat=True)) == ["feodal"]


@pytest.mark.parametrize(
    "questions, problem",
    [
        (
            "- {slug: q, text: Quoi, answers: [{claim: nowhere, gist: g}]}",
            "questions.yaml: question q: unknown claim 'nowhere' (not a claim of this debate)",
        ),
        (
            "- {slug: q, text: Quoi}\n- {slug: q, text: Encore}",
            "questions.yaml: question q: question 'q' is defined more than once",
        ),
        (
            "- {slug: q, text: Quoi, answers: [{claim: thesis, gist: g}]}\n"
            "- {slug: r, text: Rien, answers: [{claim: thesis, gist: h}]}",
            "questions.yaml: question r: claim 'thesis' already answers question 'q': "
            "a claim answers one question",
        ),
        (
            "- {slug: q, text: Quoi, answers: [{claim: thesis}]}",
            "questions.yaml: question 1 (q): answer 1: missing ['gist']",
        ),
        (
            "- {slug: q, text: Quoi, debate: autre}",
            "questions.yaml: question 1 (q): unknown keys ['debate']",
        ),
        ("- {slug: Q Q, text: Quoi}", "questions.yaml: question 1 (Q Q): 'Q Q' is not a slug"),
        ("slug: q", "questions.yaml: expected a list of questions"),
        ("- !!python/object/apply:os.system [echo hi]", "questions.yaml: cannot read YAML"),
    ],
)
def test_the_loader_refuses_a_wrong_file_whole_and_says_why(tmp_path, db, questions, problem):
    folder = folder_with(tmp_path, questions)
    problems = refused(folder)
    assert any(p.startswith(problem) for p in problems), problems
    with pytest.raises(CommandError, match="was not loaded"):
        call_command("load_debate", str(folder))
    assert not Debate.objects.exists() and not Question.objects.exists()


def test_a_claim_of_another_debate_is_refused(tmp_path, controversy):
    """A slug that names a claim only another debate has is unknown here."""
    other = "002-rauzy-capitalisme-pur-jus"
    assert Claim.objects.filter(slug=other).exists()
    folder = folder_with(
        tmp_path, f"- {{slug: q, text: Quoi, answers: [{{claim: {other}, gist: g}}]}}"
    )
    assert any(f"unknown claim {other!r}" in p for p in refused(folder))


def test_the_store_refuses_a_foreign_claim_and_stores_nothing(db):
    """Should a document reach the store unchecked, the transaction stores none of it."""
    document = read_debate_folder(SMALL_DEBATE)
    document.questions = [QuestionData("q", "Q ?", answers=[AnswerData("nowhere", "g")])]
    with pytest.raises(ValueError, match="'nowhere' is not a claim here"):
        store_debate(document)
    assert not Debate.objects.exists() and not Question.objects.exists()


def test_an_answer_must_be_a_claim_of_the_questions_debate(framed, controversy, english):
    question = framed.questions.get(slug="feodal")
    foreign = controversy.claims.first()
    with pytest.raises(ValidationError, match="question's debate"):
        Answer(question=question, claim=foreign, gist="g").full_clean()
    Answer(question=question, claim=framed.claims.get(slug="deep-support"), gist="g").full_clean()


# --- Backup -------------------------------------------------------------------------------


def test_a_backup_carries_the_questions_and_their_answers(framed):
    first = backup(framed)
    kinds = {item["model"] for item in json.loads(first)["objects"]}
    assert {"arguments.question", "arguments.answer"} <= kinds
    wipe(framed)
    assert not Question.objects.exists()
    restored = restore(first)
    assert backup(restored) == first
    assert restored.questions.get(slug="feodal").answers.count() == 3


def test_a_changed_debate_title_still_shows_on_the_questions_page(client, framed):
    client.get("/petit-debat/questions/")
    change_debate(framed, title="Un autre titre")
    assert "Un autre titre" in client.get("/petit-debat/questions/").content.decode()
