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
