"""Debate overview page."""


def test_it_shows_the_overview_and_counts(client, small_debate):
    response = client.get("/petit-debat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un petit débat" in html and "5 claims" not in html  # French by default
    assert "5 affirmations, 4 relations" in html
    assert 'href="/petit-debat/map/"' in html


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # 6 for the page, 1 for the thesis its card image shows.
    assert_queries_do_not_grow("/petit-debat/", 8)


def test_an_unknown_debate_is_the_sites_404(client, small_debate):
    response = client.get("/no-such-debate/")
    assert response.status_code == 404
    assert "Introuvable" in response.content.decode()


def test_it_is_the_whole_record_where_home_is_the_way_in(client, small_debate):
    """Each page its purpose: the debate's page indexes the whole record (theses with their
    arguments, participants, texts); home leads into the exchange and links here."""
    debate = client.get("/petit-debat/").content.decode()
    assert debate.count('<li class="thesis">') == small_debate.claims.theses().count()
    assert 'href="/petit-debat/participants/alice-author/"' in debate
    assert 'href="/#debate-petit-debat"' in debate  # back to its exchange on home
    home = client.get("/").content.decode()
    assert '<li class="thesis">' not in home and 'class="participants"' not in home
    assert 'href="/petit-debat/"' in home
