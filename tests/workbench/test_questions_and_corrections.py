"""Editors attach the debate's theses to its questions (and detach them), and write the
corrections log's entries; readers see both at the next request."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from arguments.record.models import Answer, Correction, Question


@pytest.fixture
def editor_client(client, edith, english):
    client.force_login(edith)
    return client


@pytest.fixture
def question(small_debate) -> Question:
    return Question.objects.create(
        debate=small_debate, slug="feodal", text="Est-ce féodal ?", text_en="Is it feudal?"
    )


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": "petit-debat", **kwargs})


def attach(client, question, claim="thesis", gist="Oui, féodal.", **extra):
    data = {"question": question.pk, "claim": claim, "gist": gist, "gist_en": "", **extra}
    return client.post(url("workbench_questions"), data)


def test_an_editor_attaches_a_thesis_and_readers_see_it(editor_client, question, small_debate):
    readers_page = reverse("arguments:questions", args=["petit-debat"])
    assert "Yes, feudal." not in Client().get(readers_page).content.decode()
    assert attach(editor_client, question, gist_en="Yes, feudal.").status_code == 302
    answer = Answer.objects.get(question=question)
    assert (answer.claim.slug, answer.gist, answer.gist_en) == (
        "thesis",
        "Oui, féodal.",
        "Yes, feudal.",
    )
    assert "Yes, feudal." in Client().get(readers_page).content.decode()
    assert "Yes, feudal." in editor_client.get(url("workbench_questions")).content.decode()


def test_an_editor_detaches_a_thesis(editor_client, question, small_debate):
    answer = Answer.objects.create(
        question=question, claim=small_debate.claims.get(slug="thesis"), gist="Oui."
    )
    response = editor_client.post(url("workbench_detach_thesis", answer_id=answer.pk))
    assert response.status_code == 302
    assert not Answer.objects.filter(pk=answer.pk).exists()
    assert (
        editor_client.post(url("workbench_detach_thesis", answer_id=answer.pk)).status_code == 404
    )


@pytest.mark.parametrize(
    ("claim", "gist", "says"),
    [
        ("no-such-claim", "Oui.", "No claim of this debate has this address."),
        ("thesis", "", "This field is required."),
        ("thesis", "x" * 201, "at most 200 characters"),
        ("thesis", " \x07 \x1b ", "is required"),
    ],
)
def test_a_wrong_attachment_is_refused_and_nothing_is_written(
    editor_client, question, claim, gist, says
):
    response = attach(editor_client, question, claim=claim, gist=gist)
    assert response.status_code == 400 and says in response.content.decode()
    assert not Answer.objects.exists()


def test_a_proposal_cannot_answer_a_question_nor_answer_twice(
    editor_client, question, small_debate, alice
):
    proposal = small_debate.claims.get(slug="thesis").propose_argument(
        alice, kind="support", statement="Une proposition."
    )
    response = attach(editor_client, question, claim=proposal.slug)
    assert response.status_code == 400 and "Only a claim of the record" in response.content.decode()
    assert attach(editor_client, question).status_code == 302
    again = attach(editor_client, question)
    assert again.status_code == 400 and "already answers" in again.content.decode()
    assert Answer.objects.count() == 1


def test_a_question_of_another_debate_is_not_offered(editor_client, question, controversy):
    other = controversy.questions.first()
    assert attach(editor_client, other).status_code == 400
    assert not Answer.objects.filter(question=other, claim__slug="thesis").exists()


def test_an_editor_writes_a_correction_entry_readers_see(editor_client, small_debate):
    log = reverse("arguments:corrections", args=["petit-debat"])
    Client().get(log)  # cached for readers, so the entry must reach them past the cache
    data = {
        "title": "Énoncé reformulé",
        "title_en": "Statement reworded",
        "reason": "La thèse disait plus que le texte.",
        "reason_en": "",
    }
    response = editor_client.post(url("workbench_correction"), data)
    assert response.status_code == 302
    entry = Correction.objects.get(debate=small_debate)
    assert (entry.title, entry.summary) == (
        "Énoncé reformulé",
        "La thèse disait plus que le texte.",
    )
    assert entry.slug.startswith(str(entry.date))
    assert "Statement reworded" in Client().get(log).content.decode()


@pytest.mark.parametrize(
    ("title", "reason"),
    [("", "Pourquoi."), ("Titre", ""), ("x" * 301, "Pourquoi."), ("Titre", "x" * 10_000)],
)
def test_a_correction_without_title_or_reason_or_too_long_is_refused(
    editor_client, small_debate, title, reason
):
    data = {"title": title, "reason": reason}
    assert editor_client.post(url("workbench_correction"), data).status_code == 400
    assert not Correction.objects.exists()


def test_a_hostile_correction_is_cleaned_and_inert(editor_client, small_debate):
    data = {"title": "<script>alert(1)</script>\x07", "reason": "<img src=x onerror=alert(1)>"}
    assert editor_client.post(url("workbench_correction"), data).status_code == 302
    assert Correction.objects.get().title == "<script>alert(1)</script>"
    page = Client().get(reverse("arguments:corrections", args=["petit-debat"])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_two_entries_the_same_day_with_the_same_title_get_their_own_address(
    editor_client, small_debate
):
    data = {"title": "Même titre", "reason": "Pourquoi."}
    editor_client.post(url("workbench_correction"), data)
    editor_client.post(url("workbench_correction"), data)
    assert len({entry.slug for entry in Correction.objects.all()}) == 2


def test_the_questions_page_asks_few_queries(
    editor_client, question, small_debate, django_assert_max_num_queries
):
    for slug in ("thesis", "support-rent", "hostile", "objection-capitalism"):
        Answer.objects.create(
            question=question, claim=small_debate.claims.get(slug=slug), gist=slug
        )
    with django_assert_max_num_queries(12):
        editor_client.get(url("workbench_questions"))
