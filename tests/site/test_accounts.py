"""Accounts: sign up, log in and out, change and reset a password. Reading needs none."""

import re

from django.contrib.auth import get_user_model
from django.core import mail


def test_anonymous_visitors_read_everything(client, small_debate):
    html = client.get("/petit-debat/claims/thesis/").content.decode()
    assert 'href="/accounts/login/?next=/petit-debat/claims/thesis/"' in html


def test_a_visitor_signs_up_and_is_logged_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "dora",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
            "next": "/petit-debat/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/petit-debat/"
    assert get_user_model().objects.filter(username="dora").exists()
    assert "dora" in client.get("/").content.decode()


def test_signup_refuses_a_taken_name_or_mismatched_passwords(client, alice):
    response = client.post(
        "/accounts/signup/",
        {"username": "alice", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    assert response.status_code == 400
    response = client.post(
        "/accounts/signup/",
        {"username": "eve", "password1": "a-long-pass-phrase", "password2": "another-phrase-1"},
    )
    assert response.status_code == 400
    assert get_user_model().objects.count() == 1
    assert "a-long-pass-phrase" not in response.content.decode()  # never echoed back


def test_signup_ignores_an_offsite_next(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "dora",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/"


def test_login_and_logout(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-password"})
    assert response.status_code == 302
    assert "alice" in client.get("/").content.decode()
    assert client.get("/accounts/logout/").status_code == 405  # logging out is a POST
    assert client.post("/accounts/logout/").status_code == 302
    assert "alice" not in client.get("/").content.decode()


def test_a_wrong_password_is_refused(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_password_change_needs_login_and_the_old_password(client, bob):
    assert client.get("/accounts/password_change/").status_code == 302
    client.force_login(bob)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "wrong",
            "new_password1": "new-pass-phrase-9",
            "new_password2": "new-pass-phrase-9",
        },
    )
    assert response.status_code == 200
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "bob-password",
            "new_password1": "new-pass-phrase-9",
            "new_password2": "new-pass-phrase-9",
        },
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password("new-pass-phrase-9")


def test_password_reset_by_email(client, charlie):
    response = client.post("/accounts/password_reset/", {"email": "charlie@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    response = client.post(
        form_url, {"new_password1": "reset-pass-phrase-7", "new_password2": "reset-pass-phrase-7"}
    )
    assert response.status_code == 302
    charlie.refresh_from_db()
    assert charlie.check_password("reset-pass-phrase-7")
    # The link works once.
    assert "invalide" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_nothing_more(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 0
