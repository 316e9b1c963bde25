"""Login throttling (django-axes, debate/settings_accounts.py): failed logins are counted per
client address, over the site's login form, the admin's and POST /api/token/; past the
limit the address is refused, even with the right password, by a 429 page. The address is
the one our own proxies saw (TRUSTED_PROXY_COUNT), not what a client writes in
X-Forwarded-For."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.client_address import client_address

LOGIN = "/accounts/login/"


def log_in(client, username, password, address="10.0.0.1", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, headers=headers
    )


def fail(client, times, username="alice", address="10.0.0.1", **headers):
    for _attempt in range(times):
        response = log_in(client, username, "wrong-password", address, **headers)
        assert response.status_code in (200, 429)  # the form again, with its error; or locked
    return response


def test_the_fifth_failure_locks_the_address_even_for_the_right_password(client, alice):
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1).status_code == 200
    locked = log_in(client, "alice", "wrong-password", headers=None)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    refused = log_in(client, "alice", "alice-password")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lockout_page_says_how_long_to_wait_in_the_readers_language(client, alice):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    english = log_in(client, "alice", "wrong-password", **{"Accept-Language": "en"})
    page = english.content.decode()
    assert english.status_code == 429
    assert "Too many failed logins" in page and "Try again in 15 minutes" in page
    assert 'href="/accounts/password_reset/"' in page
    assert "wrong-password" not in page
    french = log_in(client, "alice", "wrong-password", **{"Accept-Language": "fr"})
    assert french.status_code == 429 and '<html lang="fr"' in french.content.decode()


def test_a_locked_out_address_does_not_lock_the_account_out_elsewhere(client, alice):
    assert fail(client, settings.AXES_FAILURE_LIMIT, address="10.0.0.66").status_code == 429
    assert log_in(client, "alice", "alice-password", address="10.0.0.66").status_code == 429
    assert log_in(client, "alice", "alice-password", address="10.0.0.2").status_code == 302


def test_guesses_sprayed_over_many_accounts_lock_the_address(client, alice, bob, maud):
    for username in ["alice", "bob", "maud", "nobody", "admin"]:
        response = log_in(client, username, "Summer2024!")
    assert response.status_code == 429
    assert log_in(client, "bob", "bob-password").status_code == 429


def test_signing_in_forgets_ones_own_failures_not_the_addresss(client, alice, bob):
    fail(client, 2, username="bob")
    fail(client, 2, username="alice")
    assert log_in(client, "alice", "alice-password").status_code == 302
    client.post("/accounts/logout/")
    # Alice's two typos are forgiven; the two guesses at bob's account still count.
    fail(client, 2)
    assert log_in(client, "alice", "wrong-password").status_code == 429


def test_without_proxies_x_forwarded_for_is_ignored(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for index in range(settings.AXES_FAILURE_LIMIT - 1):
        fail(client, 1, **{"X-Forwarded-For": f"192.0.2.{index}"})
    spoofed = log_in(client, "alice", "wrong-password", **{"X-Forwarded-For": "192.0.2.99"})
    assert spoofed.status_code == 429


def test_behind_one_proxy_the_address_it_saw_is_counted(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    # What the client wrote itself is on the left, and changes every time: ignored.
    for index in range(settings.AXES_FAILURE_LIMIT):
        forwarded = f"192.0.2.{index}, 203.0.113.5"
        response = fail(client, 1, address=proxy, **{"X-Forwarded-For": forwarded})
    assert response.status_code == 429
    right = log_in(client, "alice", "alice-password", proxy, **{"X-Forwarded-For": "203.0.113.5"})
    assert right.status_code == 429
    # Another reader behind the same proxy is not locked out.
    other = log_in(client, "alice", "alice-password", proxy, **{"X-Forwarded-For": "203.0.113.6"})
    assert other.status_code == 302


def test_the_admin_login_is_throttled_too(client, charlie):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/",
            {"username": "charlie", "password": "guess", "next": "/admin/"},
            REMOTE_ADDR="10.0.0.7",
        )
    assert response.status_code == 429
    right = {"username": "charlie", "password": "charlie-password", "next": "/admin/"}
    assert client.post("/admin/login/", right, REMOTE_ADDR="10.0.0.7").status_code == 429


def test_api_token_guesses_count_whatever_x_forwarded_for_says(client, alice):
    for index in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/api/token/",
            {"username": "alice", "password": "guess"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.8",
            headers={"X-Forwarded-For": f"198.51.100.{index}"},
        )
        assert response.status_code == 400
    right = {"username": "alice", "password": "alice-password"}
    token = client.post(
        "/api/token/", right, content_type="application/json", REMOTE_ADDR="10.0.0.8"
    )
    assert token.status_code == 400 and "token" not in token.json()
    assert log_in(client, "alice", "alice-password", address="10.0.0.8").status_code == 429


class Request:
    def __init__(self, remote: str, forwarded: str | None = None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.1"),
        (0, "6.6.6.6", "10.0.0.1"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.1.1.1", "203.0.113.5"),
        (1, None, "10.0.0.1"),  # not through the proxy: its own address
        (2, "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: not trusted
        (1, " 203.0.113.5 ,", "203.0.113.5"),
    ],
)
def test_the_client_address_is_read_that_many_hops_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(Request("10.0.0.1", forwarded)) == expected


def test_the_api_token_throttle_reads_the_trusted_address_too(client, alice):
    """DRF's own throttle on POST /api/token/ (10 a minute) keys on the same address:
    REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT, else X-Forwarded-For picks it."""
    for index in range(10):
        response = client.post(
            "/api/token/",
            {"username": "alice", "password": "guess"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.9",
            headers={"X-Forwarded-For": f"198.51.100.{index}"},
        )
        assert response.status_code == 400
    response = client.post(
        "/api/token/",
        {"username": "alice", "password": "guess"},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.9",
        headers={"X-Forwarded-For": "198.51.100.200"},
    )
    assert response.status_code == 429
