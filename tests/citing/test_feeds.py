"""Atom feeds of a debate (new claims and texts) and of a claim's thread: valid Atom (read
by feedparser and checked element by element), and never what a reader who is not signed
in cannot see."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from annotations.models import Annotation

ATOM = "{http://www.w3.org/2005/Atom}"
DEBATE_FEED = "/petit-debat/feed.atom"
THREAD_FEED = "/petit-debat/claims/thesis/feed.atom"


def checked_atom(response) -> ET.Element:
    """The feed, once it is shown to be Atom with every element RFC 4287 requires."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://")
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids))
    return root


def titles(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_the_debate_feed_lists_claims_and_texts(client, small_debate):
    root = checked_atom(client.get(DEBATE_FEED))
    found = titles(root)
    assert "Affirmation : Le numérique est un féodalisme." in found
    assert "Texte : Essai sur rien" in found
    assert len(found) == small_debate.claims.count() + small_debate.sources.count()
    assert (
        root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/petit-debat/"
    )


def test_a_new_claim_comes_first(client, alice, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Une objection toute neuve")
    root = checked_atom(client.get(DEBATE_FEED))
    assert titles(root)[0] == "Proposition d’un lecteur : Une objection toute neuve"


def test_hidden_proposals_and_debates_stay_out(client, alice, maud, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Objection cachée")
    proposal.hide("hors sujet")
    client.force_login(maud)  # even a moderator's feed is the readers' one
    assert "Objection cachée" not in client.get(DEBATE_FEED).content.decode()
    small_debate.hide("retiré")
    assert client.get(DEBATE_FEED).status_code == 404
    assert client.get(THREAD_FEED).status_code == 404


def test_the_thread_feed_shows_what_readers_see(client, alice, bob, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    shown = Annotation.objects.create(author=alice, claim=thesis, body="Un *bon* point")
    shown.reply(bob, "Je réponds")
    hidden = Annotation.objects.create(author=bob, claim=thesis, body="Propos injurieux")
    hidden.reply(alice, "Réponse sous le propos caché")
    hidden.hide(None, "injurieux")
    deleted = Annotation.objects.create(author=bob, claim=thesis, body="Regretté")
    deleted.soft_delete()
    other = small_debate.claims.get(slug="support-rent")
    Annotation.objects.create(author=alice, claim=other, body="Ailleurs")

    response = client.get(THREAD_FEED)
    root = checked_atom(response)
    text = response.content.decode()
    assert len(root.findall(f"{ATOM}entry")) == 2
    assert "Un &lt;em&gt;bon&lt;/em&gt; point" in text  # sanitised HTML, escaped in XML
    assert "Je réponds" in text
    for absent in ("Propos injurieux", "Réponse sous le propos caché", "Regretté", "Ailleurs"):
        assert absent not in text
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("http://testserver/petit-debat/claims/thesis/#annotation-")


def test_an_empty_thread_is_a_valid_feed(client, small_debate):
    root = checked_atom(client.get(THREAD_FEED))
    assert root.findall(f"{ATOM}entry") == []


def test_a_hidden_claim_has_no_feed(client, alice, maud, small_debate):
    proposal = small_debate.claims.get(slug="thesis").propose_argument(alice, "support", "X")
    proposal.hide("hors sujet")
    client.force_login(maud)
    assert client.get(f"/petit-debat/claims/{proposal.slug}/feed.atom").status_code == 404


def test_feeds_refuse_unknown_parameters_and_writes(client, alice, small_debate):
    assert client.get(DEBATE_FEED + "?page=2").status_code == 400
    assert client.get("/nowhere/feed.atom").status_code == 404
    client.force_login(alice)
    assert client.post(DEBATE_FEED).status_code == 405
    assert client.post(THREAD_FEED).status_code == 405


@pytest.mark.parametrize(("url", "count"), [(DEBATE_FEED, 4), (THREAD_FEED, 2)])
def test_feeds_take_few_queries(client, small_debate, django_assert_num_queries, url, count):
    # Debate: the debate, its claims, its sources and their authors. Thread: the claim, the
    # annotations with their authors.
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200


def test_pages_link_their_feeds(client, small_debate):
    claim_page = client.get("/petit-debat/claims/thesis/").content.decode()
    feeds = {
        DEBATE_FEED: "Nouvelles affirmations et nouveaux textes de ce débat",
        THREAD_FEED: "Annotations des lecteurs sur cette affirmation",
    }
    head = claim_page.split("</head>", 1)[0]
    for url, title in feeds.items():
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="{title}" '
            f'href="http://testserver{url}">'
        ) in head
        assert f'<a href="http://testserver{url}" type="application/atom+xml">' in claim_page
    debate_page = client.get("/petit-debat/").content.decode()
    assert f'<a href="http://testserver{DEBATE_FEED}" type="application/atom+xml">' in debate_page
