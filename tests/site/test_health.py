"""GET /health/: 200 when the database and the cache answer, 503 naming what does not."""

from __future__ import annotations

import socket

import pytest

from tests.site.test_outage import unreachable_database  # noqa: F401  (a fixture)


def test_it_answers_ok_when_the_database_and_the_cache_answer(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response  # no session, no CSRF cookie


@pytest.mark.usefixtures("unreachable_database")
def test_it_answers_503_naming_the_database_when_it_does_not_answer(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_it_answers_503_naming_the_cache_when_it_does_not_answer(client, db, settings):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
    try:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed.getsockname()[1]}/0",
            }
        }
        response = client.get("/health/")
    finally:
        closed.close()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_it_rejects_post(client, db):
    response = client.post("/health/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_it_needs_no_sign_in(client, alice):
    client.force_login(alice)
    assert client.get("/health/").status_code == 200
