"""Home page: the debates, their theses, participants and sources on a timeline."""

from django.utils import timezone

from arguments.record.models import Debate
from tests.conftest import change_debate, grow


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
    # debates, their participants, timeline, theses (and their authors), imported maps
    assert_queries_do_not_grow("/", 6)


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
    # are computed: theses, participants, timeline (4).
    with django_assert_num_queries(6):
        html = client.get("/").content.decode()
    assert 'href="/grand/"' in html and "Le numérique est un féodalisme." in html
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
    from arguments.record.models import Claim

    holder = small_debate.claims.theses().first().holder
    before = client.get("/").content.decode()
    held = Claim.objects.filter(holder=holder).count()
    assert f"{held} affirmations" in before
    grow(small_debate, 3)  # three more claims held by the same participant
    after = client.get("/").content.decode()
    assert f"{held + 3} affirmations" in after


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
