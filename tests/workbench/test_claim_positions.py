"""A claim keeps where its quotation is in the stored text: the passage the editor selected
(published from a draft), the one an accepted proposal's quotation was found at, the one a
check finds again after the text was replaced. The W3C export gives that position, and
falls back to the first occurrence when the claim has none or it no longer holds."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from arguments.record.models import Claim
from arguments.workbench.actions import check_quotations, publish_drafts, set_source_text
from arguments.workbench.models import DraftClaim
from arguments.workbench.quotations import TextIndex
from tests.workbench.conftest import accept_rent_proposal

# "la rente" is said twice; the thesis's and the support's quotations are in it once.
TWICE = (
    "Introduction : le numérique est un féodalisme, dit-on ; la rente.\n\n"
    "Car les plateformes prélèvent une rente. Second paragraphe, encore : la rente.\n\n"
    "Fin."
)
STATEMENT = "La rente revient."
RENT = "les plateformes prélèvent une rente"


@pytest.fixture
def twice_text(essay_text):
    essay_text.set_text(TWICE, "text")
    essay_text.save()
    return essay_text


def selectors(client) -> dict:
    response = client.get(reverse("arguments:export", args=["petit-debat", "annotations"]))
    body = b"".join(response) if response.streaming else response.content
    items = json.loads(body)["first"]["items"]
    return {
        item["id"].split("/claims/")[1].split("/")[0]: item["target"]["selector"]
        for item in items
        if item["id"].endswith("#quotation")
    }


def draft_at(small_debate, edith, start: int) -> DraftClaim:
    """A draft as the workbench makes it from a selection at `start` (make_draft's fields)."""
    match = TextIndex(TWICE).find("la rente", near=start)
    return DraftClaim.objects.create(
        debate=small_debate,
        editor=edith,
        quoted_from=small_debate.sources.get(slug="essai-2025"),
        holder=small_debate.participants.get(slug="alice-author"),
        statement=STATEMENT,
        statement_en="The rent comes back.",
        quotation="la rente",
        paragraph=match.paragraph,
        start=match.start,
        end=match.end,
        prefix=match.prefix,
        suffix=match.suffix,
    )


def test_the_selected_occurrence_is_kept_on_publishing_and_exported(
    client, edith, twice_text, small_debate
):
    second = TWICE.rindex("la rente")
    draft_at(small_debate, edith, second)
    publish_drafts(small_debate, edith)
    claim = Claim.objects.get(statement=STATEMENT)
    assert (claim.quotation_start, claim.quotation_end) == (second, second + len("la rente"))
    quote, position = selectors(client)[claim.slug]
    assert (position["start"], position["end"]) == (second, second + 8)
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "la rente",
        "prefix": TWICE[second - 32 : second],
        "suffix": TWICE[second + 8 :][:32],
    }
    # Never on a reader's page: the export alone gives it.
    page = client.get(claim.get_absolute_url()).content.decode()
    assert str(second) not in page


def test_the_first_occurrence_selected_stays_the_first(client, edith, twice_text, small_debate):
    first = TWICE.index("la rente")
    draft_at(small_debate, edith, first)
    publish_drafts(small_debate, edith)
    claim = Claim.objects.get(statement=STATEMENT)
    assert claim.quotation_start == first
    assert selectors(client)[claim.slug][1]["start"] == first


def test_a_replaced_text_moves_the_positions_keeping_the_occurrence(
    client, edith, twice_text, small_debate
):
    second = TWICE.rindex("la rente")
    draft_at(small_debate, edith, second)
    publish_drafts(small_debate, edith)
    longer = "Avant-propos ajouté.\n\n" + TWICE
    set_source_text(twice_text.source, edith, longer, "text")
    claim = Claim.objects.get(statement=STATEMENT)
    moved = longer.rindex("la rente")
    assert (claim.quotation_start, claim.quotation_end) == (moved, moved + 8)
    assert selectors(client)[claim.slug][1] == {
        "type": "TextPositionSelector",
        "start": moved,
        "end": moved + 8,
    }
    thesis = Claim.objects.get(slug="thesis")
    found = longer.index("le numérique est un féodalisme")
    assert (thesis.quotation_start, thesis.quotation_end) == (found, found + 30)


