"""Sign-ups and password-reset mails are limited per client address (and reset mails per
email address), counted in the cache; over a limit, a clear 429 page. When the cache does
not answer, nothing is done and a 503 page says to try again: never a 500, never a mail
or an account let through uncounted."""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

SIGNUP = "/accounts/signup/"
RESET = "/accounts/password_reset/"
ENGLISH = {"Accept-Language": "en"}


def sign_up(client, username, address="10.0.0.1"):
    password = "a-long-pass-phrase"
    data = {"username": username, "password1": password, "password2": password}
    return client.post(SIGNUP, data, REMOTE_ADDR=address, headers=ENGLISH)


def ask_reset(client, email, address="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, headers=ENGLISH)


@pytest.fixture
def limits(settings, db):
    settings.SIGNUP_RATE_LIMIT = (2, 3600)
    settings.PASSWORD_RESET_RATE_LIMIT = (3, 3600)
    settings.PASSWORD_RESET_EMAIL_LIMIT = (2, 3600)
    return settings


def test_signups_from_one_address_are_limited(client, limits):
    for name in ["dora", "edgar"]:
        assert sign_up(client, name).status_code == 302
        client.post("/accounts/logout/")
    refused = sign_up(client, "fanny")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "2 accounts were already created from your address" in refused.content.decode()
    assert not get_user_model().objects.filter(username="fanny").exists()
    # Another address is not affected.
    assert sign_up(client, "fanny", address="10.0.0.2").status_code == 302


def test_a_refused_signup_form_is_not_counted(client, limits, alice):
    for _attempt in range(3):
        assert sign_up(client, "alice").status_code == 400  # the name is taken
    assert sign_up(client, "dora").status_code == 302


def test_the_signup_limit_reads_the_address_behind_the_proxy(client, limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for index, name in enumerate(["dora", "edgar", "fanny"]):
        response = client.post(
            SIGNUP,
            {
                "username": name,
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            },
            REMOTE_ADDR="10.9.9.9",
            headers={"X-Forwarded-For": f"192.0.2.{index}, 203.0.113.5"},
        )
        client.post("/accounts/logout/")
    assert response.status_code == 429


def test_reset_mails_to_one_address_are_limited_without_saying_so(client, limits, charlie):
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]:
        response = ask_reset(client, "Charlie@example.org", address)
        assert (
            response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
        )
    # The third asks the same, and is answered the same; no third mail is sent.
    assert len(mail.outbox) == 2


def test_asking_for_an_unknown_address_is_counted_and_answered_the_same(client, limits):
    responses = [
        ask_reset(client, "nobody@example.org", a) for a in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
    ]
    assert {response.status_code for response in responses} == {302}
    assert len(mail.outbox) == 0


def test_reset_requests_from_one_client_address_are_limited(client, limits, alice, bob, maud):
    for email in ["alice@example.org", "bob@example.org", "maud@example.org"]:
        assert ask_reset(client, email).status_code == 302
    refused = ask_reset(client, "charlie@example.org")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "3 password resets were already asked from your address" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_an_invalid_reset_form_is_not_counted(client, limits):
    for _attempt in range(4):
        assert ask_reset(client, "not an email").status_code == 200


@pytest.fixture
def cache_down(settings):
    """The site's cache on a Redis port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "debate.cache_outage.OutageTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_without_the_cache_a_signup_is_refused_with_a_503(client, db, cache_down):
    assert client.get(SIGNUP).status_code == 200
    response = sign_up(client, "dora")
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "nothing was done" in response.content.decode()
    assert not get_user_model().objects.filter(username="dora").exists()


def test_without_the_cache_no_reset_mail_is_sent(client, charlie, cache_down):
    assert client.get(RESET).status_code == 200
    response = ask_reset(client, "charlie@example.org")
    assert response.status_code == 503 and "nothing was done" in response.content.decode()
    assert len(mail.outbox) == 0
