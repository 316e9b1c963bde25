"""Pages for readers who are not signed in come from a cache kept by the debate's revision;
signed-in readers, htmx partials and pages with a form are always made afresh."""

from __future__ import annotations

from annotations.models import Annotation

CLAIM = "/petit-debat/claims/thesis/"


def test_a_second_reader_gets_the_page_for_one_query(
    client, small_debate, django_assert_num_queries
):
    first = client.get(CLAIM)
    with django_assert_num_queries(1):  # the debate's revision
        again = client.get(CLAIM)
    assert again.status_code == 200
    assert again.content == first.content
    assert "Content-Security-Policy" in again  # the site's headers still apply
    assert not again.cookies  # nothing personal: no token, no session


def test_any_change_shows_at_once(client, small_debate, alice):
    client.get(CLAIM)
    thesis = small_debate.claims.get(slug="thesis")
    Annotation.objects.create(author=alice, claim=thesis, body="Une annotation toute neuve")
    assert "Une annotation toute neuve" in client.get(CLAIM).content.decode()
    thesis.statement = "Un énoncé revu"
    thesis.save()
    assert "Un énoncé revu" in client.get(CLAIM).content.decode()


def test_each_address_and_language_is_its_own_page(client, small_debate):
    french = client.get(CLAIM).content.decode()
    english = client.get(CLAIM, headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    deeper = client.get(CLAIM, {"depth": "3"}).content.decode()
    assert 'value="3" selected' in deeper
    assert 'value="3" selected' not in client.get(CLAIM).content.decode()


def test_a_signed_in_reader_never_gets_the_cached_page(client, small_debate, alice):
    client.get(CLAIM)  # cached for readers not signed in
    client.force_login(alice)
    page = client.get(CLAIM).content.decode()
    assert '<span class="user">alice</span>' in page
    assert "X-CSRFToken" in page  # htmx writes carry the token


def test_htmx_partials_and_errors_are_not_cached(client, small_debate, django_assert_num_queries):
    client.get(CLAIM, {"depth": "2"}, headers={"HX-Request": "true"})
    partial = client.get(CLAIM, {"depth": "2"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert client.get(CLAIM, {"depth": "nope"}).status_code == 400
    assert client.get(CLAIM, {"depth": "nope"}).status_code == 400
    assert client.get("/petit-debat/claims/nope/").status_code == 404


def test_a_reader_with_a_session_or_messages_is_not_served_from_the_cache(
    client, small_debate, django_assert_num_queries
):
    client.get(CLAIM)  # now cached
    client.cookies["messages"] = "pending"  # messages waiting: the page may be someone's own
    with django_assert_num_queries(8):  # made afresh: the page and its label, no cache lookup
        assert client.get(CLAIM).status_code == 200


def test_the_language_switch_is_a_plain_link(client, small_debate):
    page = client.get(CLAIM).content.decode()
    assert 'href="/language/en/?next=/petit-debat/claims/thesis/"' in page
    response = client.get("/language/en/", {"next": CLAIM})
    assert response.status_code == 302 and response["Location"] == CLAIM
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get(CLAIM).content.decode()


def test_the_language_switch_refuses_unknown_languages_and_offsite_addresses(client, db):
    assert client.get("/language/xx/").status_code == 404
    response = client.get("/language/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.post("/language/en/").status_code == 405


def test_the_map_page_too(client, small_debate, django_assert_num_queries):
    first = client.get("/petit-debat/map/", {"participant": "bruno"})
    with django_assert_num_queries(1):
        again = client.get("/petit-debat/map/", {"participant": "bruno"})
    assert again.content == first.content
    # A query to be made canonical is redirected, never stored as a page.
    assert (
        client.get("/petit-debat/map/", {"participant": "bruno", "label": "medium"}).status_code
        == 302
    )
