"""Search over statements and quotations (see tests/search/ for what it finds)."""

URL = "/petit-debat/search/"


def test_it_finds_claims_by_statement_and_quotation(client, small_debate):
    html = client.get(URL, {"q": "capitalisme"}).content.decode()
    assert "Ce n&#x27;est que du <mark>capitalisme</mark>." in html
    assert "Le numérique est un féodalisme." not in html
    html = client.get(URL, {"q": "publicité"}).content.decode()
    assert "Les profits viennent de la <mark>publicité</mark>." in html


def test_it_finds_claims_by_their_english_statement(client, small_debate):
    html = client.get(URL, {"q": "advertising"}).content.decode()
    assert "Les profits viennent de la publicité." in html


def test_no_match_and_empty_query(client, small_debate):
    assert "0 affirmation" in client.get(URL, {"q": "zzzxqj"}).content.decode()
    response = client.get(URL)
    assert response.status_code == 200


def test_htmx_gets_only_the_results(client, small_debate):
    response = client.get(URL, {"q": "capitalisme"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<html" not in html


def test_hostile_queries_are_inert_and_bounded(client, small_debate):
    for query in ["<script>alert(1)</script>", "' OR 1=1 --", "a & | ! :* (", "x" * 5000, "\\"]:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    assert_queries_do_not_grow(URL, 4, {"q": "capitalisme"})  # debate, claims, names, titles


def test_unknown_parameters_are_a_400(client, small_debate):
    assert client.get(URL, {"q": "x", "page": "2"}).status_code == 400


def test_control_characters_in_the_query_are_spaces(client, small_debate):
    """A NUL made PostgreSQL's full-text search fail (a 500): control characters are taken
    out of the words searched for, on every database."""
    for query in ("\x00", "capitalisme\x00", "\x00capitalisme\x1f", "capi\x00talisme"):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, repr(query)
        assert "\x00" not in response.text
    html = client.get(URL, {"q": "capitalisme\x00"}).text
    assert "Ce n&#x27;est que du <mark>capitalisme</mark>." in html
    assert 'value="capitalisme"' in html  # the query shown back, cleaned


def test_the_api_refuses_a_nul_in_the_query(client, small_debate):
    response = client.get("/api/claims/", {"q": "capitalisme\x00"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
