"""The rules of the argument graph hold in the database itself, not only in forms."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from arguments.record.models import Claim, Debate, Participant, Relation, Source, argument_tree
from arguments.search.text import query_terms


def make_other_debate():
    debate = Debate.objects.create(slug="autre", title="Autre")
    person = Participant.objects.create(debate=debate, slug="p", name="P")
    source = Source.objects.create(debate=debate, slug="s", title="S")
    claim = Claim.objects.create(
        debate=debate, slug="c", statement="C", holder=person, source=source, quotation="c"
    )
    return debate, person, source, claim


def test_it_refuses_a_relation_from_a_claim_to_itself(small_debate):
    claim = small_debate.claims.get(slug="thesis")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(
            debate=small_debate, from_claim=claim, to_claim=claim, kind="support"
        )


def test_it_refuses_a_duplicate_relation_of_the_same_kind(small_debate):
    relation = small_debate.relations.get(kind="support", to_claim__slug="thesis")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(
            debate=small_debate,
            from_claim=relation.from_claim,
            to_claim=relation.to_claim,
            kind="support",
        )
    # Another kind between the same claims is a different relation.
    Relation.objects.create(
        debate=small_debate,
        from_claim=relation.from_claim,
        to_claim=relation.to_claim,
        kind="rephrase",
    )


def test_it_refuses_a_relation_across_debates(small_debate):
    _debate, _person, _source, foreign_claim = make_other_debate()
    thesis = small_debate.claims.get(slug="thesis")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(
            debate=small_debate, from_claim=foreign_claim, to_claim=thesis, kind="objection"
        )
    relation = small_debate.relations.first()
    relation.to_claim = foreign_claim
    with pytest.raises(IntegrityError), transaction.atomic():
        relation.save()


def test_it_refuses_a_claim_whose_holder_or_source_is_in_another_debate(small_debate):
    _debate, foreign_person, foreign_source, _claim = make_other_debate()
    claim = small_debate.claims.get(slug="thesis")
    claim.holder = foreign_person
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
    claim.refresh_from_db()
    claim.source = foreign_source
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


def test_it_refuses_an_unknown_relation_kind(small_debate):
    relation = small_debate.relations.first()
    relation.kind = "agrees-loosely"
    with pytest.raises(IntegrityError), transaction.atomic():
        relation.save()


def test_it_refuses_a_long_quotation_and_an_empty_statement(small_debate):
    claim = small_debate.claims.get(slug="thesis")
    claim.quotation = "x" * 301
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
    claim.refresh_from_db()
    claim.statement = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


def test_the_argument_tree_follows_supports_and_objections(small_debate, django_assert_num_queries):
    thesis = small_debate.claims.get(slug="thesis")
    with django_assert_num_queries(2):
        tree = argument_tree(thesis, depth=2)
    assert [(b.relation.kind, b.claim.slug) for b in tree] == [
        ("objection", "objection-capitalism"),
        ("support", "support-rent"),
    ]
    under_objection = tree[0].children
    assert {b.claim.slug for b in under_objection} == {"hostile", "deep-support"}
    assert tree[0].relation.argument_count == 2


def test_the_argument_tree_stops_on_cycles(small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    objection = small_debate.claims.get(slug="objection-capitalism")
    Relation.objects.create(
        debate=small_debate, from_claim=thesis, to_claim=objection, kind="objection"
    )
    tree = argument_tree(thesis, depth=5)
    objection_branch = next(b for b in tree if b.claim == objection)
    thesis_again = next(b for b in objection_branch.children if b.claim == thesis)
    assert thesis_again.children == []  # not expanded a second time


def test_source_dates_say_no_more_than_we_know(small_debate):
    essay = small_debate.sources.get(slug="essai-2025")
    answer = small_debate.sources.get(slug="reponse")
    assert essay.date_precision == "month"
    assert "2025" in essay.date_display and "1" not in essay.date_display.replace("2025", "")
    assert answer.date_precision == "year" and answer.date_qualifier == "circa"
    assert "2025" in answer.date_display and answer.date_display != "2025"


def test_theses_are_the_claims_that_argue_for_nothing(small_debate):
    assert [claim.slug for claim in small_debate.claims.theses()] == ["thesis"]


def test_deleting_a_debate_deletes_everything_in_it(small_debate):
    small_debate.delete()
    assert Claim.objects.count() == 0 and Relation.objects.count() == 0
    assert Participant.objects.count() == 0 and Source.objects.count() == 0


def test_a_participant_who_holds_claims_cannot_be_deleted_alone(small_debate):
    from django.db.models import RestrictedError

    with pytest.raises(RestrictedError):
        small_debate.participants.get(slug="alice-author").delete()


def test_a_descriptive_name_and_a_bracketed_title_read_in_the_pages_language(small_debate):
    bruno = small_debate.participants.get(slug="bruno")
    bruno.name_en = "Bruno (an unsigned collective)"
    bruno.save(update_fields=["name_en"])
    reponse = small_debate.sources.get(slug="reponse")
    reponse.title, reponse.title_en = "[Réponse non signée]", "[Unsigned answer]"
    reponse.save(update_fields=["title", "title_en"])
    alice = small_debate.participants.get(slug="alice-author")
    with translation.override("fr"):
        assert bruno.display_name == bruno.name
        assert (reponse.display_title, reponse.display_title_language) == (reponse.title, "fr")
        assert reponse.language_name == "Français"
    with translation.override("en"):
        assert bruno.display_name == "Bruno (an unsigned collective)"
        assert alice.display_name == "Alice Autrice"  # a real name stays as it is
        assert reponse.display_title == "[Unsigned answer]"
        assert reponse.display_title_language == "en"
        assert reponse.language_name == "French"
        # Claims show their holder by the same name.
        claim = small_debate.claims.filter(holder=bruno).first()
        assert claim.author_label == "Bruno (an unsigned collective)"
    # The English words are searched too, in either language.
    participants = Participant.objects.filter(debate=small_debate)
    assert list(participants.matching(query_terms("unsigned"))) == [bruno]
    assert list(Source.objects.matching(query_terms("unsigned answers"))) == [reponse]
    assert list(Source.objects.matching(query_terms("réponse"))) == [reponse]
