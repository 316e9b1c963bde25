"""Home page: the debates, their theses, participants and sources on a timeline."""


def test_it_shows_the_debate_its_theses_participants_and_timeline(client, small_debate):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un petit débat" in html
    assert "Le numérique est un féodalisme." in html  # the thesis
    assert "Alice Autrice" in html
    assert "Essai sur rien" in html and "octobre 2025" in html
    # The participant's hostile name is inert text.
    assert "Bruno &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Co&quot;" in html
    assert "<b>&amp;</b>" not in html


def test_the_timeline_puts_sources_in_date_order(client, small_debate):
    html = client.get("/").content.decode()
    assert html.index("Réponse") < html.index("Essai sur rien")  # 2025 (circa) before 2025-10


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    assert_queries_do_not_grow("/", 5)


def test_it_rejects_post(client, small_debate):
    assert client.post("/").status_code == 405


def test_it_says_when_no_debate_is_loaded(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "load_debate" in response.content.decode()
