"""Home page: each debate opens on its exchange, the texts that answer one another in
publication order, with a search box and the ways into the record."""

from datetime import date

from django.utils import timezone

from arguments.record.models import Debate
from tests.conftest import change_debate


def exchange_of(html: str) -> str:
    start = html.index('class="exchange"')
    return html[start : html.index("</ol>", start)]


def test_it_leads_with_the_exchange_its_thesis_and_what_answers_it(client, small_debate):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un petit débat" in html
    exchange = exchange_of(html)
    # The essay, then the answer that objects to it (its date, "circa 2025", says less).
    assert exchange.index("Essai sur rien") < exchange.index("Réponse")
    assert "Le numérique est un féodalisme." in exchange  # the essay's central thesis
    assert "Répondu par" in exchange and "1 objection" in exchange
    assert 'href="/petit-debat/map/?source=essai-2025"' in exchange
    assert 'href="/petit-debat/standing/?as_of=2025-10-31"' in exchange  # surely out by then
    # The participant's hostile name is inert text.
    assert "Bruno &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Co&quot;" in html
    assert "<b>&amp;</b>" not in html


def test_it_has_a_search_box_and_links_to_the_participants_map_and_the_standing(
    client, small_debate
):
    html = client.get("/").content.decode()
    assert 'action="/petit-debat/search/"' in html and 'name="q"' in html
    assert 'method="get"' in html  # works without JavaScript
    assert 'href="/petit-debat/answers/"' in html
    assert 'href="/petit-debat/standing/"' in html
    assert 'href="/petit-debat/"' in html  # the whole record, on the debate's own page


def test_the_order_comes_from_the_dates(client, small_debate):
    """A third text answering the essay: placed by its date among the answers, and moved
    when its date changes."""
    from arguments.record.models import Claim, Relation, Source

    alice = small_debate.participants.get(slug="alice-author")
    thesis = small_debate.claims.get(slug="thesis")
    later = Source.objects.create(debate=small_debate, slug="tard", title="Texte tardif")
    later.authors.add(alice)
    claim = Claim.objects.create(
        debate=small_debate,
        slug="tard-1",
        statement="Une reprise.",
        holder=alice,
        source=later,
        quotation="une reprise",
    )
    Relation.objects.create(
        debate=small_debate,
        from_claim=claim,
        to_claim=thesis,
        kind="support",
        drawn_by=alice,
        source=later,
    )

    def order() -> list[str]:
        html = client.get("/").content.decode()
        exchange = html[html.index('class="exchange"') :]
        titles = ["Essai sur rien", "Réponse", "Texte tardif"]
        return sorted(titles, key=lambda title: exchange.index(title))

    later.published, later.date_precision, later.date_qualifier = date(2026, 3, 1), "day", ""
    later.save()
    assert order() == ["Essai sur rien", "Réponse", "Texte tardif"]
    reponse = small_debate.sources.get(slug="reponse")
    reponse.published, reponse.date_precision, reponse.date_qualifier = date(2026, 6, 1), "day", ""
    reponse.save()
    assert order() == ["Essai sur rien", "Texte tardif", "Réponse"]


def test_other_texts_are_folded_with_their_count(client, small_debate):
    from arguments.record.models import Source

    Source.objects.create(debate=small_debate, slug="isole", title="Texte isolé")
    html = client.get("/").content.decode()
    folded = html[html.index('<details class="other-texts">') :]
    assert "Les autres textes (1)" in folded or "L’autre texte (1)" in folded
    assert "Texte isolé" in folded


def test_the_shipped_exchange_is_morozov_lordon_durand_rauzy(client, controversy):
    html = client.get("/").content.decode()
    exchange = exchange_of(html)
    slugs = [
        "morozov-2025-monde-diplomatique",
        "lordon-2025-blog-diplo",
        "durand-2025-contretemps",
        "rauzy-2025-consommer-produire",
    ]
    places = [exchange.index(f'id="text-{slug}"') for slug in slugs]
    assert places == sorted(places)
    assert exchange.count('class="exchange-text"') == 4
    assert "Capitaliste : un capitalisme parfaitement ordinaire." in exchange  # Morozov's thesis


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # debates with their revisions, imported maps; the exchange: sources and their authors,
    # the answers between texts, the editors' answers, the most answered claims (two)
    assert_queries_do_not_grow("/", 8)


