"""Participant page: claims held, objections made and received."""


def test_it_shows_claims_held_and_objections_made_and_received(client, small_debate):
    response = client.get("/petit-debat/participants/alice-author/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le numérique est un féodalisme." in html
    received = html[html.index("Objections reçues") :]
    assert "Ce n&#x27;est que du capitalisme." in received
    bruno = client.get("/petit-debat/participants/bruno/").content.decode()
    made = bruno[bruno.index("Objections faites") : bruno.index("Objections reçues")]
    assert "Ce n&#x27;est que du capitalisme." in made


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # the revision for the readers' page cache, the participant, the revision of its rows
    # (kept in the cache per revision), and the 6 queries of those rows
    assert_queries_do_not_grow("/petit-debat/participants/alice-author/", 8)


def test_unknown_participant_is_a_404(client, small_debate):
    assert client.get("/petit-debat/participants/nobody/").status_code == 404


def test_a_signed_in_reader_gets_its_rows_from_the_cache_until_the_record_changes(
    assert_rows_kept_for_signed_in,
):
    # the session, the user, their permissions (moderator?), the participant, the revision:
    # the rows are cached
    assert_rows_kept_for_signed_in("/petit-debat/participants/alice-author/", 6)