def test_checking_the_quotations_locates_them_and_updates_stale_positions(
    edith, twice_text, small_debate
):
    thesis = Claim.objects.get(slug="thesis")
    assert thesis.quotation_start is None
    check_quotations(twice_text.source)
    thesis.refresh_from_db()
    found = TWICE.index("le numérique est un féodalisme")
    assert (thesis.quotation_start, thesis.quotation_end) == (found, found + 30)
    # A position that no longer holds the quotation (set by hand here) is found again.
    Claim.objects.filter(pk=thesis.pk).update(quotation_start=0, quotation_end=5)
    check_quotations(twice_text.source)
    thesis.refresh_from_db()
    assert (thesis.quotation_start, thesis.quotation_end) == (found, found + 30)
    # Nothing changed: no new version in the history.
    versions = thesis.history.count()
    check_quotations(twice_text.source)
    assert thesis.history.count() == versions


def test_a_stale_position_falls_back_to_the_first_occurrence_in_the_export(
    client, twice_text, small_debate
):
    Claim.objects.filter(slug="support-rent").update(quotation_start=1, quotation_end=9)
    _quote, position = selectors(client)["support-rent"]
    found = TWICE.index(RENT)
    assert (position["start"], position["end"]) == (found, found + len(RENT))


@pytest.mark.parametrize(
    "start, end",
    [(None, None), (None, 8), (-3, 5), (5, 5), (9, 4), (0, 10**9), (10**12, 10**12 + 8)],
)
def test_offsets_that_do_not_hold_the_quotation_give_none(start, end):
    assert TextIndex(TWICE).at("la rente", start, end) is None


def test_offsets_holding_the_quotation_in_its_normal_form_give_the_match():
    text = "Il dit : *la* rente, puis la rente."
    match = TextIndex(text).at("la rente", 9, 19)
    assert match.exact == "*la* rente" and match.suffix.startswith(", puis")
    assert TextIndex(text).at("", 9, 19) is None


def test_the_database_refuses_an_end_before_the_start(small_debate):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(slug="thesis").update(quotation_start=10, quotation_end=3)


def test_an_accepted_proposal_gets_the_position_its_quotation_is_found_at(
    edith, alice, twice_text, small_debate
):
    _, claim = accept_rent_proposal(small_debate, alice, edith)
    found = TWICE.index(RENT)
    assert (claim.quotation_start, claim.quotation_end) == (found, found + len(RENT))


def test_an_accepted_proposal_without_stored_text_has_no_position(edith, alice, small_debate):
    _, claim = accept_rent_proposal(small_debate, alice, edith)
    assert (claim.quotation_start, claim.quotation_end) == (None, None)


def test_a_reported_claim_keeps_no_position_in_the_reporting_text(edith, twice_text, small_debate):
    """Its words are the reporting text's, its source another: a position would mislead."""
    match = TextIndex(TWICE).find("la rente")
    DraftClaim.objects.create(
        debate=small_debate,
        editor=edith,
        quoted_from=small_debate.sources.get(slug="essai-2025"),
        reported_from=small_debate.sources.get(slug="reponse"),
        holder=small_debate.participants.get(slug="bruno"),
        statement=STATEMENT,
        statement_en="The rent comes back.",
        quotation="la rente",
        paragraph=match.paragraph,
        start=match.start,
        end=match.end,
    )
    publish_drafts(small_debate, edith)
    claim = Claim.objects.get(statement=STATEMENT)
    assert claim.via.slug == "essai-2025"
    assert (claim.quotation_start, claim.quotation_end) == (None, None)
    check_quotations(twice_text.source)
    claim.refresh_from_db()
    assert claim.quotation_start is None and claim.checked_against
