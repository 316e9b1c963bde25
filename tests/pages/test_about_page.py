"""About this map: method, conventions, and the sources with their links."""


def test_it_explains_the_method_and_lists_the_sources(client, small_debate):
    response = client.get("/petit-debat/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Comment les affirmations ont été extraites" in html
    assert "5 affirmations et 4 relations" in html
    assert 'href="/petit-debat/sources/essai-2025/"' in html
    assert html.index("Réponse") < html.index("Essai sur rien")


def test_its_query_count_is_fixed(client, small_debate, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get("/petit-debat/about/")


def test_unknown_debate_is_a_404(client, small_debate):
    assert client.get("/nope/about/").status_code == 404
