"""Source page: its claims in reading order, and the relations it draws."""

URL = "/petit-debat/sources/reponse/"


def test_it_lists_its_claims_in_reading_order_and_its_relations(client, small_debate):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Citation &lt;script&gt;") < html.index("Ce n&#x27;est que du capitalisme.")
    assert "Relations tracées dans cette source" in html
    assert "Les profits viennent de la publicité." in html
    assert "non précisé dans les textes" in html  # venue not stated


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # the revision for the readers' page cache, the source and its authors, the revision
    # of its rows (kept in the cache per revision), its claims and relations
    assert_queries_do_not_grow("/petit-debat/sources/essai-2025/", 5)


def test_unknown_source_is_a_404(client, small_debate):
    assert client.get("/petit-debat/sources/nope/").status_code == 404


def test_a_hidden_proposal_citing_the_source_is_not_listed(client, small_debate, alice):
    thesis = small_debate.claims.get(slug="thesis")
    source = small_debate.sources.get(slug="reponse")
    shown = thesis.propose_argument(alice, "support", "Une proposition visible", source=source)
    hidden = thesis.propose_argument(alice, "support", "Une proposition masquée", source=source)
    hidden.hide("hors sujet")
    html = client.get(URL).content.decode()
    assert shown.statement in html
    assert hidden.statement not in html


def test_a_signed_in_reader_gets_its_rows_from_the_cache_until_the_record_changes(
    assert_rows_kept_for_signed_in,
):
    # the session, the user, their permissions (moderator?), the source and its authors,
    # the revision: the rows are cached
    assert_rows_kept_for_signed_in("/petit-debat/sources/essai-2025/", 7)
