"""After a proposal or an annotation the reader is told what became of it, with and without
htmx; the relation's target is found by typing, or on a search page without JavaScript;
every id on a signed-in reader's claim and relation pages is unique."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from annotations.models import Annotation
from arguments.record.models import Claim, Relation

CLAIM = "/petit-debat/claims/thesis/"
ARGUMENT = CLAIM + "propose/argument/"
RELATION = "/petit-debat/claims/support-rent/propose/relation/"
TARGETS = "/petit-debat/claims/support-rent/propose/targets/"
HTMX = {"HX-Request": "true"}


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def duplicate_ids(html: str) -> list[str]:
    parser = Ids()
    parser.feed(html)
    return [name for name, count in Counter(parser.ids).items() if count > 1]


def main_of(html: str) -> str:
    return html.split('<main id="main">')[1].split("</main>")[0]


# Proposals: without htmx, the message on the proposal's page ------------------------------


def test_a_proposed_objection_is_confirmed_on_its_page(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(ARGUMENT, {"kind": "objection", "statement": "La rente est ancienne."})
    assert response.status_code == 302
    assert response["Location"] == "/petit-debat/claims/contribution-la-rente-est-ancienne/"
    page = client.get(response["Location"]).text
    assert 'class="messages"' in page and "Votre objection est proposée" in page
    assert "Votre objection" not in client.get(response["Location"]).text  # said once


def test_a_proposed_support_says_support(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(ARGUMENT, {"kind": "support", "statement": "Preuve"}, follow=True)
    assert "Votre soutien est proposé" in response.text


def test_a_proposed_relation_is_confirmed_naming_its_target(client, bob, small_debate):
    client.force_login(bob)
    response = client.post(RELATION, {"kind": "objection", "target": "objection-capitalism"})
    relation = Relation.objects.get(proposed_by=bob)
    assert response["Location"] == relation.get_absolute_url()
    page = client.get(response["Location"]).text
    target = relation.to_claim.statement.replace("'", "&#x27;")
    assert "Votre relation est proposée" in page and f"« {target} »" in page


# Proposals with htmx: fresh forms under a confirmation, in place --------------------------


def test_with_htmx_the_confirmation_comes_in_the_swapped_forms(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(
        ARGUMENT, {"kind": "objection", "statement": "Une objection <b>vive</b>"}, headers=HTMX
    )
    assert response.status_code == 200 and "<html" not in response.text
    proposal = Claim.objects.get(proposed_by=alice)
    html = response.text
    assert html.lstrip().startswith('<section id="propose"')
    assert 'data-announce="Votre objection est proposée' in html  # read out from #status
    assert "data-swap-focus" in html and f'href="{proposal.get_absolute_url()}"' in html
    assert "<b>vive</b>" not in html  # nothing the reader typed is markup
    assert 'name="statement"' in html and "Une objection" not in html  # fresh forms
    assert "Votre objection" not in client.get(CLAIM).text


def test_with_htmx_a_relation_is_confirmed_in_place(client, bob, small_debate):
    client.force_login(bob)
    response = client.post(
        RELATION, {"kind": "support", "target": "objection-capitalism"}, headers=HTMX
    )
    assert response.status_code == 200 and "Votre relation est proposée" in response.text
    relation = Relation.objects.get(proposed_by=bob)
    assert f'href="{relation.get_absolute_url()}"' in response.text


def test_with_htmx_a_refused_proposal_comes_back_in_place_with_its_errors(
    client, alice, small_debate
):
    client.force_login(alice)
    response = client.post(
        ARGUMENT,
        {"kind": "objection", "statement": "x", "quotation": "q" * 301},
        headers=HTMX,
    )
    assert response.status_code == 400 and "<html" not in response.text
    assert 'role="alert"' in response.text and "data-swap-focus" in response.text
    assert "x</textarea>" in response.text  # what she wrote is kept
    assert not Claim.objects.filter(proposed_by=alice).exists()


def test_the_forms_carry_both_a_plain_action_and_htmx(client, alice, small_debate):
    client.force_login(alice)
    page = client.get(CLAIM).text
    for url in (ARGUMENT, CLAIM + "propose/relation/"):
        assert f'action="{url}"' in page and f'hx-post="{url}"' in page
    assert f'href="{CLAIM}propose/targets/"' in page  # the search page, without JavaScript


def test_anonymous_readers_cannot_propose_with_htmx_either(client, small_debate):
    response = client.post(ARGUMENT, {"kind": "support", "statement": "x"}, headers=HTMX)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Claim.objects.filter(proposed_at__isnull=False).exists()


# Annotations -----------------------------------------------------------------------------


def test_an_annotation_is_confirmed_on_the_page_without_htmx(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(CLAIM + "annotations/", {"stance": "agree", "body": "D'accord."})
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert 'class="messages"' in page and "Annotation publiée" in page


def test_an_annotation_is_announced_with_htmx(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(
        CLAIM + "annotations/", {"stance": "agree", "body": "D'accord."}, headers=HTMX
    )
    assert response.status_code == 200 and 'data-announce="Annotation publiée."' in response.text
    assert "Annotation publiée" not in client.get(CLAIM).text  # not said twice


def test_a_refused_annotation_gets_no_confirmation(client, alice, small_debate):
    client.force_login(alice)
    response = client.post(CLAIM + "annotations/", {"stance": "agree", "body": ""})
    assert response.status_code == 400 and "Annotation publiée" not in response.text
    assert not Annotation.objects.exists()


# The target picked by typing, and its search page without JavaScript -----------------------


def test_without_javascript_the_search_page_offers_the_claims_to_choose(client, bob, small_debate):
    client.force_login(bob)
    page = client.get(TARGETS, {"target": "capitalisme"})
    assert page.status_code == 200 and "<html" in page.text
    main = main_of(page.text)
    assert 'action="/petit-debat/claims/support-rent/propose/relation/"' in main
    assert 'name="target_choice" value="objection-capitalism"' in main
    assert "<mark>capitalisme</mark>" in main and 'name="kind"' in main
    chosen = client.post(
        RELATION,
        {"kind": "objection", "target": "capitalisme", "target_choice": "objection-capitalism"},
    )
    assert chosen.status_code == 302
    assert Relation.objects.get(proposed_by=bob).to_claim.slug == "objection-capitalism"


def test_an_anonymous_reader_sees_the_claims_and_a_way_to_log_in(client, small_debate):
    main = main_of(client.get(TARGETS, {"target": "capitalisme"}).text)
    assert 'action="/petit-debat/claims/support-rent/propose/relation/"' not in main
    assert 'href="/petit-debat/claims/objection-capitalism/"' in main
    assert 'href="/accounts/login/?next=' in main


def test_the_search_page_starts_empty(client, bob, small_debate):
    client.force_login(bob)
    main = main_of(client.get(TARGETS).text)
    assert 'name="target" value=""' in main and "target_choice" not in main


def test_htmx_and_plain_answers_differ_and_say_so(client, small_debate):
    plain = client.get(TARGETS, {"target": "capitalisme"})
    htmx = client.get(TARGETS, {"target": "capitalisme"}, headers=HTMX)
    assert "<html" in plain.text and "<html" not in htmx.text
    assert "HX-Request" in plain["Vary"] and "HX-Request" in htmx["Vary"]


@pytest.mark.parametrize("headers", [{}, HTMX])
@pytest.mark.parametrize(
    "hostile",
    [
        "x" * 10_000,
        "\x00\x01\x1f capitalisme",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202e",
    ],
)
def test_hostile_words_are_answered_plainly(client, bob, small_debate, headers, hostile):
    client.force_login(bob)
    response = client.get(TARGETS, {"target": hostile}, headers=headers)
    assert response.status_code == 200
    # (a whole page's header has language links that keep any address, escaped)
    text = main_of(response.text) if headers == {} else response.text
    assert "<script>alert" not in text and "x" * 201 not in text


def test_the_search_refuses_unknown_parameters_and_writes(client, bob, small_debate):
    client.force_login(bob)
    assert client.get(TARGETS, {"q": "x"}).status_code == 400
    assert client.post(TARGETS, {"target": "x"}).status_code == 405
    assert client.get("/petit-debat/claims/nope/propose/targets/").status_code == 404


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_search_takes_the_same_queries_at_any_size(
    client, bob, small_debate, django_assert_num_queries, headers
):
    from tests.conftest import grow

    client.force_login(bob)
    client.get(TARGETS, {"target": "argument"}, headers=headers)
    # session, user, her two permission checks (a moderator sees hidden claims), the claim
    # with its debate, the claims found
    expected = 6
    with django_assert_num_queries(expected):
        client.get(TARGETS, {"target": "argument"}, headers=headers)
    grow(small_debate, 30)
    with django_assert_num_queries(expected):
        response = client.get(TARGETS, {"target": "argument"}, headers=headers)
    assert response.text.count('name="target_choice"') == 12  # the best, never all


# Unique ids --------------------------------------------------------------------------------


def test_every_id_is_unique_on_signed_in_claim_and_relation_pages(client, alice, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Une objection")
    relation = Relation.objects.get(from_claim=proposal)
    Annotation.objects.create(author=alice, claim=thesis, body="Une note")
    Annotation.objects.create(author=alice, relation=relation, body="Une autre")
    client.force_login(alice)
    pages = [
        CLAIM,
        CLAIM + "?depth=3",
        proposal.get_absolute_url(),
        relation.get_absolute_url(),
        TARGETS + "?target=capitalisme",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert duplicate_ids(response.text) == [], url
    refused = client.post(RELATION, {"kind": "support", "target": "Wikipédia plateformes rente"})
    assert duplicate_ids(refused.text) == []


def test_ids_stay_unique_after_an_htmx_swap(client, alice, small_debate):
    """The page with the forms swapped in by htmx (as the browser then holds it)."""
    client.force_login(alice)
    page = client.get(CLAIM).text
    swapped = client.post(ARGUMENT, {"kind": "support", "statement": "x"}, headers=HTMX).text
    start, end = (
        page.index('<section id="propose"'),
        page.index("</section>", page.index('<section id="propose"')),
    )
    assert duplicate_ids(page[:start] + swapped + page[end + len("</section>") :]) == []


def test_a_proposal_takes_the_same_queries_at_any_size(
    client, alice, bob, small_debate, django_assert_num_queries
):
    from tests.conftest import grow

    client.force_login(alice)
    # The reader, the claim, the address's taken numbers, the claim and the relation with
    # their history, the fresh forms: as many on SQLite and PostgreSQL, at any size.
    with django_assert_num_queries(15):
        client.post(ARGUMENT, {"kind": "support", "statement": "Premier"}, headers=HTMX)
    grow(small_debate, 30)
    with django_assert_num_queries(15):
        client.post(ARGUMENT, {"kind": "support", "statement": "Second"}, headers=HTMX)
    client.force_login(bob)
    with django_assert_num_queries(9):
        client.post(RELATION, {"kind": "objection", "target": "objection-capitalism"})
