"""What the API's reads cost: anonymous answers served by the readers' cache, list counts
kept by the same generations, only the columns the JSON shows selected; and every write
still shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation
from arguments.record.models import Claim
from tests.conftest import grow


def sql_of(client, url: str, data: dict | None = None) -> tuple[list[str], dict]:
    """The SQL a GET ran, and its JSON."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response.json()


@pytest.mark.parametrize(
    "url",
    ["/api/claims/", "/api/relations/", "/api/sources/", "/api/participants/", "/api/debates/"],
)
def test_a_repeat_anonymous_list_does_not_count_the_table(api, small_debate, url):
    first, answer = sql_of(api, url)
    assert any("COUNT(" in sql for sql in first)
    again, same = sql_of(api, url)
    assert same == answer
    assert again == []  # the readers' cache: no query at all


def test_a_repeat_anonymous_detail_reads_nothing(api, claims):
    url = f"/api/claims/{claims['thesis'].pk}/"
    _, answer = sql_of(api, url)
    again, same = sql_of(api, url)
    assert same == answer and again == []


def test_the_answer_follows_the_accept_header_not_the_cache(api, claims):
    url = f"/api/claims/{claims['thesis'].pk}/"
    assert api.get(url).status_code == 200
    refused = api.get(url, headers={"Accept": "text/html"})
    assert refused.status_code == 406  # as it would be uncached: JSON is all the API writes


def test_a_signed_in_reader_gets_a_fresh_answer_without_counting_again(api, alice, small_debate):
    api.force_login(alice)  # a session, as the site's readers have (or a token)
    sql_of(api, "/api/claims/")
    again, _ = sql_of(api, "/api/claims/")
    assert not any("COUNT(" in sql for sql in again)  # the count is kept per generation
    assert any('FROM "arguments_claim"' in sql for sql in again)  # the answer is not


def test_a_write_changes_the_next_anonymous_answer(api, alice, small_debate, claims):
    before = api.get("/api/claims/").json()
    api.force_authenticate(alice)
    proposed = api.post(
        "/api/claims/",
        {"target": claims["thesis"].pk, "kind": "objection", "statement": "Pas du tout."},
    )
    assert proposed.status_code == 201
    api.force_authenticate(None)
    after = api.get("/api/claims/").json()
    assert after["count"] == before["count"] + 1
    assert api.get("/api/claims/", {"proposals": "only"}).json()["count"] == 1


def test_a_hidden_proposal_leaves_the_next_anonymous_answer(api, alice, maud, claims):
    api.force_authenticate(alice)
    pk = api.post(
        "/api/claims/",
        {"target": claims["thesis"].pk, "kind": "support", "statement": "Tout à fait."},
    ).json()["id"]
    api.force_authenticate(None)
    assert api.get(f"/api/claims/{pk}/").status_code == 200
    counted = api.get("/api/claims/").json()["count"]
    api.force_authenticate(maud)
    assert api.post(f"/api/claims/{pk}/hide/", {"reason": "hors sujet"}).status_code == 200
    api.force_authenticate(None)
    assert api.get(f"/api/claims/{pk}/").status_code == 404
    assert api.get("/api/claims/").json()["count"] == counted - 1


def test_an_annotation_changes_the_annotations_not_the_claims(api, alice, claims):
    api.get("/api/claims/")
    assert api.get("/api/annotations/").json()["count"] == 0
    Annotation.objects.create(author=alice, claim=claims["thesis"], body="Une note.")
    claims_sql, _ = sql_of(api, "/api/claims/")
    assert claims_sql == []  # still the cached answer
    assert api.get("/api/annotations/").json()["count"] == 1


def test_cached_answers_carry_no_cookie(api, small_debate):
    api.get("/api/claims/")
    response = api.get("/api/claims/")
    assert not response.cookies and "Set-Cookie" not in response


def test_the_host_is_part_of_the_cached_answer(api, claims):
    url = f"/api/claims/{claims['thesis'].pk}/"
    assert api.get(url).json()["page_url"].startswith("http://testserver/")
    other = api.get(url, headers={"host": "localhost"}).json()["page_url"]
    assert other.startswith("http://localhost/")


def test_query_count_does_not_grow_with_the_page(api, small_debate):
    small, _ = sql_of(api, "/api/claims/", {"page_size": 100})
    grow(small_debate, 120)
    large, answer = sql_of(api, "/api/claims/", {"page_size": 100})
    assert len(answer["results"]) == 100
    assert len(small) == len(large) == 2  # the count, the page


def test_lists_select_only_what_they_show(api, small_debate):
    for url in ("/api/claims/", "/api/relations/", "/api/sources/", "/api/annotations/"):
        queries, _ = sql_of(api, url)
        for sql in queries:  # neither the joined debates' descriptions nor users' passwords
            assert '"description"' not in sql and '"password"' not in sql, url
    queries, _ = sql_of(api, "/api/claims/?page_size=1")
    assert '"imported_author"' not in queries[-1]


def test_a_claim_counts_the_same_after_a_correction(api, charlie, claims):
    """A correction by staff is a write like any other: the next anonymous read shows it."""
    url = f"/api/claims/{claims['thesis'].pk}/"
    assert api.get(url).json()["statement"] == "Le numérique est un féodalisme."
    api.force_authenticate(charlie)
    edited = api.patch(url, {"statement": "Le numérique est un néo-féodalisme."})
    assert edited.status_code == 200
    api.force_authenticate(None)
    assert api.get(url).json()["statement"] == "Le numérique est un néo-féodalisme."
    assert Claim.objects.get(pk=claims["thesis"].pk).statement.endswith("néo-féodalisme.")


def test_a_reader_with_a_token_is_never_served_the_anonymous_answer(api, alice, claims):
    from rest_framework.authtoken.models import Token

    for _ in range(2):  # stored, then served to anonymous readers
        assert "ETag" in api.get("/api/claims/")
    token = Token.objects.create(user=alice)
    mine = api.get("/api/claims/", headers={"Authorization": f"Token {token.key}"})
    assert mine.status_code == 200 and "ETag" not in mine  # answered for alice, not stored
