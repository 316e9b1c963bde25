"""Signing up on the way to contributing: the return address is carried from the login page
through the sign-up form and back, never to another site, and the new reader is told what
happened."""

import pytest
from django.contrib.auth import get_user_model

CLAIM = "/petit-debat/claims/thesis/"
PASSWORD = "a-long-pass-phrase"


def sign_up(client, next_url: str, name: str = "dora", where: str = "post"):
    data = {"username": name, "password1": PASSWORD, "password2": PASSWORD}
    if where == "post":
        return client.post("/accounts/signup/", {**data, "next": next_url})
    return client.post("/accounts/signup/?" + next_url, data)


def test_the_login_page_passes_the_return_address_on_to_sign_up(client, db):
    page = client.get("/accounts/login/", {"next": CLAIM + "?depth=2&proposals=hide"}).text
    assert (
        'href="/accounts/signup/?next=/petit-debat/claims/thesis/%3Fdepth%3D2%26proposals%3Dhide"'
        in page
    )


def test_the_login_page_offers_no_foreign_return_address(client, db):
    page = client.get("/accounts/login/", {"next": "//evil.example/"}).text
    main = page.split('<main id="main">')[1]  # (the header's language links keep any address)
    assert "evil.example" not in main
    assert 'href="/accounts/signup/"' in main


def test_the_sign_up_form_keeps_the_return_address(client, db):
    page = client.get("/accounts/signup/", {"next": CLAIM}).text
    assert f'name="next" value="{CLAIM}"' in page
    assert f'href="/accounts/login/?next={CLAIM}"' in page.replace("%2F", "/")


def test_a_new_reader_comes_back_where_she_was_and_is_told_so(client, small_debate):
    response = sign_up(client, CLAIM)
    assert response.status_code == 302 and response["Location"] == CLAIM
    page = client.get(CLAIM).text
    assert 'class="messages"' in page and "Bienvenue, dora" in page
    assert "Bienvenue" not in client.get(CLAIM).text  # said once
    assert get_user_model().objects.filter(username="dora").exists()


def test_the_return_address_also_works_from_the_query_string(client, small_debate):
    assert sign_up(client, f"next={CLAIM}", where="query")["Location"] == CLAIM


def test_a_refused_sign_up_keeps_the_return_address(client, alice):
    response = sign_up(client, CLAIM, name="alice")
    assert response.status_code == 400
    assert f'name="next" value="{CLAIM}"' in response.text


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example",
        "//evil.example/petit-debat/",
        "https://evil.example/",
        "http:evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        " //evil.example",
        "/petit-debat/\r\nSet-Cookie: pwned=1",
        "/petit-debat/\x00",
        "/petit-debat/\x1b[31m",
        "/petit-debat/\u202egnp.exe",
        "/" + "a" * 10_000,
    ],
)
def test_a_hostile_return_address_sends_her_home(client, db, hostile):
    response = sign_up(client, hostile)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "pwned" not in response.cookies


@pytest.mark.parametrize("hostile", ["//evil.example", "/" + "a" * 10_000, "/\x00", "/a\x07b"])
def test_the_sign_up_page_never_echoes_a_hostile_address(client, db, hostile):
    response = client.get("/accounts/signup/", {"next": hostile})
    assert response.status_code == 200
    main = response.text.split('<main id="main">')[1]  # (the header's language links keep it)
    assert 'name="next" value="/"' in main
    assert "evil.example" not in main and "a" * 3000 not in main


def test_a_signed_in_reader_is_sent_on_from_sign_up(client, alice):
    client.force_login(alice)
    assert client.get("/accounts/signup/", {"next": CLAIM})["Location"] == CLAIM
    assert client.get("/accounts/signup/", {"next": "//evil.example"})["Location"] == "/"


def test_a_return_address_with_its_own_query_comes_back_whole(client, small_debate):
    target = CLAIM + "?depth=2&proposals=hide"
    assert sign_up(client, target)["Location"] == target


def test_sign_up_takes_a_bounded_number_of_queries(client, db, django_assert_max_num_queries):
    # The name checks, the account, the login and its session (as many on PostgreSQL).
    with django_assert_max_num_queries(15):
        assert sign_up(client, CLAIM).status_code == 302
