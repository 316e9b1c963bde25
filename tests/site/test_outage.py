"""A database outage: pages answer a clean 503 with Retry-After, the API a JSON 503, and a
connection the server ended is replaced on a later request."""

from __future__ import annotations

import socket

import pytest
from django.db import close_old_connections, connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client


def swapped_default(settings_dict: dict):
    """Put a new PostgreSQL connection in place of the default one for this thread; the
    test's own connection, and its transaction, are put back afterwards."""
    original = connections["default"]
    replacement = DatabaseWrapper(dict(original.settings_dict, **settings_dict), "default")
    connections["default"] = replacement
    return original, replacement


@pytest.fixture
def unreachable_database(db):
    """The default database points at a port where nothing listens. The port is bound (and
    not listening) for the whole test, so no other process can take it meanwhile."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    original, replacement = swapped_default(
        {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": "127.0.0.1",
            "PORT": str(closed.getsockname()[1]),
            "NAME": "unreachable",
            "USER": "postgres",
            "PASSWORD": "",
            "OPTIONS": {"connect_timeout": 2},
        }
    )
    try:
        yield
    finally:
        connections["default"] = original
        replacement.close()
        closed.close()


@pytest.mark.usefixtures("unreachable_database")
def test_a_page_answers_503_with_retry_after(client):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Service unavailable" in html and "Service momentanément indisponible" in html
    assert "Traceback" not in html and "OperationalError" not in html


@pytest.mark.usefixtures("unreachable_database")
def test_the_api_answers_a_json_503(client):
    response = client.get("/api/debates/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The database is unavailable; try again shortly."}
    assert response["Retry-After"] == "10"


def test_a_signed_in_reader_gets_503_when_their_session_cannot_be_read(client, alice, request):
    client.force_login(alice)  # the session is stored while the database answers
    request.getfixturevalue("unreachable_database")
    response = client.get("/")
    assert response.status_code == 503
    assert "Service unavailable" in response.content.decode()


def test_an_outage_met_outside_the_view_is_a_503_too(alice, request):
    # No URL matches: the 404 page reads the reader's session, outside any view.
    # (The test client re-raises such errors by default; a server answers instead.)
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    request.getfixturevalue("unreachable_database")
    response = client.get("/no/such/page/here/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"


@pytest.mark.usefixtures("unreachable_database")
def test_a_post_to_the_api_during_an_outage_is_a_503_not_a_500(client):
    response = client.post("/api/token/", {"username": "alice", "password": "x"})
    assert response.status_code == 503
    assert response.json()["detail"] == "The database is unavailable; try again shortly."


def test_other_errors_are_left_to_django(client, db):
    # Not an outage: an unknown page is still a 404.
    assert client.get("/no/such/page/here/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ends a PostgreSQL backend")
def test_a_connection_the_server_ended_is_replaced_on_a_later_request(client, db):
    original, replacement = swapped_default({"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True})
    # A page that reads the database on every request (home would come from the readers'
    # cache): a debate's about page, here of a debate that does not exist.
    page = "/no-such-debate/about/"
    try:
        assert client.get(page).status_code == 404
        with original.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(%s)", [replacement.connection.info.backend_pid]
            )
        assert client.get(page).status_code == 503
        # What Django's handler does at the end of every request (the test client skips it):
        # drop a connection that had errors.
        close_old_connections()
        assert client.get(page).status_code == 404
    finally:
        connections["default"] = original
        replacement.close()
