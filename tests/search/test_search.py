"""What search finds in the shipped debate, the same on SQLite and PostgreSQL: a table of
queries with their hits, checked against the definition (every word of the query is one of
a claim's words, stem for stem), then the page, with and without htmx, and hostile input."""

import re

import pytest

from arguments.search.index import claim_hits
from arguments.search.text import matches, query_terms, words

URL = "/technofeodalisme/search/"

# query: (claims found, participants found, a word of each source title found)
QUERIES = {
    # accents and case
    "féodalisme": (44, [], ["Recension", "Essai", "Article", "Réponse"]),
    "feodalisme": (44, [], ["Recension", "Essai", "Article", "Réponse"]),
    "FÉODALISME": (44, [], ["Recension", "Essai", "Article", "Réponse"]),
    "grève": (3, [], []),
    "greve": (3, [], []),
    "prédation": (3, [], []),
    "predation": (3, [], []),
    # plurals and other endings
    "rente": (11, [], []),
    "rentes": (11, [], []),
    "plateformes": (13, [], []),
    "monopoles": (9, [], []),
    # verb forms
    "dominer": (8, [], []),
    "domination": (8, [], []),
    "travailler": (26, [], []),
    "produisent": (4, [], []),
    # names: the participant and the claims they hold
    "Rauzy": (54, ["Pablo Rauzy"], []),
    "rauzy": (54, ["Pablo Rauzy"], []),
    "Lordon": (14, ["Frédéric Lordon"], []),
    "Morozov": (14, ["Evgeny Morozov"], ["Billet", "Réponse"]),
    "Varoufakis": (2, ["Yanis Varoufakis"], []),
    "Zuboff": (2, ["Shoshana Zuboff"], []),
    "Coeuré": (5, ["Benoît Cœuré"], []),
    "Zizek": (1, ["Slavoj Žižek"], []),
    "insoumise": (8, ["La France insoumise"], []),
    # source titles
    "capital is dead": (0, [], ["Capital"]),
    "prison numérique": (0, [], ["Consommer"]),
    "décroissance": (3, [], ["Moins"]),
    # English statements
    "feudalism": (43, [], ["Critique", "Essai", "Article", "Réponse"]),
    "advertising": (16, [], []),
    "platforms": (13, [], []),
    # English names and titles, where ours are descriptions
    "unsigned": (
        98,
        ["Divergences (texte non signé)", "Auteur de l'article sur le décomputing (non signé)"],
        [],
    ),
    "disability": (4, ["Mouvements pour le handicap"], []),
    "polemical article": (0, [], ["Article"]),
    # compounds, as you type, several words
    "technoféodalisme": (18, [], ["Recension", "Article", "Réponse"]),
    "techno-féodalisme": (43, [], ["Recension", "Essai", "Article", "Réponse"]),
    "féoda": (44, [], ["Recension", "Essai", "Article", "Réponse"]),
    "Durand rente": (5, [], []),
    "féodalisme capitalisme": (11, [], []),
    "zzzxqj": (0, [], []),
}

HOSTILE = [
    '"',
    '"féodalisme',
    "*",
    "féod*",
    "rente NEAR capital",
    "rente OR capital",
    "-rente",
    "statement:rente",
    "{statement}: rente",
    "'",
    "%",
    "_",
    "%_%",
    "' OR 1=1 --",
    "a & | ! :* (",
    "\x00",
    "\x01\x1f\x7f",
    "x" * 5000,
    " ".join(["rente"] * 500),
    "\\",
    "<script>alert(1)</script>",
    "😀",
    "‮rente",
]


def defined_hits(claims, query: str) -> set[int]:
    """The claims the query should find, by the definition: each term is one of the words
    of the statement (both languages), the quotation or the holder's name (both)."""
    terms = query_terms(query)
    found = set()
    for claim in claims:
        text = " ".join(
            [
                claim.statement,
                claim.statement_en,
                claim.quotation,
                claim.holder.name if claim.holder else "",
                claim.holder.name_en if claim.holder else "",
            ]
        )
        claim_words = words(text)
        if terms and all(any(matches(word, [term]) for word in claim_words) for term in terms):
            found.add(claim.pk)
    return found


def test_the_table_of_queries(controversy):
    claims = list(controversy.claims.shown().select_related("holder"))
    wrong = []
    for query, (count, people, titles) in QUERIES.items():
        terms = query_terms(query)
        hits = list(claim_hits(controversy.claims.shown(), terms).values_list("pk", flat=True))
        names = [p.name for p in controversy.participants.matching(terms)]
        found_titles = [s.title for s in controversy.sources.matching(terms)]
        if len(hits) != count:
            wrong.append(f"{query!r}: {len(hits)} claims, not {count}")
        if set(hits) != defined_hits(claims, query):
            wrong.append(f"{query!r}: not the claims the definition finds")
        if sorted(names) != sorted(people):
            wrong.append(f"{query!r}: participants {names}, not {people}")
        if len(found_titles) != len(titles) or not all(
            any(word in title for title in found_titles) for word in titles
        ):
            wrong.append(f"{query!r}: sources {found_titles}, not {titles}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("one", "other"),
    [("feodalisme", "féodalisme"), ("greve", "grève"), ("rentes", "rente"), ("RENTE", "rente")],
)
def test_accents_case_and_endings_find_the_same_claims(controversy, one, other):
    claims = controversy.claims.shown()
    assert set(claims.search(one)) == set(claims.search(other)) != set()


