"""Draft relations made on the workbench: from a draft or a record claim, to a claim picked
by typing (or to a relation, for an undercut), drawn by the text (its passage checked
against the stored text) or by the editors (with their justification); the dating rule
refuses a text answering what came out after it; published with the draft claims in one
transaction, named in the history; readers never see a draft."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from arguments.record.models import Claim, Layer, Relation, Source, Undercut
from arguments.workbench.actions import publish_drafts
from arguments.workbench.models import DraftClaim, DraftRelation

pytestmark = pytest.mark.usefixtures("english")

DEBATE = "petit-debat"


def url(name: str, **kwargs) -> str:
    return reverse(f"arguments:{name}", kwargs={"debate_slug": DEBATE, **kwargs})


@pytest.fixture
def editor_client(client, edith):
    client.force_login(edith)
    return client


@pytest.fixture
def draft(small_debate, essay_text, edith) -> DraftClaim:
    return DraftClaim.objects.create(
        debate=small_debate,
        editor=edith,
        quoted_from=essay_text.source,
        holder=small_debate.participants.get(slug="alice-author"),
        statement="Une conclusion vide.",
        statement_en="An empty conclusion.",
        quotation="une conclusion qui ne dit rien de plus",
        paragraph=3,
    )


def relation_data(**changes) -> dict:
    data = {
        "kind": "objection",
        "target_choice": "objection-capitalism",
        "layer": "text",
        "passage": "Enfin, une conclusion",
        "justification": "",
        "justification_en": "",
    }
    data.update(changes)
    return data


def test_a_draft_objection_drawn_by_the_text_is_stored_then_published(
    editor_client, draft, small_debate, edith
):
    response = editor_client.post(
        url("workbench_draft_relation", draft_id=draft.pk), relation_data()
    )
    assert response.status_code == 302
    stored = DraftRelation.objects.get()
    assert (stored.from_draft, stored.kind, stored.layer) == (draft, "objection", "text")
    assert stored.source.slug == "essai-2025"

    published = publish_drafts(small_debate, edith)

    assert len(published) == 2
    relation = Relation.objects.get(from_claim__statement="Une conclusion vide.")
    assert (relation.kind, relation.to_claim.slug) == ("objection", "objection-capitalism")
    assert (relation.layer, relation.source.slug) == (Layer.TEXT, "essai-2025")
    assert relation.drawn_by.slug == "alice-author"
    assert relation.passage == "Enfin, une conclusion"
    entry = relation.history.first()
    assert entry.history_user == edith
    assert "edith" in entry.history_change_reason
    assert not DraftRelation.objects.exists() and not DraftClaim.objects.exists()


def test_a_passage_not_in_the_text_is_refused_naming_the_closest(editor_client, draft):
    response = editor_client.post(
        url("workbench_draft_relation", draft_id=draft.pk),
        relation_data(passage="une conclusion qui dit tout"),
    )
    assert response.status_code == 400
    assert "The closest passage, paragraph 3" in response.content.decode()
    assert not DraftRelation.objects.exists()


def test_an_editors_link_needs_its_justification_and_has_no_text(editor_client, draft):
    address = url("workbench_draft_relation", draft_id=draft.pk)
    refused = editor_client.post(address, relation_data(layer="editors", passage=""))
    assert refused.status_code == 400
    assert "Say in one line why the editors join them." in refused.content.decode()
    made = editor_client.post(
        address, relation_data(layer="editors", justification="Ils se répondent  sans se lire.")
    )
    assert made.status_code == 302
    link = DraftRelation.objects.get()
    assert (link.source, link.passage, link.justification) == (
        None,
        "",
        "Ils se répondent sans se lire.",
    )


def test_a_text_answering_what_came_out_after_it_is_refused(editor_client, draft, small_debate):
    later = Source.objects.create(
        debate=small_debate,
        slug="plus-tard",
        title="Plus tard",
        published=datetime.date(2026, 3, 1),
    )
    Claim.objects.create(
        debate=small_debate,
        slug="later-claim",
        statement="Une thèse de 2026.",
        holder=small_debate.participants.get(slug="bruno"),
        source=later,
        quotation="une thèse",
    )
    address = url("workbench_draft_relation", draft_id=draft.pk)
    refused = editor_client.post(address, relation_data(target_choice="later-claim"))
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "The dating rule refuses it" in html
    assert "2025-10" in html and "2026-03-01" in html
    assert not DraftRelation.objects.exists()
    # The editors may join them: it is their reading, not the text's.
    linked = editor_client.post(
        address,
        relation_data(target_choice="later-claim", layer="editors", justification="Même idée."),
    )
    assert linked.status_code == 302


def test_publishing_checks_the_dating_rule_again(draft, small_debate, edith):
    target = Claim.objects.get(slug="objection-capitalism")
    DraftRelation.objects.create(
        debate=small_debate,
        editor=edith,
        from_draft=draft,
        kind="support",
        to_claim=target,
        layer="text",
        source=draft.quoted_from,
        passage="Enfin",
    )
    # The target's text is now dated after the draft's (2025-10): the rule breaks.
    Source.objects.filter(slug="reponse").update(
        published=datetime.date(2027, 1, 1), date_qualifier="exact"
    )
    from arguments.workbench.actions import DraftsNotPublished

    with pytest.raises(DraftsNotPublished) as refusal:
        publish_drafts(small_debate, edith)
    assert "dating rule" in refusal.value.refused[0][1]
    assert (
        DraftClaim.objects.count() == 1
        and not Relation.objects.filter(
            kind="support", to_claim=target, from_claim__statement="Une conclusion vide."
        ).exists()
    )


def test_an_undercut_names_the_relation_it_objects_to(editor_client, draft, small_debate, edith):
    address = url("workbench_draft_relation", draft_id=draft.pk)
    asked = editor_client.post(address, relation_data(kind="undercut", target_choice="thesis"))
    html = asked.content.decode()
    assert asked.status_code == 400
    supports = Relation.objects.get(from_claim__slug="support-rent", to_claim__slug="thesis")
    assert f'value="{supports.pk}"' in html
    made = editor_client.post(
        address,
        relation_data(kind="undercut", target_choice="thesis", undercut_relation=supports.pk),
    )
    assert made.status_code == 302
    publish_drafts(small_debate, edith)
    undercut = Undercut.objects.get(relation=supports)
    assert undercut.from_claim.statement == "Une conclusion vide."


def test_a_relation_from_a_record_claim_is_drawn_in_its_text(
    editor_client, essay_text, small_debate, edith
):
    response = editor_client.post(
        url("workbench_claim_relation", claim_slug="support-rent"),
        relation_data(kind="rephrase", target_choice="objection-capitalism", passage="une rente"),
    )
    assert response.status_code == 302
    publish_drafts(small_debate, edith)
    relation = Relation.objects.get(from_claim__slug="support-rent", kind="rephrase")
    assert relation.source.slug == "essai-2025"


def test_the_target_is_picked_by_typing_with_htmx_or_without(editor_client, draft):
    address = url("workbench_draft_relation", draft_id=draft.pk)
    page = editor_client.get(address, {"target": "capitalisme"})
    assert page.status_code == 200
    assert page.content.decode().lstrip().startswith("<!DOCTYPE html>")
    assert 'value="objection-capitalism"' in page.content.decode()
    # The passage that argues it is offered: the draft's own quotation.
    assert f"{draft.quotation}</textarea>" in page.content.decode()
    choices = editor_client.get(address, {"target": "capitalisme"}, HTTP_HX_REQUEST="true")
    html = choices.content.decode()
    assert "<html" not in html and 'value="objection-capitalism"' in html
    assert choices["Vary"] and "HX-Request" in choices["Vary"]
    # Typed words naming one claim choose it, without a click.
    typed = editor_client.post(address, relation_data(target_choice="", target="capitalisme"))
    assert typed.status_code == 302
    assert DraftRelation.objects.get().to_claim.slug == "objection-capitalism"


@pytest.mark.parametrize(
    "changes",
    [
        {"target": "x" * 100_000, "target_choice": ""},
        {"target_choice": "\x00\x01"},
        {"passage": "\x00" * 10},
        {"passage": "mot " * 100_000},
        {"kind": ""},
        {"kind": "rebuttal"},
        {"layer": "readers"},
        {"undercut_relation": "not a number", "kind": "undercut", "target_choice": "thesis"},
        {"justification": "j" * 5000, "layer": "editors"},
    ],
)
def test_hostile_relation_data_gets_a_clear_refusal(editor_client, draft, changes):
    response = editor_client.post(
        url("workbench_draft_relation", draft_id=draft.pk), relation_data(**changes)
    )
    assert response.status_code == 400
    assert not DraftRelation.objects.exists()


def test_unknown_parameters_and_another_editors_draft_are_refused(
    editor_client, draft, django_user_model, small_debate
):
    address = url("workbench_draft_relation", draft_id=draft.pk)
    assert editor_client.get(address, {"nope": "1"}).status_code == 400
    other = django_user_model.objects.create_user("otto")
    theirs = DraftClaim.objects.create(
        debate=small_debate,
        editor=other,
        quoted_from=draft.quoted_from,
        holder=draft.holder,
        statement="x",
        statement_en="x",
        quotation="Enfin",
    )
    assert editor_client.get(url("workbench_draft_relation", draft_id=theirs.pk)).status_code == 404


def test_readers_never_see_a_draft_claim_or_relation(client, editor_client, draft):
    editor_client.post(url("workbench_draft_relation", draft_id=draft.pk), relation_data())
    assert DraftRelation.objects.exists()
    client.logout()
    for address in [
        url("map"),
        url("claim", claim_slug="objection-capitalism"),
        url("search") + "?q=conclusion",
        reverse("arguments:debate", kwargs={"debate_slug": DEBATE}),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert "Une conclusion vide" not in html and "An empty conclusion" not in html


def test_the_workbench_lists_draft_relations_and_discards_one(editor_client, draft):
    editor_client.post(url("workbench_draft_relation", draft_id=draft.pk), relation_data())
    relation = DraftRelation.objects.get()
    html = editor_client.get(url("workbench")).content.decode()
    assert "Draft relations" in html and "objects to" in html
    response = editor_client.post(url("workbench_discard_relation", relation_id=relation.pk))
    assert response.status_code == 302
    assert not DraftRelation.objects.exists()