def test_imported_maps_are_listed_briefly_not_in_full(client, small_debate, django_user_model):
    from arguments.interchange.document import Claim, Document
    from arguments.interchange.store import store_document

    document = Document(slug="ova-map", title="Une carte d’OVA")
    document.claims = [Claim(key="a", statement="Une thèse venue d’ailleurs")]
    debate = store_document(document, imported_from="AIF (AIFdb, OVA): map.json (alice)")
    assert "ova-map" not in client.get("/").content.decode()  # unlisted until published
    change_debate(Debate.objects.get(pk=debate.pk), published_at=timezone.now())
    html = client.get("/").content.decode()
    assert '<a href="/ova-map/">Une carte d’OVA</a>' in html
    assert "1 affirmation · AIF (AIFdb, OVA): map.json (alice)" in html
    assert "Une thèse venue d’ailleurs" not in html  # not in full
    assert "Le numérique est un féodalisme." in html  # the curated debate is


def test_it_rejects_post(client, small_debate):
    assert client.post("/").status_code == 405


def test_it_says_when_no_debate_is_loaded(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "load_debate" in response.content.decode()


def test_hidden_and_unpublished_debates_are_not_listed(client, small_debate, controversy, maud):
    change_debate(Debate.objects.get(pk=small_debate.pk), published_at=None)
    change_debate(
        Debate.objects.get(pk=controversy.pk), hidden_at=timezone.now(), hidden_reason="x"
    )
    for persona in (None, maud):  # moderators find them in moderation, not on the home page
        if persona:
            client.force_login(persona)
        html = client.get("/").content.decode()
        assert 'href="/petit-debat/"' not in html
        assert f'href="/{controversy.slug}/"' not in html
    client.logout()
    change_debate(Debate.objects.get(pk=small_debate.pk), published_at=timezone.now())
    assert 'href="/petit-debat/"' in client.get("/").content.decode()


def published_synthetic_debate(claims: int, curated: bool) -> Debate:
    """A generated debate of `claims` claims, listed on the home page: in full if `curated`,
    else among the imported maps."""
    from io import StringIO

    from django.core.management import call_command

    call_command("generate_debate", "--claims", str(claims), "--slug", "grand", stdout=StringIO())
    debate = Debate.objects.get(slug="grand")
    changes = {"published_at": timezone.now()}
    if curated:
        changes["imported_from"] = ""
    change_debate(Debate.objects.get(pk=debate.pk), **changes)
    return debate


def test_a_second_debate_of_500_claims_costs_a_constant_number_of_queries(
    client, small_debate, django_assert_num_queries
):
    client.get("/")
    with django_assert_num_queries(0):  # the page, from the readers' cache
        assert client.get("/").status_code == 200
    published_synthetic_debate(500, curated=True)
    # The listed debates with their revisions, the imported (2); only the new debate's rows
    # are computed: its texts and their authors, the answers between texts, the editors'
    # answers, the most answered claims and their rows (6).
    with django_assert_num_queries(8):
        html = client.get("/").content.decode()
    assert 'action="/grand/search/"' in html and "Le numérique est un féodalisme." in html
    with django_assert_num_queries(0):
        assert client.get("/").content.decode() == html


def test_an_imported_map_of_500_claims_is_counted_once_per_revision(
    client, small_debate, django_assert_num_queries
):
    published_synthetic_debate(500, curated=False)
    assert "500 affirmations" in client.get("/").content.decode()
    client.cookies["messages"] = "pending"  # made afresh, not from the readers' cache
    with django_assert_num_queries(2):  # the listed debates and their revisions only
        assert "500 affirmations" in client.get("/").content.decode()


def test_a_write_to_the_record_shows_on_the_next_visit(client, small_debate):
    from arguments.record.models import Source

    assert "Essai sur tout" not in client.get("/").content.decode()
    essay = Source.objects.get(debate=small_debate, slug="essai-2025")
    essay.title = "Essai sur tout"
    essay.save()  # as the site writes: the readers' cache hears of it
    assert "Essai sur tout" in client.get("/").content.decode()


def test_an_annotation_does_not_recompute_the_rows(
    client, small_debate, alice, django_assert_num_queries
):
    from annotations.models import Annotation

    client.get("/")
    Annotation.objects.create(author=alice, claim=small_debate.claims.first(), body="Une note.")
    with django_assert_num_queries(0):  # home shows no annotation: still the cached page
        assert client.get("/").status_code == 200
    client.cookies["messages"] = "pending"  # made afresh, not from the readers' cache
    with django_assert_num_queries(2):  # the listed debates and their revisions only
        assert client.get("/").status_code == 200


def test_in_english_the_exchange_reads_in_english_from_the_same_kept_rows(client, controversy):
    french = exchange_of(client.get("/").content.decode())
    assert "Répondu par" in french
    english = exchange_of(client.get("/", headers={"accept-language": "en"}).content.decode())
    assert "The exchange, in publication order" in english and "Answered by" in english
    assert "Capitalist: perfectly ordinary capitalism." in english  # the editors' words, English
    assert "Capitaliste" not in english