def test_statement_hits_rank_above_quotation_hits(controversy):
    hits = list(controversy.claims.shown().search("capitalisme"))
    in_statement = [" capital" in claim.search_text for claim in hits]
    assert in_statement == sorted(in_statement, reverse=True) and in_statement[0]
    assert not all(in_statement)  # some are found by their quotation only, after


def test_the_stems_follow_a_save(small_debate):
    claim = small_debate.claims.first()
    claim.statement = "Une grève générale des livreurs."
    claim.save(update_fields=["statement"])
    assert claim in small_debate.claims.search("greve livreur")
    holder = claim.holder
    holder.name = "Rosa Luxemburg"
    holder.save()
    assert claim in small_debate.claims.search("luxemburg")
    assert list(small_debate.participants.matching(query_terms("rosa"))) == [holder]


def test_the_page_groups_ranks_and_marks(client, controversy):
    html = client.get(URL, {"q": "Morozov"}).text
    participants = html.index("<h2>Participants</h2>")
    sources = html.index("<h2>Sources</h2>")
    claims = html.index("<h2>Affirmations</h2>")
    assert participants < sources < claims
    assert '<a href="/technofeodalisme/participants/' in html or "/participant" in html
    assert "Evgeny <mark>Morozov</mark>" in html
    assert "14 affirmations" in html


def test_the_page_marks_words_on_escaped_text(client, small_debate):
    html = client.get("/petit-debat/search/", {"q": "<b>capitalisme</b>"}).text
    assert "Ce n&#x27;est que du <mark>capitalisme</mark>." in html
    assert "<b>" not in html.split("<main", 1)[-1]


def test_htmx_gets_the_grouped_results_only(client, controversy):
    response = client.get(URL, {"q": "Rauzy"}, headers={"HX-Request": "true"})
    html = response.text
    assert html.lstrip().startswith('<div id="search-results" data-announce="54 ')
    assert "<html" not in html and "Pablo <mark>Rauzy</mark>" in html


def test_hostile_queries_answer_a_page_and_leak_nothing(client, controversy):
    for query in HOSTILE:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, repr(query)
        text = response.text
        assert "Traceback" not in text and "syntax" not in text.lower(), repr(query)
        assert "<script>alert" not in text
    html = client.get(URL, {"q": '"féodalisme'}).text
    assert "44 affirmations" in html
    for query in ("", " ", "\x00", "le la les"):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        assert "<mark>" not in response.text


def test_its_queries_are_four_whatever_the_query(client, controversy, django_assert_num_queries):
    for query in ["féodalisme", "Durand rente", " ".join(f"mot{n}" for n in range(40))]:
        with django_assert_num_queries(4):  # the debate, claims, participants, sources
            assert client.get(URL, {"q": query}).status_code == 200
    with django_assert_num_queries(1):  # nothing searchable: the debate only
        assert client.get(URL, {"q": "le la"}).status_code == 200


def test_a_search_page_is_kept_for_readers_until_the_record_changes(
    client, small_debate, django_assert_num_queries
):
    url = "/petit-debat/search/"
    assert "livreurs" not in client.get(url, {"q": "greve"}).text
    with django_assert_num_queries(0):  # the same search again: from the readers' cache
        assert client.get(url, {"q": "greve"}).status_code == 200
    htmx = {"HX-Request": "true"}
    fragment = client.get(url, {"q": "greve"}, headers=htmx).text
    assert "<html" not in fragment  # kept apart from the whole page
    with django_assert_num_queries(0):  # as typed by the next reader: kept too
        assert client.get(url, {"q": "greve"}, headers=htmx).text == fragment
    claim = small_debate.claims.first()
    claim.statement = "Une grève générale des livreurs."
    claim.save(update_fields=["statement"])
    assert "livreurs" in client.get(url, {"q": "greve"}).text  # a save shows at once
    assert "livreurs" in client.get(url, {"q": "greve"}, headers=htmx).text


def test_a_long_query_is_cut(client, controversy):
    html = client.get(URL, {"q": "rente " + "x" * 5000}).text
    value = re.search(r'name="q" value="([^"]*)"', html)[1]
    assert len(value) <= 200


def test_bulk_writes_store_the_stems_too(small_debate):
    """Generated debates (bulk_create and insert_rows) and imports (insert_rows) send no
    save(): their rows get their stems all the same."""
    from django.core.management import call_command

    from arguments.interchange.store import document_from_debate, store_document
    from arguments.record.models import Claim, Debate, Participant, Source

    call_command("generate_debate", claims=40, slug="genere", verbosity=0)
    copy = store_document(document_from_debate(small_debate), slug="copie")
    for debate in (Debate.objects.get(slug="genere"), copy):
        for model in (Claim, Participant, Source):
            rows = model.objects.filter(debate=debate)
            assert rows.exists() and not rows.filter(search_text="").exists(), model
    assert (
        copy.claims.search("capitalisme").count()
        == small_debate.claims.search("capitalisme").count()
        > 0
    )
    assert Debate.objects.get(slug="genere").claims.search("feodalisme").exists()
