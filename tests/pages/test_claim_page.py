"""Claim page: statement, holder, quotation and source, the tree of arguments below it."""

URL = "/petit-debat/claims/thesis/"


def test_it_shows_statement_holder_quotation_and_source(client, small_debate):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="statement">Le numérique est un féodalisme.</h1>' in html
    assert 'href="/petit-debat/participants/alice-author/"' in html
    assert "« le numérique est un féodalisme »" in html
    assert 'href="/petit-debat/sources/essai-2025/"' in html
    assert "« Introduction », paragraphe 1" in html


def test_it_shows_supports_and_objections_with_an_expandable_branch(client, small_debate):
    html = client.get(URL).content.decode()
    assert "Les plateformes prélèvent une rente." in html
    assert "Ce n&#x27;est que du capitalisme." in html
    # The objection has two arguments of its own, not loaded at depth 1: a link that works
    # without JavaScript and expands in place with htmx.
    assert (
        'href="/petit-debat/claims/objection-capitalism/" '
        'hx-get="/petit-debat/claims/objection-capitalism/"'
    ) in html
    assert "Les profits viennent de la publicité." not in html


def test_a_deeper_tree_loads_the_next_level(client, small_debate):
    html = client.get(URL + "?depth=2").content.decode()
    assert "Les profits viennent de la publicité." in html


def test_htmx_gets_only_the_branch(client, small_debate):
    response = client.get(
        "/petit-debat/claims/objection-capitalism/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<ul class="branch"')
    assert "<html" not in html and "Les profits viennent de la publicité." in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_it_is_the_whole_page(client, small_debate):
    html = client.get("/petit-debat/claims/objection-capitalism/").content.decode()
    assert "<html" in html
    assert "Ce que cette affirmation vise" in html  # what it bears on
    assert "Le numérique est un féodalisme." in html


def test_hostile_text_is_inert(client, small_debate):
    html = client.get("/petit-debat/claims/hostile/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # 6 for the page, 1 for its newest version (the revision its citation names); 6 for its
    # label on a debate that just changed (revision, sources, claim and relation rows,
    # undercuts, the statements its reason names).
    assert_queries_do_not_grow(URL, 13)


def test_once_the_labels_are_cached_the_badge_costs_two_queries(
    client, alice, small_debate, django_assert_num_queries
):
    client.force_login(alice)  # nobody else asked: the page is made for her each time
    client.get(URL)
    # session, user, the page and its forms for a signed-in reader (9; the relation's target
    # is typed, not picked from every claim), the revision (the badge, reason included, is
    # kept by claim), the claim's newest version (its citation)
    with django_assert_num_queries(13):
        client.get(URL)


def test_bad_depth_is_a_400_or_clamped(client, small_debate):
    assert client.get(URL + "?depth=abc").status_code == 400
    assert "depth" in client.get(URL + "?depth=abc").content.decode()
    assert client.get(URL + "?depth=100000").status_code == 200
    assert client.get(URL + "?depth=-5").status_code == 200
    assert client.get(URL + "?nonsense=1").status_code == 400


def test_unknown_claim_is_a_404(client, small_debate):
    assert client.get("/petit-debat/claims/no-such-claim/").status_code == 404
    assert client.get("/other-debate/claims/thesis/").status_code == 404


def test_it_rejects_post(client, small_debate):
    assert client.post(URL).status_code == 405


def test_no_template_syntax_leaks_into_the_page(client, small_debate):
    html = client.get(URL).content.decode()
    assert "{#" not in html and "{%" not in html and "{{" not in html


def test_a_signed_in_readers_page_does_not_grow_with_the_debate(
    client, alice, small_debate, django_assert_max_num_queries
):
    """The form to propose a relation lists every claim of the debate: one query for all of
    them, not one per claim (the options once loaded their debate one by one)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import grow

    client.force_login(alice)
    client.get(URL)
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL).status_code == 200
    grow(small_debate, 30)
    client.get(URL)  # the labels of the grown debate, once
    with CaptureQueriesContext(connection) as after:
        assert client.get(URL).status_code == 200
    assert len(after) == len(before)
